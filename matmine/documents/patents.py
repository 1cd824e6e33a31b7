"""Helpers shared by the patent readers: claims, dependencies, dates, classes, ids."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from lxml import etree

from matmine.documents.ids import patent_alternate_ids
from matmine.documents.xmlsafe import inline_text, local_name
from matmine.models import Claim, Organisation, Paragraph, Section
from matmine.tracking.assignees import harmonise_organisation

_CLAIM_NUMBER = re.compile(r"^\s*(\d+)\s*[.):]\s*")
_CLAIM_REF = re.compile(
    r"\bclaims?\s+(\d+(?:\s*(?:,|or|and|to|through|-|–|—)\s*(?:claims?\s+)?\d+)*)", re.IGNORECASE
)
_RANGE_SEPARATOR = re.compile(r"^(?:to|through|-|–|—)$", re.IGNORECASE)
_CLASS_SYMBOL = re.compile(r"^\s*([A-H])\s*(\d{2})\s*([A-Z])\s*0*(\d{1,4})\s*/\s*(\d{2,6})")


def parse_yyyymmdd(text: str | None) -> date | None:
    """``20150106`` -> ``date(2015, 1, 6)``; ``None`` for missing or impossible dates."""
    digits = re.sub(r"\D", "", text or "")
    if len(digits) != 8:
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def classification_symbol(
    section: str, class_: str, subclass: str, main_group: str, subgroup: str
) -> str:
    """IPC/CPC parts -> ``H01M10/0562`` (no spaces, no leading zeros in the group)."""
    main = main_group.strip().lstrip("0") or "0"
    return f"{section.strip()}{class_.strip()}{subclass.strip()}{main}/{subgroup.strip()}"


def normalise_class_text(text: str) -> str | None:
    """``H04W 84/005`` / ``A61B005/00`` / ``G06F017/60`` -> ``H04W84/005``, ``A61B5/00``."""
    match = _CLASS_SYMBOL.match(text or "")
    if not match:
        return None
    return classification_symbol(*match.groups())


def structured_classes(elements: Iterable[etree._Element]) -> list[str]:
    """Symbols from ``classification-ipcr`` / ``classification-cpc`` elements, in order."""
    out: list[str] = []
    for el in elements:
        parts = [
            el.findtext(name) or ""
            for name in ("section", "class", "subclass", "main-group", "subgroup")
        ]
        if all(p.strip() for p in parts):
            symbol = classification_symbol(*parts)
            if symbol not in out:
                out.append(symbol)
    return out


def claim_dependencies(text: str, number: int, refs: Iterable[int] = ()) -> tuple[int, ...]:
    """Claims a claim depends on: explicit ``claim-ref``s, else textual references.

    Textual forms: "according to claim 1", "as claimed in claims 1 or 2",
    "any one of claims 1 to 3" (ranges expanded).  With ``claim-ref``s, the
    text only fills ranges whose two ends are both referenced ("claims
    <claim-ref>1</claim-ref> to <claim-ref>3</claim-ref>" -> 1, 2, 3).
    Only earlier claims count.

    >>> claim_dependencies("The method as claimed in claims 1 or 2, wherein", 5)
    (1, 2)
    >>> claim_dependencies("according to any one of claims 1 to 3", 4, refs=[1, 3])
    (1, 2, 3)
    """
    textual = _textual_dependencies(text)
    referenced = {r for r in refs if 0 < r < number}
    if referenced:
        # the text may only fill a range between two referenced claims
        filled = {t for t in textual if min(referenced) < t < max(referenced)}
        found = referenced | filled if len(referenced) >= 2 and _has_range(text) else referenced
    else:
        found = set(textual)
    return tuple(sorted(f for f in found if 0 < f < number))


def _has_range(text: str) -> bool:
    return any(
        _RANGE_SEPARATOR.match(token)
        for match in _CLAIM_REF.finditer(text)
        for token in re.findall(r"to|through|-|–|—", match.group(1), flags=re.IGNORECASE)
    )


def _textual_dependencies(text: str) -> list[int]:
    """Claim numbers named in ``text``, ranges expanded."""
    found: list[int] = []
    for match in _CLAIM_REF.finditer(text):
        tokens = re.findall(r"\d+|to|through|-|–|—", match.group(1), flags=re.IGNORECASE)
        previous: int | None = None
        pending_range = False
        for token in tokens:
            if token.isdigit():
                value = int(token)
                if pending_range and previous is not None:
                    found.extend(range(previous + 1, value + 1))
                else:
                    found.append(value)
                previous, pending_range = value, False
            elif _RANGE_SEPARATOR.match(token):
                pending_range = True
    return found


def read_claims(claim_elements: Iterable[etree._Element]) -> tuple[Claim, ...]:
    """Claims from ``<claim>`` elements (all USPTO layouts).

    The printed number prefix (``1.`` / ``<b>1</b>.``) is removed from the text;
    the number comes from ``num``, else the ``id`` (``CLM-00003``), else the text.
    """
    claims: list[Claim] = []
    for position, el in enumerate(claim_elements, start=1):
        text = inline_text(el)
        number = _claim_number(el, text, position)
        text = _CLAIM_NUMBER.sub("", text, count=1)
        refs = [
            _id_number(ref.get("idref", "")) for ref in el.iter() if local_name(ref) == "claim-ref"
        ]
        depends = claim_dependencies(text, number, [r for r in refs if r is not None])
        claims.append(Claim(number=number, text=text, depends_on=depends))
    return tuple(claims)


def _id_number(value: str) -> int | None:
    digits = re.findall(r"\d+", value)
    return int(digits[-1]) if digits else None


def _claim_number(el: etree._Element, text: str, position: int) -> int:
    for candidate in (el.get("num"), el.get("id")):
        if candidate:
            value = _id_number(candidate)
            if value:
                return value
    match = _CLAIM_NUMBER.match(text)
    return int(match.group(1)) if match else position


def patent_ids(doc_number: str, kind: str, country: str = "US") -> tuple[str, tuple[str, ...]]:
    """(canonical id, alternate ids) for a publication number as the XML writes it.

    ``08926509`` + ``B2`` -> ``US8926509B2`` with alternates ``US8926509``,
    ``US08926509B2``, ``US08926509``.  A ``DEMO-...`` number is the id as is.
    """
    number = doc_number.strip()
    if number.upper().startswith("DEMO-"):
        return number, ()
    digits = number.lstrip("0") or "0"
    if country == "US" and len(number) == 11 and number[:2] in ("19", "20"):
        digits = number
    canonical = f"{country}{digits}{kind.strip()}"
    return canonical, patent_alternate_ids(canonical)


def organisation(raw: str, role: str, country: str | None = None) -> Organisation:
    """An assignee/applicant with its harmonised name."""
    return Organisation(
        raw=raw,
        harmonised=harmonise_organisation(raw),
        role=role,  # type: ignore[arg-type]
        country=country or None,
    )


class SectionBuilder:
    """Collects headings and paragraphs, in reading order, into numbered sections."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.title = ""
        self.level = 1
        self.paragraphs: list[Paragraph] = []

    def heading(self, title: str, level: int) -> None:
        """Close the current section and open a new one under ``title``."""
        self.close()
        self.title, self.level, self.paragraphs = title, level, []

    def add(self, paragraph: Paragraph) -> None:
        self.paragraphs.append(paragraph)

    def close(self) -> None:
        if self.paragraphs or self.title:
            self.sections.append(
                Section(
                    id=f"s{len(self.sections) + 1}",
                    title=self.title,
                    level=self.level,
                    paragraphs=tuple(self.paragraphs),
                )
            )
        self.title, self.paragraphs = "", []

    def finish(self) -> tuple[Section, ...]:
        self.close()
        return tuple(self.sections)
