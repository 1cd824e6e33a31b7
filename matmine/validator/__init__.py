"""matmine.validator"""
