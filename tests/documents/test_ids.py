"""Document id normalisation and lookup candidates."""

from __future__ import annotations

import pytest

from matmine.documents.ids import candidate_ids, normalise_document_id, patent_number_key
from matmine.documents.patents import claim_dependencies


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("US08926509", "US8926509"),
        ("US8926509B2", "US8926509B2"),
        ("US 8,926,509 B2", "US8926509B2"),
        ("us8926509", "US8926509"),
        ("US 2018/0000016 A1", "US20180000016A1"),
        ("US20180000016", "US20180000016"),
        ("US20180000016A1", "US20180000016A1"),
        ("10.7554/eLife.56337", "10.7554/elife.56337"),
        ("https://doi.org/10.7554/eLife.56337", "10.7554/elife.56337"),
        ("http://dx.doi.org/10.1371/journal.PONE.0234687", "10.1371/journal.pone.0234687"),
        ("doi:10.1038/NMAT3066", "10.1038/nmat3066"),
        ("DOI: 10.1038/nmat3066", "10.1038/nmat3066"),
        ("2401.00011", "arXiv:2401.00011"),
        ("arXiv:2401.00011v2", "arXiv:2401.00011"),
        ("https://arxiv.org/abs/2401.00011", "arXiv:2401.00011"),
        ("https://arxiv.org/pdf/2401.00011v3", "arXiv:2401.00011"),
        ("DEMO-P0001", "DEMO-P0001"),
        ("DEMO-A0001", "DEMO-A0001"),
        ("EP 2 555 123 A1", "EP2555123A1"),
        ("  something else  ", "something else"),
    ],
)
def test_normalise_document_id(raw: str, canonical: str) -> None:
    assert normalise_document_id(raw) == canonical


def test_kindless_lookup_finds_the_stored_key() -> None:
    # the index stores US8926509B2 with alternate id US8926509 (patent_number_key)
    assert patent_number_key("US8926509B2") == "US8926509"
    assert patent_number_key("US08926509") == "US8926509"
    assert "US8926509" in candidate_ids("US08926509")
    assert candidate_ids("US 8,926,509 B2")[:2] == ["US8926509B2", "US8926509"]
    assert candidate_ids("US 2018/0000016 A1") == ["US20180000016A1", "US20180000016"]
    assert candidate_ids("10.7554/eLife.56337") == ["10.7554/elife.56337"]
    assert candidate_ids("DEMO-P0001") == ["DEMO-P0001"]
    assert patent_number_key("10.7554/elife.56337") is None


@pytest.mark.parametrize(
    ("text", "number", "refs", "expected"),
    [
        ("The method of claim 1, further comprising", 2, (), (1,)),
        ("A method as claimed in claims 1 or 2, wherein", 3, (), (1, 2)),
        ("according to any one of claims 1 to 3", 4, (), (1, 2, 3)),
        ("according to any one of claims 1-3 or claim 5", 6, (), (1, 2, 3, 5)),
        ("as set forth in claim 1, wherein 2 layers", 3, (1,), (1,)),
        ("according to any one of claims 1 to 3", 4, (1, 3), (1, 2, 3)),
        ("A device comprising a housing", 1, (), ()),
        ("the device of claim 7", 3, (), ()),  # forward references are not dependencies
    ],
)
def test_claim_dependencies(
    text: str, number: int, refs: tuple[int, ...], expected: tuple[int, ...]
) -> None:
    assert claim_dependencies(text, number, refs) == expected
