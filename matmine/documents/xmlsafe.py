"""The one XML parsing entry point, and the inline-text helper every reader uses.

Parsing (:func:`parse_xml`) uses lxml with ``resolve_entities=False,
no_network=True, load_dtd=False, huge_tree=False``: a DOCTYPE naming a DTD on
the web is never fetched, external entities (``<!ENTITY x SYSTEM "file:...">``)
are never expanded, and billion-laughs style documents are refused by libxml2's
own limits.  Any syntax error becomes a :class:`DocumentParseError` that names
the line (``malformed XML at line 12: ...``).

Inline text (:func:`inline_text`) flattens an element the way a reader sees it:

* ``<sub>``/``<sup>`` become plain text, so formulas stay intact:
  ``Li<sub>10</sub>GeP<sub>2</sub>S<sub>12</sub>`` -> ``Li10GeP2S12`` and
  ``S cm<sup>−1</sup>`` -> ``S cm−1``.
* **Powers of ten** are the one exception: a superscript that directly follows a
  stand-alone ``10`` (start of text, or after a space, ``×``, ``x``, ``*``, ``·``,
  ``(`` or ``/``) is written with a caret, keeping the sign character as printed:
  ``1.2 × 10<sup>−3</sup>`` -> ``1.2 × 10^−3``.  Without the caret ``10−3`` would
  read as a range or a subtraction; with it the quantity parser can read the
  exponent unambiguously.  Charges and isotopes keep the plain form
  (``Li<sup>+</sup>`` -> ``Li+``, ``<sup>7</sup>Li`` -> ``7Li``).
* Nested inline markup (italic, bold, xref, highlight, ...) keeps all its text;
  block-level children (paragraphs, list items, table cells, nested claim text)
  are separated by a space; whitespace runs collapse to one space.

>>> xml = "<p>Li<sub>10</sub>GeP<sub>2</sub>S<sub>12</sub>: "
>>> xml += "1.2 × 10<sup>−2</sup> S cm<sup>−1</sup></p>"
>>> el = parse_xml(xml.encode("utf-8"))
>>> inline_text(el)
'Li10GeP2S12: 1.2 × 10^−2 S cm−1'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from matmine.errors import DocumentParseError

_WHITESPACE = re.compile(r"\s+")
_LXML_POSITION = re.compile(r"(?:,?\s*line \d+)*(?:,\s*column \d+)?\s*$")
_POWER_OF_TEN_BASE = re.compile(r"(?:^|[\s×x*·⋅(/])10$")
_POWER_OF_TEN_BASE_INNER = re.compile(r"[\s×x*·⋅(/]10$")

BLOCK_TAGS = frozenset(
    {
        "p",
        "paragraph",
        "li",
        "list-item",
        "ul",
        "ol",
        "list",
        "dl",
        "dt",
        "dd",
        "claim-text",
        "entry",
        "row",
        "tr",
        "td",
        "th",
        "br",
        "title",
        "label",
        "caption",
        "heading",
        "disp-formula",
        "div",
        "section",
        "sec",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tgroup",
        "def",
        "term",
        "def-item",
        "fn",
        "address",
        "addr-line",
        "break",
    }
)
"""Children that are separated from their neighbours by a space."""


def make_parser() -> etree.XMLParser:
    """A new lxml parser that never fetches anything and never expands entities."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        dtd_validation=False,
    )


def parse_xml(data: bytes, *, name: str = "") -> etree._Element:
    """Parse ``data`` safely and return the root element.

    Raises :class:`DocumentParseError` with the line of the first error.
    """
    if not data.strip():
        raise DocumentParseError("empty file", path=name or None)
    try:
        root = etree.fromstring(data, parser=make_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno is not None else "?"
        message = _LXML_POSITION.sub("", str(exc.msg or exc).strip()) or "syntax error"
        raise DocumentParseError(
            f"malformed XML at line {line}: {message}", path=name or None
        ) from None
    if root is None:
        raise DocumentParseError("XML document has no root element", path=name or None)
    return root


def local_name(el: etree._Element) -> str:
    """The tag without its namespace (``''`` for comments and processing instructions)."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def normalise_space(text: str) -> str:
    """Collapse whitespace runs (Unicode spaces included) to one space and strip."""
    return _WHITESPACE.sub(" ", text).strip()


def inline_text(el: etree._Element | None, *, skip: Iterable[str] = ()) -> str:
    """Flattened, whitespace-normalised text of ``el`` (see the module docstring).

    Children whose local name is in ``skip`` are left out (their tail text is kept).
    """
    if el is None:
        return ""
    pieces: list[str] = []
    _collect(el, pieces, frozenset(skip), top=True)
    return normalise_space("".join(pieces))


def _collect(el: etree._Element, pieces: list[str], skip: frozenset[str], *, top: bool) -> None:
    name = local_name(el)
    if not top and name in skip:
        return
    if name == "":  # comment or processing instruction: contributes nothing itself
        return
    block = name in BLOCK_TAGS and not top
    if block:
        pieces.append(" ")
    if name == "sup" and not top:
        before = "".join(pieces[-20:])
        pattern = _POWER_OF_TEN_BASE if len(pieces) <= 20 else _POWER_OF_TEN_BASE_INNER
        if pattern.search(before):
            pieces.append("^")
    if el.text:
        pieces.append(el.text)
    for child in el:
        _collect(child, pieces, skip, top=False)
        if child.tail:
            pieces.append(child.tail)
    if block:
        pieces.append(" ")


def child_text(el: etree._Element | None, path: str) -> str:
    """Inline text of the first element matching ``path`` under ``el`` (``''`` if none)."""
    if el is None:
        return ""
    return inline_text(el.find(path))


def strip_namespaces(root: etree._Element) -> etree._Element:
    """Remove namespaces from element tags in place (JATS, XHTML) and return ``root``."""
    for el in root.iter():
        if isinstance(el.tag, str) and "}" in el.tag:
            el.tag = el.tag.rsplit("}", 1)[-1]
    return root
