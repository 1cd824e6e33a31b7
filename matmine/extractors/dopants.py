"""Dopant notation: ``SrAl2O4:Eu0.01``, ``NaSrBO3:Tb3+``, ``Ca2BO3Cl:Sm3+, Eu3+``,
``Ca0.90Sr2Al2O6:0.10Eu3+``, ``Ba3-xSiO5:Eux2+``, ``Ga-doped LLZO``, the
hyphenated prefix ``Ga-LLZO`` (see :func:`is_dopant_prefix`) and suffix ``LLZO-Al``.

When does a dopant enter the composition?  Only when the formula shows where
it goes: its amount is a variable of the host formula (``Ba3-xSiO5:Eux``), or
numeric amounts written *before* the dopant (amount per formula unit) exactly
fill a non-integer site of the host (``Ca0.90…:0.10Eu`` makes Ca + Eu = 1).
Otherwise (``SrAl2O4:Eu0.01``, where the number after the element labels a
concentration) the host composition stands and the dopant is listed in
``Material.dopants`` only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from matmine.extractors.formula_grammar import Amount
from matmine.extractors.periodic_table import ELEMENT_BY_NAME, ELEMENTS

_DOPANT = re.compile(
    r"^(?P<pre>\d+(?:\.\d+)?|\.\d+|[xyz])?(?P<pct>(?:mol|wt|at)?\.?%)?"
    r"(?P<el>[A-Z][a-z]?)(?P<amt>\d*\.\d+|\d+(?:/\d+)?|[xyz])?(?P<charge>\d?[+-])?$"
)
_DOPED_PHRASE = re.compile(
    r"^(?P<dopants>[A-Za-z]+(?:\s*(?:,|/|and|&|-)\s*[A-Za-z]+)*?)[\s-]+(?:co-?)?"
    r"(?:doped|substituted|stabili[sz]ed)\s+(?P<host>.+)$",
    re.IGNORECASE,
)
_HYPHEN_PREFIX = re.compile(
    r"^(?P<dopants>(?:[A-Z][a-z]?|[A-Z]?[a-z]{4,})(?:[,/](?:[A-Z][a-z]?|[a-z]{4,}))*)"
    r"-(?P<host>[A-Z(\[].*)$"
)
# "LLZO-Al", "Li7La3Zr2O12-Ga": a metal symbol after the host
_HYPHEN_SUFFIX = re.compile(r"^(?P<host>.*[A-Za-z0-9)\]])-(?P<dopants>[A-Z][a-z]?(?:[,/][A-Z][a-z]?)*)$")
# a non-metal after a dash is a second phase ("LiFePO4-C": carbon-coated), not a dopant
_NON_METALS = frozenset("H He B C N O F Ne Si P S Cl Ar As Se Br Kr Te I Xe At Rn".split())
_SITE_TOLERANCE = 1e-6

CONDUCTOR_IONS = frozenset({"Li", "Na"})
"""Mobile ions of the conductors whose doped forms are named "Ga-LLZO", "Mg-NZSP"."""


@dataclass(frozen=True)
class Dopant:
    """One dopant: element, amount if written (numeric or variable), charge if written."""

    element: str
    amount: Amount | None = None
    charge: str | None = None
    percent: bool = False
    prefixed: bool = False


class DopantError(ValueError):
    """A dopant could not be read (the message is the dopant text)."""


def parse_dopant_list(text: str) -> list[Dopant]:
    """Read ``"Sm3+,Eu3+"`` / ``"Eu0.012+,Dy0.013+"`` / ``"x%Eu3+"`` (whitespace removed)."""
    dopants = []
    for item in filter(None, re.split(r"[,;/]|and", text)):
        match = _DOPANT.match(item)
        if not match or match.group("el") not in ELEMENTS:
            raise DopantError(item)
        amount_text, charge = match.group("amt"), match.group("charge")
        if charge in ("+", "-") and amount_text:
            if re.fullmatch(r"[1-7]", amount_text):  # "Tb3+": a charge, not an amount
                amount_text, charge = None, amount_text + charge
            elif re.fullmatch(r"\d*\.\d{2,}", amount_text) and amount_text[-1] in "1234":
                # "Eu0.012+": superscript charge run into the amount
                amount_text, charge = amount_text[:-1], amount_text[-1] + charge
        written = match.group("pre") or amount_text
        amount = None
        if written:
            if written in "xyz":
                amount = Amount.variable(written)
            elif "/" in written:
                top, bottom = written.split("/")
                amount = Amount.number(float(top) / float(bottom))
            else:
                amount = Amount.number(float(written))
        dopants.append(
            Dopant(match.group("el"), amount, charge, bool(match.group("pct")), bool(match.group("pre")))
        )
    if not dopants:
        raise DopantError(text)
    return dopants


def split_doped_phrase(text: str) -> tuple[list[Dopant], str] | None:
    """``"Ga-doped LLZO"`` → ([Ga], "LLZO"); ``"Al,Ga co-doped LLZO"`` too; else None."""
    match = _DOPED_PHRASE.match(text)
    if not match:
        return None
    dopants = []
    for word in re.split(r"\s*(?:,|/|and|&|-)\s*", match.group("dopants")):
        symbol = word if word in ELEMENTS else ELEMENT_BY_NAME.get(word.lower())
        if symbol is None:
            return None
        dopants.append(Dopant(symbol))
    return dopants, match.group("host")


def split_dopant_prefix(text: str) -> tuple[list[Dopant], str] | None:
    """``"Ga-LLZO"`` → ([Ga], "LLZO"); ``"Gallium-LLZO"``, ``"Al,Ga-LLZO"`` too; else None.

    Syntax only: whether the prefix is a dopant or the metal of a composite
    depends on the host (:func:`is_dopant_prefix`).
    """
    match = _HYPHEN_PREFIX.match(text)
    if not match:
        return None
    dopants = []
    for word in re.split(r"[,/]", match.group("dopants")):
        symbol = word if word in ELEMENTS else ELEMENT_BY_NAME.get(word.lower())
        if symbol is None:
            return None
        dopants.append(Dopant(symbol))
    return dopants, match.group("host")


def split_dopant_suffix(text: str) -> tuple[list[Dopant], str] | None:
    """``"LLZO-Al"`` → ([Al], "LLZO"); ``"Li7La3Zr2O12-Al,Ga"`` too; else None.

    Syntax only, like :func:`split_dopant_prefix`; non-metals are never read as
    suffixed dopants ("LiFePO4-C" is a carbon composite).
    """
    match = _HYPHEN_SUFFIX.match(text)
    if not match:
        return None
    symbols = re.split(r"[,/]", match.group("dopants"))
    if not all(symbol in ELEMENTS and symbol not in _NON_METALS for symbol in symbols):
        return None
    return [Dopant(symbol) for symbol in symbols], match.group("host")


def is_dopant_prefix(dopants: list[Dopant], host_elements: set[str] | frozenset[str]) -> bool:
    """Is "element-host" a doped host (``Ga-LLZO``) rather than a composite (``Ni-YSZ``)?

    A dopant when the host carries a conductor ion, Li or Na (garnets, LLTO,
    NASICONs, argyrodites, cathodes): these are named after their dopant
    ("Al-LLZO", "Nb-LLTO", "Mg-NZSP").  A host without one is an oxide-ion or
    proton conductor (YSZ, GDC, BZY), and the metal before it is the metal phase
    of a cermet electrode ("Ni-YSZ", "Cu-GDC"): a mixture.  The conductor ion
    itself in front ("Li-LLZO", "Na-NZSP") is the metal electrode against the
    conductor, never a dopant; another alkali ion is ("Na-LLZO").

    >>> is_dopant_prefix([Dopant("Ga")], {"Li", "La", "Zr", "O"})
    True
    >>> is_dopant_prefix([Dopant("Ni")], {"Zr", "Y", "O"})
    False
    >>> is_dopant_prefix([Dopant("Li")], {"Li", "La", "Zr", "O"})
    False
    """
    ions = CONDUCTOR_IONS & set(host_elements)
    return bool(ions) and not any(d.element in ions for d in dopants)


def merge_dopants(host: dict[str, Amount], dopants: list[Dopant]) -> tuple[dict[str, Amount], bool]:
    """Host amounts with the dopants added when the formula says where they go."""
    with_amount = [d for d in dopants if d.amount is not None and not d.percent]
    if not with_amount:
        return host, False
    host_vars = frozenset().union(*(a.variables for a in host.values()))
    variable_doped = all(
        d.amount.is_constant or d.amount.variables <= host_vars for d in with_amount  # type: ignore[union-attr]
    ) and any(not d.amount.is_constant for d in with_amount)  # type: ignore[union-attr]
    # a number written after the element ("SrAl2O4:Eu0.01") labels a concentration;
    # one written before it ("Ca0.90Sr2Al2O6:0.10Eu3+") is an amount per formula unit
    numeric_total = sum(
        d.amount.constant for d in with_amount if d.amount.is_constant and d.prefixed  # type: ignore[union-attr]
    )
    fills_site = numeric_total > 0 and any(
        _fills(amount.constant, numeric_total) for symbol, amount in host.items() if symbol != "□"
    )
    if not (variable_doped or fills_site):
        return host, False
    merged = dict(host)
    for dopant in with_amount:
        assert dopant.amount is not None
        merged[dopant.element] = merged.get(dopant.element, Amount()) + dopant.amount
    return merged, True


def _fills(site: float, added: float) -> bool:
    fraction = site - int(site)
    if fraction < _SITE_TOLERANCE:
        return False
    total = fraction + added
    return abs(total - round(total)) < _SITE_TOLERANCE and round(total) >= 1
