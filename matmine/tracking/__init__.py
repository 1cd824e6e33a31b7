"""matmine.tracking"""
