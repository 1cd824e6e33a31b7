"""docs/query-language.md is generated from the grammar; every example in it parses."""

from __future__ import annotations

from pathlib import Path

import pytest

from matmine.index.docgen import examples, render, rule_sections
from matmine.index.parser import grammar_text, parse_filter

DOC = Path(__file__).resolve().parents[2] / "docs" / "query-language.md"


def test_docs_match_the_grammar() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/query-language.md is stale: run python -m matmine.index.docgen > docs/query-language.md"
    )


def test_every_rule_is_documented() -> None:
    documented = {rule.split(":")[0].lstrip("?").strip() for *_, rule in rule_sections()}
    rules = set()
    for line in grammar_text().splitlines():
        head = line.split(":")[0].lstrip("?").strip()
        if line and line[0] in "?abcdefghijklmnopqrstuvwxyz" and ":" in line and " " not in head:
            rules.add(head)
    # `value`, `quantity` and `element` are documented inside their parent rules
    assert rules - documented <= {"value", "quantity", "element"}


@pytest.mark.parametrize("example", examples())
def test_every_example_parses(example: str) -> None:
    parse_filter(example)
