"""Shipped lexicons: elements.json, abbreviations.tsv, chemical_names.tsv (a package so the wheel carries them)."""
