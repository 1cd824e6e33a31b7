"""matmine.pipelines"""
