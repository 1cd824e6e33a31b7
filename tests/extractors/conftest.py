"""Fixtures for the extractor tests: one pipeline per test session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from matmine.extractors.pipeline import get_nlp


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The full extraction pipeline, built once."""
    return get_nlp()
