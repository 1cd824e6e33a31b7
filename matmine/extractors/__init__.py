"""matmine.extractors"""
