"""The typed syntax tree every filter is parsed into, once.

Values in the tree are already normalised to what the index stores (canonical
units, order-free chemistry keys, ``yyyymmdd`` integers for dates), so each
backend compiler only maps fields and operators.

>>> str(And((ElementsHas("all", ("Li", "S")), Not(ElementsHas("any", ("O",))))))
'(elements HAS ALL "Li","S" AND NOT (elements HAS ANY "O"))'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Union

Operator = Literal["=", "!=", "<", "<=", ">", ">="]
SetMode = Literal["all", "any", "only"]


@dataclass(frozen=True, slots=True)
class ElementsHas:
    """``elements HAS ALL/ANY/ONLY …`` (``HAS "X"`` is ``HAS ALL "X"``)."""

    mode: SetMode
    elements: tuple[str, ...]

    def __str__(self) -> str:
        listed = ",".join(f'"{e}"' for e in self.elements)
        return f"elements HAS {self.mode.upper()} {listed}"


@dataclass(frozen=True, slots=True)
class Comparison:
    """``field op value``; ``value`` is canonical (see :mod:`matmine.index.fields`)."""

    field: str
    op: Operator
    value: float | int | str

    def __str__(self) -> str:
        value = f'"{self.value}"' if isinstance(self.value, str) else repr(self.value)
        return f"{self.field} {self.op} {value}"


@dataclass(frozen=True, slots=True)
class Starts:
    """``field STARTS "prefix"`` (CPC/IPC classes, organisation names, ids)."""

    field: str
    prefix: str

    def __str__(self) -> str:
        return f'{self.field} STARTS "{self.prefix}"'


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]

    def __str__(self) -> str:
        return "(" + " AND ".join(str(i) for i in self.items) + ")"


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]

    def __str__(self) -> str:
        return "(" + " OR ".join(str(i) for i in self.items) + ")"


@dataclass(frozen=True, slots=True)
class Not:
    item: Node

    def __str__(self) -> str:
        return f"NOT ({self.item})"


Node = Union[ElementsHas, Comparison, Starts, And, Or, Not]
Predicate = Union[ElementsHas, Comparison, Starts]


def conjoin(*nodes: Node | None) -> Node | None:
    """AND of the given nodes, flattening nested ANDs and dropping ``None``."""
    items: list[Node] = []
    for node in nodes:
        if node is None:
            continue
        items.extend(node.items if isinstance(node, And) else (node,))
    if not items:
        return None
    return items[0] if len(items) == 1 else And(tuple(items))


def predicates(node: Node) -> list[Predicate]:
    """Every leaf predicate of a tree, in order."""
    if isinstance(node, (And, Or)):
        return [p for item in node.items for p in predicates(item)]
    if isinstance(node, Not):
        return predicates(node.item)
    return [node]
