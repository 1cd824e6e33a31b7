"""matmine.crawlers"""
