"""``parse_material``: one material string in, one :class:`~matmine.models.Material` out.

It reads formulas (with decimals, fractions, brackets, hydrates, vacancies,
variables, oxygen non-stoichiometry), mixtures and glasses, dopants,
abbreviations from the shipped lexicon, chemical names and "name + formula"
pairs, after undoing Unicode and PDF damage.  It never raises on bad input
(``Material.error`` says why) and never invents an element: symbols are checked
against the periodic table, so "LGPS" is read from the lexicon or not at all.

Conventions a newcomer should know:

* ``composition`` holds numbers only.  Variables are substituted when
  ``variables`` gives a single value for every one of them; a range
  (``(0.0, 1.0)`` for ``0 ≤ x ≤ 1``) is kept in ``Material.variables`` and the
  composition is left **empty** (no midpoint guess), as it is when a variable
  has no value at all.  ``elements``/``chemsys`` are filled in every case.
* Values may be written in the string: ``… (x = 0.25)``, ``…, x = 0.25``,
  ``… with 0 ≤ x ≤ 0.6``; the ``variables`` argument wins over them.  Several
  values (``x = 0.1, 0.2``) are a series: no composition, and
  :func:`parse_material_report` lists them, and the variables still free.
* Mixed sites (``(Ba,Sr)``, ``(Sm/Ce)``) and placeholders (``M``, ``Ln``, ``RE``,
  the site letters ``A``/``B``) leave the composition empty; ``elements`` holds
  the real elements only and ``error`` says what is undetermined.
* Oxygen non-stoichiometry (``O3-δ``, ``O2-d``, ``O7-y``: a variable that
  appears only in the oxygen amount next to a constant, or ``δ`` anywhere)
  counts as 0 unless a value is given.
* Vacancies (``□``) stay in ``formula`` but are not elements.
* Mixtures sum coefficient × component; hydrates include their water.
* A hydrate of unknown water content ("hydrate", "hydrated") is written
  ``·nH2O`` and leaves the composition empty.
* Mixture components without a coefficient count once (``BaO-B2O3-BaF2``), but
  two compounds joined by a dash without any amount name a system, not a material
  (``Li2S–P2S5`` is an error; ``Li2S–P2S5 (75:25)`` is read);
  ``A + 1.5 mol% B`` gives B 1.5 % of the moles (wt% via molar masses).
* Dopants are listed in ``dopants`` (element symbols); they enter the
  composition only where the formula says where they go (see
  :mod:`matmine.extractors.dopants`).  An element hyphenated to a Li or Na
  conductor is a dopant (``Ga-LLZO`` and ``LLZO-Ga`` read as "Ga-doped LLZO"); before any other
  host it is the metal of a composite (``Ni-YSZ`` is Ni + YSZ).
* Values written after the formula are read by
  :mod:`matmine.extractors.variable_definitions`.
* Lexicon abbreviations win over a formula reading (``KNN`` is K0.5Na0.5NbO3,
  not KN2); ``LGPS`` without the lexicon would be an error, never L-G-P-S.

>>> m = parse_material("Li7-xLa3Zr2-xTaxO12", {"x": 0.25})
>>> m.composition["Li"], m.composition["Ta"], m.chemsys
(6.75, 0.25, 'La-Li-O-Ta-Zr')
>>> parse_material("LGPS").formula
'Li10GeP2S12'
>>> parse_material("Li2Xq3").error
"unknown element symbol 'Xq' at position 3"
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from matmine.extractors import material_errors as msg
from matmine.extractors.abbreviations import abbreviation_lexicon, lookup_abbreviation
from matmine.extractors.dopants import (
    Dopant,
    DopantError,
    is_dopant_prefix,
    merge_dopants,
    parse_dopant_list,
    split_dopant_prefix,
    split_dopant_suffix,
    split_doped_phrase,
)
from matmine.extractors.formula_grammar import (
    PLACEHOLDERS,
    VACANCY,
    Amount,
    FormulaSyntaxError,
    is_undetermined,
    is_wrapped,
    site_members,
)
from matmine.extractors.material_names import (
    FORM_WORDS,
    SeveralMaterialsError,
    common_names,
    name_family,
    name_to_formula,
)
from matmine.extractors.mixtures import SystemWithoutRatioError, parse_expression
from matmine.extractors.periodic_table import (
    ELEMENT_BY_NAME,
    ELEMENTS,
    common_oxidation_states,
    formula_order,
)
from matmine.extractors.not_formulas import screen, strip_state_of_matter
from matmine.extractors.string_repairs import (
    join_formula_spaces,
    repair_material_string,
    trim_brackets,
)
from matmine.extractors.text_normalise import normalise_with_offsets
from matmine.extractors.variable_definitions import split_variable_definitions
from matmine.models import Material

MAX_LENGTH = 400
"""Longer strings are not material names; refusing them bounds the work per call."""

AMOUNT_TOLERANCE = 1e-9
NONSTOICHIOMETRY_SYMBOLS = frozenset("δ")

VariableValues = Mapping[str, "float | tuple[float, float]"]

_PREFIX = re.compile(
    r"^(?:[αβγδεθκλμ]|micro|nano|meso|macro|amorphous|cubic|tetragonal|glassy|crystalline|bulk"
    r"|[ctamhog]|[A-Z]\d)-(?=[A-Z(\[])",
    re.IGNORECASE,
)
_PAIR = re.compile(r"^(?P<main>.+?)\s*[(\[](?P<inner>[^()\[\]]{2,40})[)\]]$")
_WORDS = re.compile(r"^[A-Za-z][A-Za-z\s\-,()]*$")
_FAMILIES = {
    "lgps-type": "LGPS-type", "lgps type": "LGPS-type", "argyrodite": "argyrodite",
    "garnet": "garnet", "nasicon": "NASICON", "lisicon": "LISICON", "thio-lisicon": "thio-LISICON",
    "anti-perovskite": "anti-perovskite", "antiperovskite": "anti-perovskite",
    "perovskite": "perovskite", "spinel": "spinel", "olivine": "olivine", "fluorite": "fluorite",
    "pyrochlore": "pyrochlore", "layered": "layered",
}
_FAMILY_WORD = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(_FAMILIES, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


@dataclass
class _Reading:
    """What the text says, before variables are substituted."""

    amounts: dict[str, Amount]
    formula: str
    dopants: list[Dopant] = field(default_factory=list)
    name: str | None = None
    abbreviation: str | None = None
    family: str | None = None


class _NotAMaterial(ValueError):
    pass


@dataclass(frozen=True)
class MaterialReport:
    """A parsed :class:`Material` and what it leaves open.

    ``free_variables``: variables of the formula with no value (the composition is
    empty because of them; oxygen non-stoichiometry is not one).  ``several_values``:
    variables given several values (``x = 0.1, 0.2``: a series of samples), which
    ``Material.variables`` cannot hold; the composition is empty for them too.
    """

    material: Material
    free_variables: tuple[str, ...] = ()
    several_values: Mapping[str, tuple[float, ...]] = field(default_factory=dict)


def parse_material(text: str, variables: VariableValues | None = None) -> Material:
    """Parse a material string; never raises (see the module docstring)."""
    return parse_material_report(text, variables).material


def parse_material_report(text: str, variables: VariableValues | None = None) -> MaterialReport:
    """Like :func:`parse_material`, with the variables still to be given.

    ``variables`` win over values written in the string (``… (x = 0.25)``).

    >>> report = parse_material_report("Li10+xGe1+xP2-xS12")
    >>> report.free_variables, report.material.composition
    (('x',), {})
    >>> parse_material_report("Li7-xLa3Zr2-xTaxO12 (x = 0.1, 0.2)").several_values
    {'x': (0.1, 0.2)}
    """
    if not isinstance(text, str):
        return MaterialReport(Material(text="" if text is None else str(text), error=msg.NOT_A_STRING))
    try:
        return _parse(text, dict(variables or {}))
    except (FormulaSyntaxError, _NotAMaterial) as error:
        return MaterialReport(Material(text=text, error=str(error)))
    except RecursionError:
        return MaterialReport(Material(text=text, error=msg.INTERNAL.format(kind="nesting too deep")))
    except Exception as error:  # noqa: BLE001 - the contract: bad input never raises
        return MaterialReport(Material(text=text, error=msg.INTERNAL.format(kind=type(error).__name__)))


def _parse(text: str, variables: dict[str, float | tuple[float, float]]) -> MaterialReport:
    clean = " ".join(normalise_with_offsets(str(text)).text.split()).strip(" ,;:")
    if not clean:
        raise _NotAMaterial(msg.EMPTY)
    if len(clean) > MAX_LENGTH:
        raise _NotAMaterial(msg.TOO_LONG.format(length=len(clean), limit=MAX_LENGTH))
    clean = strip_state_of_matter(repair_material_string(clean).strip(" ,;:“”\"'‘’"))
    clean, written = split_variable_definitions(clean)
    core, error = screen(trim_brackets(clean), clean)
    if error is not None:
        raise _NotAMaterial(error)
    amount_doped = _amount_doped(core)
    reading = amount_doped if amount_doped is not None else read_material(core)
    report = _material(text, reading, {**written, **variables})
    material = report.material
    if len(material.composition) == 1 and not material.variables and material.error is None:
        (element, amount), = material.composition.items()
        if amount > MAX_SINGLE_ELEMENT_COUNT and (material.formula or "") not in MOLECULES:
            raise _NotAMaterial(msg.SINGLE_ELEMENT_LABEL.format(text=core))
    return report


# "10 mol% Gd-doped CeO2", "20 mol% Sm-doped ceria": the dopant on the cation site of a
# binary oxide, oxygen adjusted to the charges (Ce0.9Gd0.1O1.95)
_AMOUNT_DOPED = re.compile(
    r"^(?P<amount>\d+(?:\.\d+)?)\s?(?:mol|at)\.?\s?%\s?(?P<dopant>[A-Z][a-z]?|[a-z]+)"
    r"[- ](?:doped|substituted)\s+(?P<host>\S.*)$")


def _amount_doped(core: str) -> _Reading | None:
    """"10 mol% Gd-doped CeO2" → Ce0.9Gd0.1O1.95; None when the host is not a binary
    oxide or the amount cannot be placed."""
    m = _AMOUNT_DOPED.match(core)
    if m is None:
        return None
    dopant = m.group("dopant")
    dopant = dopant if dopant in ELEMENTS else ELEMENT_BY_NAME.get(dopant.lower())
    if dopant is None:
        return None
    try:
        host = read_material(m.group("host"))
    except (FormulaSyntaxError, DopantError, _NotAMaterial):
        return None
    amounts = {k: v for k, v in host.amounts.items()}
    cations = [k for k in amounts if k != "O"]
    if set(amounts) - {"O"} != set(cations) or len(cations) != 1 or "O" not in amounts:
        return None
    cation, = cations
    n_cation, n_oxygen = _constant(amounts[cation]), _constant(amounts["O"])
    if n_cation is None or n_oxygen is None:
        return None
    states = common_oxidation_states(dopant)
    positive = [s for s in states if s > 0]
    if not positive or n_cation <= 0:
        return None
    fraction = float(m.group("amount")) / 100.0
    host_state = 2.0 * n_oxygen / n_cation
    oxygen = n_oxygen - fraction * n_cation * (host_state - positive[0]) / 2.0
    formula = (f"{cation}{_format_amount(n_cation * (1 - fraction))}"
               f"{dopant}{_format_amount(n_cation * fraction)}O{_format_amount(oxygen)}")
    reading = _read_expression(formula)
    reading.dopants = [Dopant(dopant)]
    return reading


def _constant(amount: Amount) -> float | None:
    """The number an amount is, or None for one with variables."""
    terms = amount.terms
    return float(terms.get((), 0.0)) if set(terms) <= {()} else None


# "S30", "Si100": a single element with a large count is a sample label, except for
# real molecules and clusters
MAX_SINGLE_ELEMENT_COUNT = 12
MOLECULES = frozenset({"C60", "C70", "C76", "C78", "C82", "C84", "B12", "S8", "P4", "Se8",
                       "As4", "O3", "N2", "H2", "O2", "Cl2", "F2", "Br2", "I2"})


def read_material(clean: str) -> _Reading:
    """Interpret normalised text; raises FormulaSyntaxError / _NotAMaterial."""
    first_error: Exception | None = None
    # a reading with placeholders or mixed sites is the last resort: "…O5+δ(PBFM)" is a
    # formula and its abbreviation, not a group P, B, F, M
    undetermined: _Reading | None = None
    pair = _PAIR.match(clean)
    if pair and (" (" in clean or " [" in clean):
        reading = _read_pair(pair.group("main"), pair.group("inner"))
        if reading is not None:
            return reading
    try:
        reading = _read_expression(join_formula_spaces(clean))
        if not any(is_undetermined(symbol) for symbol in reading.amounts):
            return reading
        undetermined = reading
    except (FormulaSyntaxError, DopantError, _NotAMaterial) as error:
        first_error = error
    doped = None if clean.lower() in common_names() else split_doped_phrase(clean)
    if doped:
        dopants, host = doped
        reading = read_material(host)
        reading.dopants = dopants + reading.dopants
        return reading
    if pair:
        reading = _read_pair(pair.group("main"), pair.group("inner"))
        if reading is not None:
            return reading
    try:
        formula = name_to_formula(clean)
    except SeveralMaterialsError as error:
        raise _NotAMaterial(msg.SEVERAL_MATERIALS.format(names=str(error))) from None
    if formula is not None:
        reading = _read_expression(formula)
        reading.name, reading.family = clean, reading.family or name_family(clean)
        return reading
    reading = _read_name_then_formula(clean)
    if reading is not None:
        return reading
    if undetermined is not None and any(c.isdigit() for c in clean):
        return undetermined  # "ABO3", "LnBaCo2O5"; never "ICP-MS" read as I, C, P + M + S
    if first_error is not None and not _LOWER_WORD.search(clean):
        raise first_error
    raise _NotAMaterial(msg.NOT_A_MATERIAL.format(text=clean))


def _read_expression(s: str) -> _Reading:
    """A whitespace-free formula expression, with phase prefix and ``:dopants``."""
    if is_wrapped(s):
        s = s[1:-1]
    prefix = _PREFIX.match(s)
    if prefix:
        try:
            return _read_expression(s[prefix.end() :])
        except (FormulaSyntaxError, DopantError, _NotAMaterial):
            pass
    dopants: list[Dopant] = []
    host = s
    colon = _depth0_index(s, ":")
    if colon > 0:
        host, dopant_text = s[:colon], s[colon + 1 :]
        try:
            dopants = parse_dopant_list(dopant_text)
        except DopantError as error:
            raise _NotAMaterial(msg.BAD_DOPANT.format(dopant=str(error))) from None
    if not host:
        raise _NotAMaterial(msg.EMPTY)
    if host.lower() in _LOWER_LEXICON and host not in abbreviation_lexicon():
        host = _LOWER_LEXICON[host.lower()]
    host, dopants = _dopant_prefix(host, dopants)
    expression = parse_expression(host)
    amounts, _ = merge_dopants(expression.amounts, dopants)
    abbreviation = expression.abbreviation
    return _Reading(
        amounts=amounts,
        formula=expression.formula,
        dopants=dopants,
        abbreviation=abbreviation.abbreviation if abbreviation else None,
        family=abbreviation.family if abbreviation else None,
    )


def _dopant_prefix(host: str, dopants: list[Dopant]) -> tuple[str, list[Dopant]]:
    """"Ga-LLZO", "LLZO-Ga" → ("LLZO", [Ga, …]) when the element is a dopant of a Li/Na conductor;
    "Ni-YSZ" (a cermet) and "Li2S-P2S5" are left alone (see
    :func:`~matmine.extractors.dopants.is_dopant_prefix`).  A prefixed form that is a
    lexicon entry of its own ("Ta-LLZO" is LLZTO) keeps the entry's composition."""
    for split in (split_dopant_prefix(host), split_dopant_suffix(host)):
        if split is None:
            continue
        added, rest = split
        try:
            rest_expression = parse_expression(rest)
        except FormulaSyntaxError:
            continue
        if len(rest_expression.components) == 1 and is_dopant_prefix(added, set(rest_expression.amounts)):
            return (host if lookup_abbreviation(host) is not None else rest), added + dopants
    return host, dopants


_LOWER_WORD = re.compile(r"(?<![A-Za-z])(?![xyz]?(?:mol|wt|vol|at)\b)[a-z]{3,}")
_LOWER_LEXICON = {k.lower(): k for k in abbreviation_lexicon() if len(k) >= 5}


def _read_pair(main: str, inner: str) -> _Reading | None:
    """"Li10GeP2S12 (LGPS)", "LGPS (Li10GeP2S12)", "lithium sulfide (Li2S)"."""
    for formula_part, other in ((main, inner), (inner, main)):
        try:
            reading = _read_expression(join_formula_spaces(formula_part))
        except (FormulaSyntaxError, DopantError, _NotAMaterial):
            continue
        other = other.strip()
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9\-]{1,11}", other) and any(c.isupper() for c in other[1:] + other[:1]) and " " not in other:
            reading.abbreviation = reading.abbreviation or other
        elif _WORDS.match(other):
            reading.name = other
            reading.family = reading.family or _family(other)
        else:
            continue
        return reading
    return None


# what a sample is, written after its formula: "Li3PS4 glass", "NCM811 cathode"
_MORE_FORM_WORDS = frozenset("""
    glass glasses glass-ceramic glass-ceramics ceramic ceramics cathode cathodes anode anodes
    electrode electrodes electrolyte electrolytes sample samples phase phases membrane
    membranes nanosheets nanowires nanofibers nanofibres nanotubes thin-film compound
    material materials single-crystal sheet sheets fibers fibres target
""".split())


def _read_name_then_formula(clean: str) -> _Reading | None:
    """"manganese (II) nitrate Mn(NO3)2×4H2O", "Nasicon Na1+ x + yZr2- y…", "LiCoO2 powder"."""
    tokens = clean.split(" ")
    for k in range(1, len(tokens)):
        head, tail = " ".join(tokens[:k]), "".join(tokens[k:])
        if not _WORDS.match(head) or not tail[:1].isupper() and tail[:1] not in "([□":
            continue
        try:
            reading = _read_expression(tail)
        except (FormulaSyntaxError, DopantError, _NotAMaterial):
            continue
        reading.name = head.strip(" -,")
        reading.family = reading.family or _family(head)
        return reading
    for k in range(len(tokens) - 1, 0, -1):
        head, tail = "".join(tokens[:k]), " ".join(tokens[k:])
        if not all(word in FORM_WORDS or word.lower() in _MORE_FORM_WORDS or _family(word)
                   for word in tail.split()):
            continue
        try:
            reading = _read_expression(head)
        except SystemWithoutRatioError:
            raise  # "Li2S–P2S5 glasses": the system, said precisely
        except (FormulaSyntaxError, DopantError, _NotAMaterial):
            continue
        reading.family = reading.family or _family(tail)
        return reading
    return None


def _family(text: str) -> str | None:
    match = _FAMILY_WORD.search(text)
    return _FAMILIES[match.group(1).lower()] if match else None


def _depth0_index(s: str, char: str) -> int:
    depth = 0
    for i, c in enumerate(s):
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == char and depth == 0:
            return i
    return -1


def _nonstoichiometry(amounts: Mapping[str, Amount], names: frozenset[str]) -> set[str]:
    """Variables read as oxygen non-stoichiometry (taken as 0 without a value)."""
    out = {n for n in names if n in NONSTOICHIOMETRY_SYMBOLS}
    oxygen = amounts.get("O")
    if oxygen is not None and oxygen.constant > 0:
        for name in oxygen.variables:
            if oxygen.depends_only_linearly_on(name) and all(
                name not in a.variables for el, a in amounts.items() if el != "O"
            ):
                out.add(name)
    return out


def _material(text: str, reading: _Reading, given: Mapping[str, object]) -> MaterialReport:
    amounts = {el: a for el, a in reading.amounts.items() if el != VACANCY and a.terms}
    names = frozenset().union(*(a.variables for a in amounts.values())) if amounts else frozenset()
    values: dict[str, float] = {}
    kept: dict[str, float | tuple[float, float]] = {}
    several: dict[str, tuple[float, ...]] = {}
    for name in names:
        if name not in given:
            continue
        value = given[name]
        if isinstance(value, list) and len(set(value)) > 1:
            several[name] = tuple(float(v) for v in value)
            continue
        if isinstance(value, list) and value:
            value = value[0]
        if isinstance(value, tuple) and len(value) == 2:
            kept[name] = (float(value[0]), float(value[1]))
        elif isinstance(value, (int, float)) and math.isfinite(value):
            kept[name] = values[name] = float(value)
        else:
            raise _NotAMaterial(msg.BAD_VARIABLE.format(name=name, value=value))
    for name in _nonstoichiometry(amounts, names) - set(given):
        values[name] = 0.0
    free = tuple(sorted(names - set(values) - set(kept) - set(several)))
    undetermined = _undetermined_symbols(amounts)
    composition: dict[str, float] = {}
    if names <= set(values) and not undetermined:
        for el, amount in amounts.items():
            number = amount.evaluate(values)
            assert number is not None
            if number < -AMOUNT_TOLERANCE:
                raise _NotAMaterial(msg.NEGATIVE_AMOUNT.format(element=el, amount=number))
            if number > AMOUNT_TOLERANCE:
                composition[el] = round(number, 10)
        if not composition:
            raise _NotAMaterial(msg.NO_ELEMENTS)
    known = {el for el in amounts if el in ELEMENTS and el not in undetermined}
    known.update(member for symbol in undetermined for member in site_members(symbol))
    elements = tuple(sorted(composition or known))
    if not elements and not undetermined:
        raise _NotAMaterial(msg.NO_ELEMENTS)
    material = Material(
        text=text,
        formula=reading.formula,
        composition=composition,
        elements=elements,
        chemsys="-".join(elements),
        reduced_formula=reduced_formula(composition) if composition else None,
        variables=kept,
        dopants=tuple(dict.fromkeys(d.element for d in reading.dopants)),
        family=reading.family,
        name=reading.name,
        abbreviation=reading.abbreviation,
        error=_undetermined_error(undetermined),
    )
    return MaterialReport(material, free, several)


def _undetermined_symbols(amounts: Mapping[str, Amount]) -> list[str]:
    """Mixed sites and placeholders, in formula order.  With an ``A`` site letter,
    ``B`` is the other site letter ("ABO3", "A2B2O7"), not boron."""
    out = [symbol for symbol in amounts if is_undetermined(symbol)]
    if "A" in out and "B" in amounts:
        out.insert(out.index("A") + 1, "B")
    return out


def _undetermined_error(symbols: list[str]) -> str | None:
    """One sentence for what the formula leaves undetermined (None if nothing)."""
    sites = [s for s in symbols if site_members(s)]
    placeholders = [s for s in symbols if s in PLACEHOLDERS or s == "B"]
    parts = []
    if sites:
        parts.append(msg.SITE_OCCUPANCY.format(
            sites=" and ".join(sites), verb="shares" if len(sites) == 1 else "each share"))
    if placeholders:
        one = len(placeholders) == 1
        parts.append(msg.PLACEHOLDER.format(
            noun="placeholder" if one else "placeholders",
            symbols=" and ".join(repr(p) for p in placeholders), verb="stands" if one else "stand",
            what="an unspecified element" if one else "unspecified elements"))
    return "; ".join(parts) or None


def _format_amount(value: float) -> str:
    if abs(value - 1) < 1e-8:
        return ""
    if abs(value - round(value)) < 1e-8:
        return str(int(round(value)))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def reduced_formula(composition: Mapping[str, float]) -> str:
    """Formula ordered by electronegativity, divided by the GCD when all amounts are whole.

    >>> reduced_formula({"O": 4.0, "Li": 2.0, "S": 2.0})
    'LiSO2'
    """
    amounts = dict(composition)
    if amounts and all(abs(v - round(v)) < 1e-8 for v in amounts.values()):
        divisor = 0
        for v in amounts.values():
            divisor = math.gcd(divisor, int(round(v)))
        if divisor > 1:
            amounts = {k: v / divisor for k, v in amounts.items()}
    return "".join(el + _format_amount(amounts[el]) for el in formula_order(list(amounts)))
