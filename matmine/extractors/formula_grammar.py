"""A chemical-formula grammar that never invents elements.

:func:`parse_formula` reads one formula (no mixtures, no dopants: see
:mod:`matmine.extractors.compositions` for those) and returns the total amount
of each element as a :class:`Amount`, a polynomial in the formula's variables:

    formula  := item+
    item     := (element | placeholder | site | "□" | "(" formula ")" | "[" formula "]"
                 | "{" formula "}") amount?
    site     := "(" element (("," | "/") element)+ ")"      (Ba,Sr)  (Sm/Ce)
    amount   := term (("+" | "-" | "±") term)*
    term     := (number | number "/" number)? (variable | "(" amount ")")? ("/" number)*
    element  := one of the 103 symbols H … Lr (two letters preferred when valid)
    variable := one of x y z w u v t n m d δ ε η λ σ
    placeholder := one of Ln RE Me TM M A R X   (not followed by a lower-case letter
                   other than a variable, so "Xq" stays an unknown symbol)

A mixed site ``(Ba,Sr)`` (occupancies not given) and a placeholder ``M`` are
kept as keys of the result, so the caller can list what it knows and say what
it does not: :func:`is_undetermined`, :func:`site_members`.

>>> amounts = parse_formula("Li10+xGe1+xP2-xS12")
>>> str(amounts["Li"]), str(amounts["P"])
('10+x', '2-x')
>>> parse_formula("Ag1/8Pr5/8MoO4")["Pr"].constant
0.625
>>> is_formula("LGPS")
False
>>> sorted(parse_formula("(Ba,Sr)(Co,Fe)O3"))
['(Ba,Sr)', '(Co,Fe)', 'O']

Whitespace must be removed by the caller (PDF text writes ``Li 6 PS 5 Cl``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from matmine.extractors import material_errors as msg
from matmine.extractors.periodic_table import ELEMENTS

VARIABLES = frozenset("xyzwuvtnmdδεηλσ")
"""Letters read as stoichiometry variables."""

VACANCY = "□"

PLACEHOLDERS = ("Ln", "RE", "Me", "TM", "M", "A", "R", "X")
"""Symbols that stand for an unspecified element (lanthanide, rare earth, metal,
transition metal, A-site, halogen …), longest first; never elements themselves."""

_NUMBER = re.compile(r"\d+(?:\.\d+)?|\.\d+")
_PURE_AMOUNT_PAREN = re.compile(r"\((?:[0-9.+\-±/xyzwuvtnmdδεηλσ]|\([0-9.+\-/xyzwuvtnmdδεηλσ]+\))+\)")
_OXIDATION_STATE = re.compile(r"\((?:VIII|VII|VI|IV|V|III|II|I)\)(?![0-9.])")
_UNCERTAINTY = re.compile(r"\(\d{1,4}\)")
_CLOSERS = {"(": ")", "[": "]", "{": "}"}
_MIXED_SITE = re.compile(r"\((?P<members>[A-Z][a-z]?(?:[,/][A-Z][a-z]?)+)\)")

Monomial = tuple[str, ...]


class FormulaSyntaxError(ValueError):
    """The string is not a formula; the message says where and why."""


@dataclass(frozen=True)
class Amount:
    """A polynomial in stoichiometry variables: ``{("x",): -1.0, (): 2.0}`` is 2-x."""

    terms: Mapping[Monomial, float] = field(default_factory=dict)

    # ----------------------------------------------------------- construction
    @classmethod
    def number(cls, value: float) -> Amount:
        return cls({(): float(value)} if value else {})

    @classmethod
    def variable(cls, name: str) -> Amount:
        return cls({(name,): 1.0})

    def _combine(self, other: Amount, sign: float) -> Amount:
        out = dict(self.terms)
        for mono, coef in other.terms.items():
            out[mono] = out.get(mono, 0.0) + sign * coef
        return Amount({k: v for k, v in out.items() if abs(v) > 1e-12})

    def __add__(self, other: Amount) -> Amount:
        return self._combine(other, 1.0)

    def __sub__(self, other: Amount) -> Amount:
        return self._combine(other, -1.0)

    def __mul__(self, other: Amount) -> Amount:
        out: dict[Monomial, float] = {}
        for m1, c1 in self.terms.items():
            for m2, c2 in other.terms.items():
                mono = tuple(sorted(m1 + m2))
                out[mono] = out.get(mono, 0.0) + c1 * c2
        return Amount({k: v for k, v in out.items() if abs(v) > 1e-12})

    def scale(self, factor: float) -> Amount:
        return Amount({k: v * factor for k, v in self.terms.items() if abs(v * factor) > 1e-12})

    # ------------------------------------------------------------- inspection
    @property
    def constant(self) -> float:
        return self.terms.get((), 0.0)

    @property
    def variables(self) -> frozenset[str]:
        return frozenset(v for mono in self.terms for v in mono)

    @property
    def is_constant(self) -> bool:
        return all(not mono for mono in self.terms)

    def depends_only_linearly_on(self, name: str) -> bool:
        return all(mono in ((), (name,)) for mono in self.terms)

    def evaluate(self, values: Mapping[str, float]) -> float | None:
        """The number for these variable values, or None if one is missing."""
        total = 0.0
        for mono, coef in self.terms.items():
            term = coef
            for var in mono:
                if var not in values:
                    return None
                term *= values[var]
            total += term
        return total

    def __str__(self) -> str:
        if not self.terms:
            return "0"
        parts = []
        for mono in sorted(self.terms, key=lambda m: (len(m) != 0, m)):
            coef = self.terms[mono]
            name = "*".join(mono)
            mag = abs(coef)
            if not mono:
                body = f"{mag:g}"
            elif abs(mag - 1) < 1e-12:
                body = name
            else:
                body = f"{mag:g}{name}"
            parts.append(("-" if coef < 0 else "+", body))
        sign, body = parts[0]
        out = ("-" if sign == "-" else "") + body
        for sign, body in parts[1:]:
            out += sign + body
        return out


ONE = Amount.number(1.0)


class _Parser:
    """Recursive descent over a whitespace-free formula string."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0

    def fail(self, template: str, **kw: object) -> FormulaSyntaxError:
        return FormulaSyntaxError(template.format(position=self.i, **kw))

    def parse(self) -> dict[str, Amount]:
        amounts = self.items(closer=None)
        if self.i != len(self.s):
            char = self.s[self.i]
            if char in ")]}":
                raise self.fail(msg.UNBALANCED)
            raise self.fail(msg.UNEXPECTED, char=char)
        if not amounts:
            raise self.fail(msg.NO_ELEMENTS)
        return amounts

    def items(self, closer: str | None) -> dict[str, Amount]:
        s, total = self.s, {}
        while self.i < len(s) and s[self.i] != closer:
            char = s[self.i]
            site = _MIXED_SITE.match(s, self.i) if char == "(" else None
            if site:  # "(Ba,Sr)": elements sharing a site in unknown proportions
                for member in re.finditer(r"[A-Z][a-z]?", site.group("members")):
                    if member.group() not in ELEMENTS:
                        self.i += 1 + member.start()
                        raise self.fail(msg.UNKNOWN_SYMBOL, symbol=member.group())
                self.i = site.end()
                _add(total, site.group(), self.amount() or ONE)
            elif char in _CLOSERS:
                open_at = self.i
                self.i += 1
                inner = self.items(_CLOSERS[char])
                if self.i >= len(s):
                    self.i = open_at
                    raise self.fail(msg.UNBALANCED)
                if s[self.i] != _CLOSERS[char]:
                    raise self.fail(msg.UNEXPECTED, char=s[self.i])
                self.i += 1
                if not inner:
                    self.i = open_at
                    raise self.fail(msg.EMPTY_GROUP)
                factor = self.amount() or ONE
                for symbol, amount in inner.items():
                    _add(total, symbol, amount * factor)
            elif char.isupper() or char == VACANCY:
                symbol = self.element()
                roman = _OXIDATION_STATE.match(s, self.i)
                if roman:  # "Fe(III)", "Mo(VI)": an oxidation state, not iodine or vanadium
                    self.i = roman.end()
                _add(total, symbol, self.amount() or ONE)
            else:
                break
        return total

    def element(self) -> str:
        s, i = self.s, self.i
        if s[i] == VACANCY:
            self.i += 1
            return VACANCY
        two = s[i : i + 2]
        if len(two) == 2 and two[1].islower() and two in ELEMENTS:
            self.i += 2
            return two
        if s[i] in ELEMENTS:
            self.i += 1
            return s[i]
        for placeholder in PLACEHOLDERS:
            end = i + len(placeholder)
            after = s[end : end + 1]
            if s.startswith(placeholder, i) and not (after.islower() and after not in VARIABLES):
                self.i = end
                return placeholder
        j = i + 1
        while j < len(s) and s[j].isalpha() and s[j].islower() and s[j] not in VARIABLES:
            j += 1
        raise self.fail(msg.UNKNOWN_SYMBOL, symbol=s[i:j])

    def amount(self) -> Amount | None:
        first = self.term()
        if first is None:
            return None
        result = first
        while self.i < len(self.s) and self.s[self.i] in "+-±":
            save = self.i
            sign = -1.0 if self.s[self.i] == "-" else 1.0
            self.i += 1
            nxt = self.term()
            if nxt is None:
                self.i = save
                break
            result = result + nxt.scale(sign)
        return result

    def term(self) -> Amount | None:
        s = self.s
        value: Amount | None = None
        match = _NUMBER.match(s, self.i)
        if match:
            value = Amount.number(float(match.group()))
            self.i = match.end()
            uncertainty = _UNCERTAINTY.match(s, self.i)
            if uncertainty:  # "O2.81(3)": a standard uncertainty, not a group
                self.i = uncertainty.end()
            value = self.divisions(value)
        if self.i < len(s) and s[self.i] in VARIABLES:
            var = Amount.variable(s[self.i])
            self.i += 1
            value = var if value is None else value * var
        elif self.i < len(s) and s[self.i] == "(" and _PURE_AMOUNT_PAREN.match(s, self.i):
            self.i += 1
            inner = self.amount()
            if inner is None or self.i >= len(s) or s[self.i] != ")":
                raise self.fail(msg.UNEXPECTED, char=s[self.i] if self.i < len(s) else "end")
            self.i += 1
            value = inner if value is None else value * inner
        return None if value is None else self.divisions(value)

    def divisions(self, value: Amount) -> Amount:
        while self.i < len(self.s) and self.s[self.i] == "/":
            match = _NUMBER.match(self.s, self.i + 1)
            if not match or float(match.group()) == 0:
                break
            value = value.scale(1.0 / float(match.group()))
            self.i = match.end()
        return value


def _add(total: dict[str, Amount], symbol: str, amount: Amount) -> None:
    total[symbol] = total[symbol] + amount if symbol in total else amount


def parse_formula(text: str) -> dict[str, Amount]:
    """Element (or ``□``) → amount for one whitespace-free formula.

    Raises :class:`FormulaSyntaxError` with a message from
    :mod:`matmine.extractors.material_errors` when ``text`` is not a formula.
    """
    return _Parser(text).parse()


def is_formula(text: str) -> bool:
    """True when ``text`` parses as a formula without placeholders (cheap enough
    for candidate filtering)."""
    try:
        symbols = parse_formula(text)
    except FormulaSyntaxError:
        return False
    return not any(symbol in PLACEHOLDERS for symbol in symbols)


def is_undetermined(symbol: str) -> bool:
    """True for a result key that is no single element: a placeholder or a mixed site."""
    return symbol not in ELEMENTS and symbol != VACANCY


def site_members(symbol: str) -> tuple[str, ...]:
    """The elements of a mixed-site key (``"(Sm/Ce)"`` → ``("Sm", "Ce")``); () otherwise."""
    match = _MIXED_SITE.fullmatch(symbol)
    return tuple(re.findall(r"[A-Z][a-z]?", match.group("members"))) if match else ()


def sum_amounts(parts: Iterable[tuple[Amount, Mapping[str, Amount]]]) -> dict[str, Amount]:
    """Σ coefficient × amounts over mixture components (or hydrate water)."""
    total: dict[str, Amount] = {}
    for coefficient, amounts in parts:
        for symbol, amount in amounts.items():
            _add(total, symbol, amount * coefficient)
    return total


def parse_amount(text: str) -> Amount:
    """Read a stand-alone amount such as ``1-x``, ``0.75``, ``(1-x)/3``."""
    parser = _Parser(text)
    value = parser.amount()
    if value is None or parser.i != len(text):
        raise parser.fail(msg.UNEXPECTED, char=text[parser.i] if parser.i < len(text) else "end")
    return value


def is_balanced(s: str) -> bool:
    """True when every bracket in ``s`` closes, in order."""
    depth = 0
    for c in s:
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def is_wrapped(s: str) -> bool:
    """True when the first bracket closes at the last character: "[Na3Zr2Si2PO12]"."""
    if len(s) < 3 or s[0] not in "([{" or s[-1] not in ")]}":
        return False
    depth = 0
    for i, c in enumerate(s):
        depth += c in "([{"
        depth -= c in ")]}"
        if depth == 0:
            return i == len(s) - 1
    return False
