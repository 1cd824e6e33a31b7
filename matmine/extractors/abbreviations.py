"""The shipped lexicon of material abbreviations (``data/abbreviations.tsv``),
and the abbreviations whose digits carry the composition.

An abbreviation stands for the composition most papers mean by it (LLZO is
Li7La3Zr2O12, YSZ is 8 mol% Y2O3 in ZrO2).  Digits are read, not listed:

* a number before or after a stabilised zirconia, a doped ceria or an
  acceptor-doped barium zirconate/cerate gives the dopant content in mol%:
  ``3YSZ``, ``8-YSZ``, ``8 mol% YSZ``, ``3Y-TZP``, ``10GDC`` / ``GDC-10``
  (Ce0.9Gd0.1O1.95), ``BZY20`` (BaZr0.8Y0.2O3);
* ``NCM``/``NMC`` + digits give the Ni, Co, Mn (NMC: Ni, Mn, Co) fractions of
  LiNi_aCo_bMn_cO2: tenths (``811``, ``NCM-712``), ``111`` for thirds, or
  percents (``9055``, ``955``, ``9.5.5`` are 0.90/0.05/0.05);
* ``LSCF``/``BSCF``/``LSGM`` + four digits give the A-site and B-site tenths
  (``LSCF6428`` is La0.6Sr0.4Co0.2Fe0.8O3; ``LSGM8282`` is La0.8Sr0.2Ga0.8Mg0.2O2.8,
  its oxygen lowered by the acceptors, half an O per Sr or Mg);
* the B-site dopants of barium zirconate-cerates are tenths in the order of the
  letters: ``BZCYYb4411`` is BaZr0.4Ce0.4Y0.1Yb0.1O3, ``BCZYYb7111``
  BaCe0.7Zr0.1Y0.1Yb0.1O3, and a last element left out takes the rest: ``BZCY72``
  is BaZr0.7Ce0.2Y0.1O3 (the CoorsTek / Morejudo et al. 2016 membrane material;
  BaZr0.1Ce0.7Y0.2O3 is written ``BZCY7``, ``BZCY172`` or ``BCZY712``);
* ``CGO`` + two digits summing to ten gives the Ce and Gd tenths (``CGO91`` is
  Ce0.9Gd0.1O1.95); other numbers are the Gd content in mol% (``CGO10``, ``CGO20``).

Digits that give no composition (``NCM734``: fractions summing to 1.4) raise
:class:`AbbreviationCodeError`, never a guess or a reading as element symbols.

>>> lookup_abbreviation("LLZO").formula
'Li7La3Zr2O12'
>>> lookup_abbreviation("3YSZ").formula
'(ZrO2)0.97(Y2O3)0.03'
>>> lookup_abbreviation("NCM712").formula
'LiNi0.7Co0.1Mn0.2O2'
>>> lookup_abbreviation("XRD") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from matmine.extractors import material_errors as msg
from matmine.extractors.formula_grammar import FormulaSyntaxError

FRACTION_TOLERANCE = 1e-6
"""How far the fractions read from a code may miss a site total of 1."""

# Messages for Material.error (kept here because only this module raises them).


class AbbreviationCodeError(FormulaSyntaxError):
    """The text is a coded abbreviation ("NCM734") whose digits give no composition."""


@dataclass(frozen=True)
class Abbreviation:
    """One lexicon entry."""

    abbreviation: str
    formula: str
    family: str | None
    name: str


def _read_tsv(name: str) -> list[list[str]]:
    text = resources.files("matmine.extractors").joinpath(f"data/{name}").read_text("utf-8")
    return [
        line.split("\t")
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    ]


@lru_cache(maxsize=1)
def abbreviation_lexicon() -> dict[str, Abbreviation]:
    """Abbreviation (exact case, variants included) → entry."""
    lexicon: dict[str, Abbreviation] = {}
    for row in _read_tsv("abbreviations.tsv"):
        abbr, formula, family, name = (row + ["", "", ""])[:4]
        entry = Abbreviation(abbr, formula, family or None, name)
        lexicon[abbr] = entry
        if len(row) > 4 and row[4].strip():
            for variant in row[4].split(","):
                lexicon[variant.strip()] = Abbreviation(variant.strip(), formula, family or None, name)
    return lexicon


def lookup_abbreviation(text: str) -> Abbreviation | None:
    """The entry for ``text`` (exact case): a lexicon entry or a numbered / coded form.

    Raises :class:`AbbreviationCodeError` when ``text`` is a coded form whose digits
    give no composition.
    """
    entry = abbreviation_lexicon().get(text)
    if entry is not None:
        return entry
    entry = _site_code(text) or _numbered(text) or _a_site_numbered(text)
    if entry is not None:
        return entry
    # "GDC-10", "8-YSZ", "BZCYYb-1711", "LSCF 6428": the same as without the separator
    if _SEPARATED_NUMBER.match(text):
        entry = lookup_abbreviation(_SEPARATOR.sub("", text))
        return replace(entry, abbreviation=text) if entry is not None else None
    return None


def abbreviation_pattern_source() -> str:
    """Regex alternation of every lexicon key, longest first (for the text scanner)."""
    keys = sorted(abbreviation_lexicon(), key=len, reverse=True)
    return "|".join(re.escape(k) for k in keys)


_SEPARATED_NUMBER = re.compile(r"^(?:[A-Za-z]+[-‐– ]\d[\d.]*|\d[\d.]*[-‐– ][A-Za-z]+)$")
_SEPARATOR = re.compile(r"[-‐– ]")


def _fmt(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------- numbered forms

# dopant content in mol% written before or after the abbreviation
_STABILISED_ZIRCONIA = {"YSZ": "Y2O3", "ScSZ": "Sc2O3", "Y-TZP": "Y2O3"}
_DOPED_CERIA = {"GDC": "Gd", "SDC": "Sm", "CGO": "Gd"}
_ACCEPTOR_DOPED_PEROVSKITE = {"BZY": ("Ba", "Zr", "Y"), "BCY": ("Ba", "Ce", "Y")}
MAX_DOPANT_PERCENT = 50
"""A larger number after "YSZ" or "GDC" is a sample label, not a dopant content."""
MAX_WRITTEN_STABILISER_PERCENT = 20
"""``N mol% YSZ`` is the stabiliser content only up to this; "NiO + 40 mol% YSZ" is a mixture."""

_NUMBER = r"\d{1,2}(?:\.\d+)?"
_LETTERS = r"[A-Za-z](?:[A-Za-z-]*[A-Za-z])?"  # "Y-TZP"
_NUMBERED = re.compile(
    rf"^(?:(?P<pre>{_NUMBER})(?P<a>{_LETTERS})|(?P<b>{_LETTERS})(?P<post>{_NUMBER}))$"
)
# "8 mol% YSZ", "8mol.%YSZ", "8 m/o YSZ" (spaces may already be gone)
_MOLE_PERCENT = re.compile(rf"^(?P<pre>{_NUMBER}) ?(?:mole?s? ?\.? ?%|m/o) ?-?(?P<a>YSZ|ScSZ)$")


def _numbered(text: str) -> Abbreviation | None:
    mole_percent = _MOLE_PERCENT.match(text)
    match = mole_percent or _NUMBERED.match(text)
    if not match:
        return None
    abbr = match.group("a") or match.group("b")
    percent = float(match.group("pre") or match.group("post"))
    limit = MAX_WRITTEN_STABILISER_PERCENT if mole_percent else MAX_DOPANT_PERCENT
    if not 0 < percent < limit or abbr not in abbreviation_lexicon():
        return None
    x = percent / 100
    if abbr in _STABILISED_ZIRCONIA:
        formula = f"(ZrO2){_fmt(1 - x)}({_STABILISED_ZIRCONIA[abbr]}){_fmt(x)}"
    elif abbr in _DOPED_CERIA:
        formula = f"Ce{_fmt(1 - x)}{_DOPED_CERIA[abbr]}{_fmt(x)}O{_fmt(2 - x / 2)}"
    elif abbr in _ACCEPTOR_DOPED_PEROVSKITE:
        a_site, host, dopant = _ACCEPTOR_DOPED_PEROVSKITE[abbr]
        formula = f"{a_site}{host}{_fmt(1 - x)}{dopant}{_fmt(x)}O3"
    else:
        return None
    entry = abbreviation_lexicon()[abbr]
    return Abbreviation(text, formula, entry.family, entry.name)


# La1−xSrxBO3 perovskites named with the Sr content: "LSM20" (20 % Sr), or with the
# A-site tenths when the two digits sum to ten: "LSM82", "LSF64" (La0.6Sr0.4FeO3)
_A_SITE_NUMBERED = {"LSM": ("Mn", "lanthanum strontium manganite"),
                    "LSC": ("Co", "lanthanum strontium cobaltite"),
                    "LSF": ("Fe", "lanthanum strontium ferrite"),
                    "LSCr": ("Cr", "lanthanum strontium chromite")}
_A_SITE_CODE = re.compile(r"^(?P<abbr>LSCr|LSM|LSC|LSF)[-‐– ]?(?P<digits>\d{2})$")


def _a_site_numbered(text: str) -> Abbreviation | None:
    """"LSM20" → La0.8Sr0.2MnO3; "LSF64" → La0.6Sr0.4FeO3; else None."""
    match = _A_SITE_CODE.match(text)
    if match is None:
        return None
    first, second = (int(d) for d in match.group("digits"))
    if first + second == 10:
        la, sr = first / 10, second / 10
    elif 0 < int(match.group("digits")) < 100:
        sr = int(match.group("digits")) / 100
        la = 1 - sr
    else:
        return None
    b_site, name = _A_SITE_NUMBERED[match.group("abbr")]
    return Abbreviation(text, f"La{_fmt(la)}Sr{_fmt(sr)}{b_site}O3", "perovskite", name)


# ---------------------------------------------------------------- site codes


@dataclass(frozen=True)
class _SiteCode:
    """An abbreviation whose digits give the fractions on its sites.

    ``oxygen``: (the oxygen of the undoped formula, {acceptor: oxygen lost per unit}),
    for templates whose last ``{}`` is the oxygen.  ``rest``: the last element of a
    one-site code may be left out of the digits and takes what remains.  ``optional``:
    digits that give no fractions are left to the other readings (``CGO10`` is mol%).
    """

    prefix: str
    template: str  # one {} per element, in code order (then the oxygen, see above)
    sites: tuple[tuple[str, ...], ...]  # the elements of each site, in code order
    family: str
    name: str
    oxygen: tuple[float, dict[str, float]] | None = None
    rest: bool = False
    optional: bool = False


_SITE_CODES = {
    code.prefix: code
    for code in (
        _SiteCode("NCM", "LiNi{}Co{}Mn{}O2", (("Ni", "Co", "Mn"),), "layered",
                  "lithium nickel cobalt manganese oxide"),
        _SiteCode("NMC", "LiNi{}Mn{}Co{}O2", (("Ni", "Mn", "Co"),), "layered",
                  "lithium nickel manganese cobalt oxide"),
        _SiteCode("LSCF", "La{}Sr{}Co{}Fe{}O3", (("La", "Sr"), ("Co", "Fe")), "perovskite",
                  "lanthanum strontium cobalt ferrite"),
        _SiteCode("BSCF", "Ba{}Sr{}Co{}Fe{}O3", (("Ba", "Sr"), ("Co", "Fe")), "perovskite",
                  "barium strontium cobalt ferrite"),
        _SiteCode("LSGM", "La{}Sr{}Ga{}Mg{}O{}", (("La", "Sr"), ("Ga", "Mg")), "perovskite",
                  "strontium- and magnesium-doped lanthanum gallate",
                  oxygen=(3.0, {"Sr": 0.5, "Mg": 0.5})),
        _SiteCode("CGO", "Ce{}Gd{}O{}", (("Ce", "Gd"),), "fluorite", "gadolinia-doped ceria",
                  oxygen=(2.0, {"Gd": 0.5}), optional=True),
        _SiteCode("BZCY", "BaZr{}Ce{}Y{}O3", (("Zr", "Ce", "Y"),), "perovskite",
                  "yttrium-doped barium zirconate-cerate", rest=True),
        _SiteCode("BCZY", "BaCe{}Zr{}Y{}O3", (("Ce", "Zr", "Y"),), "perovskite",
                  "yttrium-doped barium zirconate-cerate", rest=True),
        _SiteCode("BZCYYb", "BaZr{}Ce{}Y{}Yb{}O3", (("Zr", "Ce", "Y", "Yb"),), "perovskite",
                  "yttrium- and ytterbium-doped barium zirconate-cerate"),
        _SiteCode("BCZYYb", "BaCe{}Zr{}Y{}Yb{}O3", (("Ce", "Zr", "Y", "Yb"),), "perovskite",
                  "yttrium- and ytterbium-doped barium zirconate-cerate"),
    )
}
_SITE_CODE = re.compile(r"^(?P<prefix>" + "|".join(sorted(_SITE_CODES, key=len, reverse=True))
                        + r")[-‐– ]?(?P<code>\d[\d.\-‐–]*)$")

# "NCM532" is the commercial LiNi0.5Co0.2Mn0.3O2 (NMC532 in Ni-Mn-Co order), also
# written NCM523; LiNi0.5Co0.3Mn0.2O2 is almost never what a paper means by it.
_CONVENTIONAL_CODES = {("NCM", "532"): ("0.5", "0.2", "0.3")}


def _site_code(text: str) -> Abbreviation | None:
    match = _SITE_CODE.match(text)
    if not match:
        return None
    scheme = _SITE_CODES[match.group("prefix")]
    code = match.group("code")
    amounts = _CONVENTIONAL_CODES.get((scheme.prefix, code)) or _read_code(code, scheme)
    if amounts is None:
        if scheme.optional:
            return None
        elements = "/".join("-".join(site) for site in scheme.sites)
        raise AbbreviationCodeError(msg.BAD_SITE_CODE.format(text=text, code=code, elements=elements))
    if scheme.oxygen is not None:
        full, lost = scheme.oxygen
        elements = [element for site in scheme.sites for element in site]
        oxygen = full - sum(lost.get(el, 0.0) * float(a) for el, a in zip(elements, amounts))
        amounts = (*amounts, _fmt(oxygen))
    return Abbreviation(text, scheme.template.format(*amounts), scheme.family, scheme.name)


def _read_code(code: str, scheme: _SiteCode) -> tuple[str, ...] | None:
    """The amounts (as formula text) the digits give, or None when they give none or several."""
    sites = scheme.sites
    if scheme.family == "layered":
        return _three_fractions(code)
    # one digit per element, in tenths ("6428"); the last of a single site may be left out
    if scheme.rest and code.isdigit() and len(code) == len(sites[0]) - 1:
        left = 10 - sum(int(d) for d in code)
        code = code + str(left) if 0 < left < 10 and "0" not in code else ""
    if not code.isdigit() or len(code) != sum(len(site) for site in sites):
        return None
    amounts: list[str] = []
    for site in sites:
        digits, code = code[: len(site)], code[len(site) :]
        if sum(int(d) for d in digits) != 10:
            return None
        amounts.extend(_fmt(int(d) / 10) for d in digits)
    return tuple(amounts)


def _three_fractions(code: str) -> tuple[str, ...] | None:
    """Ni-first fractions of a layered oxide: "811", "111", "9055", "955", "9.5.5"."""
    if code in ("111", "333"):
        return ("1/3", "1/3", "1/3")
    parts = re.split(r"[.\-‐–]", code)
    digits = "".join(parts)
    if len(parts) in (1, 3) and len(digits) == 3 and sum(int(d) for d in digits) == 10:
        return tuple(_fmt(int(d) / 10) for d in digits)  # tenths: "811", "8-1-1"
    if len(parts) == 1:
        # percents, the first (largest) part written with two digits: "9055", "851005"
        splits = [
            (digits[:2], digits[2:i], digits[i:])
            for i in range(3, len(digits))
            if len(digits) >= 4 and 1 <= i - 2 <= 2 and 1 <= len(digits) - i <= 2
        ]
        # "955": the first digit in tenths, the others in percents
        if len(digits) == 3:
            splits.append((digits[0] + "0", digits[1], digits[2]))
    elif len(parts) == 3 and all(re.fullmatch(r"\d{1,2}", p) for p in parts):
        first = parts[0] + "0" if len(parts[0]) == 1 else parts[0]
        splits = [(first, parts[1], parts[2])]
    else:
        return None
    readings = {s for s in splits if sum(int(p) for p in s) == 100}
    if len(readings) != 1:
        return None
    (reading,) = readings
    return tuple(_fmt(int(p) / 100) for p in reading)
