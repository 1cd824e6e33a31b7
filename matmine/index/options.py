"""Convenience options (``--elements``, ``--exclude``, ``--min-conductivity``,
``--kind``) compiled into the same syntax tree as ``--where``, and index copying.

>>> str(filter_from_options(elements="Li,P,S", exclude="O", min_conductivity="1e-3"))
'(elements HAS ALL "Li","P","S" AND NOT (elements HAS ANY "O") AND conductivity >= 0.001)'
"""

from __future__ import annotations

from collections.abc import Iterator

from matmine.errors import ConfigurationError, QuerySyntaxError
from matmine.index.api import IndexBackend
from matmine.index.chemistry import canonical_symbol
from matmine.index.parser import parse_filter
from matmine.index.syntax import Comparison, ElementsHas, Node, Not, conjoin
from matmine.models import Document, ExtractionResult


def _symbols(option: str, text: str) -> tuple[str, ...]:
    symbols: list[str] = []
    for part in text.replace(" ", ",").split(","):
        if not part:
            continue
        symbol = canonical_symbol(part)
        if symbol is None:
            raise ConfigurationError(f"{option}: unknown element {part!r}")
        symbols.append(symbol)
    if not symbols:
        raise ConfigurationError(f"{option}: give element symbols, e.g. Li,P,S")
    return tuple(dict.fromkeys(symbols))


def filter_from_options(
    where: str | None = None,
    *,
    elements: str | None = None,
    exclude: str | None = None,
    min_conductivity: str | None = None,
    kind: str | None = None,
) -> Node | None:
    """AND of ``--where`` and every convenience option given.

    ``min_conductivity`` is a number in S/cm or a quantity with its unit (``"1 mS/cm"``);
    it means ``conductivity >= …`` (ionic or unspecified conductivity).
    """
    nodes: list[Node | None] = [parse_filter(where) if where and where.strip() else None]
    if elements:
        nodes.append(ElementsHas("all", _symbols("--elements", elements)))
    if exclude:
        nodes.append(Not(ElementsHas("any", _symbols("--exclude", exclude))))
    if min_conductivity:
        text = min_conductivity.strip()
        try:
            nodes.append(Comparison("conductivity", ">=", float(text)))
        except ValueError:
            try:
                nodes.append(parse_filter(f"conductivity >= {text}"))
            except QuerySyntaxError as exc:
                raise ConfigurationError(
                    f"--min-conductivity: {text!r} is not a number in S/cm or a quantity like "
                    f"'1 mS/cm' ({exc})"
                ) from None
    if kind:
        if kind not in ("paper", "patent"):
            raise ConfigurationError(f"--kind is paper or patent, not {kind!r}")
        nodes.append(Comparison("kind", "=", kind))
    return conjoin(*nodes)


def copy_index(source: IndexBackend, target: IndexBackend) -> int:
    """Copy every document with its extraction from ``source`` into ``target``."""
    items: Iterator[tuple[Document, ExtractionResult]] = source.iter_documents()
    from matmine.index.sqlite_backend import SQLiteIndex

    if isinstance(target, SQLiteIndex) and not isinstance(source, SQLiteIndex):
        # a forked child iterating another engine's client would share its sockets
        return target.bulk_load(items, prepare_in_child=False)
    return target.bulk_load(items)
