"""matmine.documents"""
