"""matmine.index"""
