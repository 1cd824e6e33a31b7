"""Chemical names → formulas for common inorganic compounds and precursors.

A small grammar rather than a dictionary:

    name := [count-prefix] cation [oxidation-state] [count-prefix] anion [hydrate]
          | common name (``data/chemical_names.tsv``: zirconia, yttria-stabilized zirconia …)
          | element name + "metal"

The cation is an element name (or symbol: "Al-nitrate"), ``ammonium`` or an
old-style name (ferric, cuprous …); the oxidation state comes from a Roman
numeral, else from the anion count ("pentoxide"), else from the element's most
common positive state.  Lists ("nickel and manganese acetates") name several
materials and are reported as such.

>>> name_to_formula("manganese (II) nitrate")
'Mn(NO3)2'
>>> name_to_formula("antimony pentoxide")
'Sb2O5'
>>> name_to_formula("Copper Sulfate Pentahydrate")
'CuSO4·5H2O'
"""

from __future__ import annotations

import re
from functools import lru_cache

from matmine.extractors.abbreviations import _read_tsv
from matmine.extractors.periodic_table import ELEMENT_BY_NAME, ELEMENTS, common_oxidation_states

# anion name → (formula group, charge magnitude)
ANIONS: dict[str, tuple[str, int]] = {
    "oxide": ("O", 2), "sulfide": ("S", 2), "sulphide": ("S", 2), "selenide": ("Se", 2),
    "telluride": ("Te", 2), "nitride": ("N", 3), "phosphide": ("P", 3), "carbide": ("C", 4),
    "fluoride": ("F", 1), "chloride": ("Cl", 1), "bromide": ("Br", 1), "iodide": ("I", 1),
    "hydride": ("H", 1), "hydroxide": ("OH", 1), "nitrate": ("NO3", 1), "nitrite": ("NO2", 1),
    "sulfate": ("SO4", 2), "sulphate": ("SO4", 2), "sulfite": ("SO3", 2), "phosphate": ("PO4", 3),
    "hydrogen phosphate": ("HPO4", 2), "dihydrogen phosphate": ("H2PO4", 1),
    "carbonate": ("CO3", 2), "hydrogen carbonate": ("HCO3", 1), "bicarbonate": ("HCO3", 1),
    "acetate": ("CH3COO", 1), "oxalate": ("C2O4", 2), "formate": ("HCOO", 1),
    "perchlorate": ("ClO4", 1), "chlorate": ("ClO3", 1), "acetylacetonate": ("CH3COCHCOCH3", 1),
    "citrate": ("C6H5O7", 3), "isopropoxide": ("OCH(CH3)2", 1), "ethoxide": ("OC2H5", 1),
    "methoxide": ("OCH3", 1), "butoxide": ("OC4H9", 1), "propoxide": ("OC3H7", 1),
    "borate": ("BO3", 3), "silicate": ("SiO4", 4), "orthosilicate": ("SiO4", 4),
    "titanate": ("TiO3", 2), "zirconate": ("ZrO3", 2), "aluminate": ("AlO2", 1),
    "tungstate": ("WO4", 2), "molybdate": ("MoO4", 2), "heptamolybdate": ("Mo7O24", 6),
    "vanadate": ("VO4", 3), "niobate": ("NbO3", 1), "tantalate": ("TaO3", 1),
    "chromate": ("CrO4", 2), "dichromate": ("Cr2O7", 2), "permanganate": ("MnO4", 1),
    "cyanide": ("CN", 1), "thiocyanate": ("SCN", 1), "amide": ("NH2", 1), "imide": ("NH", 2),
    "borohydride": ("BH4", 1), "tetrafluoroborate": ("BF4", 1), "hexafluorophosphate": ("PF6", 1),
    "thiophosphate": ("PS4", 3), "peroxide": ("O2", 2), "gallate": ("GaO3", 3),
}
OLD_CATIONS: dict[str, tuple[str, int]] = {
    "ferric": ("Fe", 3), "ferrous": ("Fe", 2), "cupric": ("Cu", 2), "cuprous": ("Cu", 1),
    "stannic": ("Sn", 4), "stannous": ("Sn", 2), "cobaltous": ("Co", 2), "cobaltic": ("Co", 3),
    "manganous": ("Mn", 2), "chromic": ("Cr", 3), "ceric": ("Ce", 4), "cerous": ("Ce", 3),
    "mercuric": ("Hg", 2), "mercurous": ("Hg", 1), "plumbous": ("Pb", 2), "plumbic": ("Pb", 4),
    "nickelous": ("Ni", 2), "aurous": ("Au", 1), "auric": ("Au", 3),
}
MULTIPLIERS: dict[str, float] = {
    "mono": 1, "di": 2, "tri": 3, "tetra": 4, "penta": 5, "hexa": 6, "hepta": 7, "octa": 8,
    "nona": 9, "deca": 10, "sesqui": 1.5, "hemi": 0.5,
}
HYDRATES: dict[str, float] = {
    "monohydrate": 1, "hemihydrate": 0.5, "sesquihydrate": 1.5, "dihydrate": 2, "trihydrate": 3,
    "tetrahydrate": 4, "pentahydrate": 5, "hexahydrate": 6, "heptahydrate": 7,
    "octahydrate": 8, "nonahydrate": 9, "decahydrate": 10, "dodecahydrate": 12,
}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8}
FORM_WORDS = (
    "nanopowder", "nanopowders", "powder", "powders", "nanoparticles", "nanoparticle",
    "particles", "crystals", "crystal", "pellets", "pellet", "film", "films", "solution",
    "precursor", "precursors", "salt", "salts", "anhydrous", "reagent", "flakes", "foil",
)


class SeveralMaterialsError(ValueError):
    """The name lists several materials ("Ce and La acetylacetonates")."""


@lru_cache(maxsize=1)
def common_names() -> dict[str, tuple[str, str | None]]:
    """Lower-case common name → (formula, family)."""
    return {
        row[0].strip(): (row[1].strip(), (row[2].strip() if len(row) > 2 else "") or None)
        for row in _read_tsv("chemical_names.tsv")
    }


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MULT = _alternation(list(MULTIPLIERS))
_CATION_WORD = (
    r"(?:" + _alternation(list(ELEMENT_BY_NAME) + list(OLD_CATIONS) + ["ammonium"])
    + r"|" + _alternation(sorted(ELEMENTS)) + r")"
)
_ANION_WORD = _alternation(list(ANIONS))
NAME_PATTERN = re.compile(
    rf"(?P<cmult>{_MULT})?-?(?P<cation>{_CATION_WORD})"
    r"(?:\s*\(\s*(?P<roman>viii|vii|vi|iv|v|iii|ii|i)\s*\))?"
    rf"[\s-]+(?P<amult>{_MULT}|pent|tetr|mon|hex|hept)??-?(?P<anion>{_ANION_WORD})(?P<plural>s)?"
    rf"(?:[\s-]+(?P<hydrate>{_alternation(list(HYDRATES))}|hydrate))?",
    re.IGNORECASE,
)
_LIST = re.compile(rf"^(?:{_CATION_WORD})(?:\s*\([ivx]+\))?(?:\s*,\s*|\s+and\s+)", re.IGNORECASE)
_HYDRATED_PREFIX = re.compile(r"^hydrated\s+", re.IGNORECASE)
_METAL = re.compile(rf"^(?P<cation>{_CATION_WORD})\s+metal$", re.IGNORECASE)
_METALS = re.compile(r"\bmetals?$", re.IGNORECASE)


def _symbol(word: str) -> tuple[str | None, int | None]:
    lower = word.lower()
    if lower in OLD_CATIONS:
        return OLD_CATIONS[lower]
    if lower == "ammonium":
        return "NH4", 1
    if lower in ELEMENT_BY_NAME:
        return ELEMENT_BY_NAME[lower], None
    if word in ELEMENTS:
        return word, None
    return None, None


def _group(formula: str, count: float) -> str:
    if count == 1:
        return formula
    number = f"{count:g}"
    simple = re.fullmatch(r"[A-Z][a-z]?", formula)
    return f"{formula}{number}" if simple else f"({formula}){number}"


def _oxidation_state(symbol: str) -> int | None:
    positive = [s for s in common_oxidation_states(symbol) if s > 0]
    return min(positive) if positive else None


def _balance(symbol: str, state: int | None, charge: int, n_anion: float | None,
             n_cation: float | None) -> tuple[float, float]:
    """Counts (cation, anion) that balance the charges."""
    if n_cation and n_anion:
        return n_cation, n_anion
    if n_anion is not None:
        allowed = [s for s in common_oxidation_states(symbol) if s > 0] if symbol in ELEMENTS else [1]
        for cations in (1, 2):
            if n_anion * charge / cations in allowed:
                return cations, n_anion
        return (2, n_anion) if (n_anion * charge) % 2 and n_anion > 3 else (1, n_anion)
    if state is None:
        state = _oxidation_state(symbol) if symbol in ELEMENTS else 1
    if state is None:
        raise ValueError(symbol)
    if n_cation is not None:
        return n_cation, n_cation * state / charge
    common = _gcd(state, charge)
    return charge // common, state // common


def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


def name_to_formula(text: str) -> str | None:
    """Formula for a chemical name, or None when ``text`` is not one we know.

    Raises :class:`SeveralMaterialsError` for lists of materials.
    """
    name = " ".join(text.split()).strip(" ,;.")
    lower = name.lower()
    words = lower.split()
    while words and words[-1] in FORM_WORDS:
        words.pop()
    lower = " ".join(words)
    name = name[: len(lower)] if name.lower().startswith(lower) else lower
    if lower in common_names():
        return common_names()[lower][0]
    hydrated = bool(_HYDRATED_PREFIX.match(name))
    if hydrated:
        name = _HYDRATED_PREFIX.sub("", name)
    if _LIST.match(name) and (NAME_PATTERN.search(name) or _METALS.search(name)):
        raise SeveralMaterialsError(name)
    metal = _METAL.match(name)
    if metal:
        symbol, _ = _symbol(metal.group("cation"))
        return symbol if symbol in ELEMENTS else None
    match = NAME_PATTERN.fullmatch(name)
    if not match:
        return None
    symbol, state = _symbol(match.group("cation"))
    if symbol is None:
        return None
    if match.group("plural") and not match.group("amult"):
        pass  # "Er chlorides": a generic plural, still one compound
    if match.group("roman"):
        state = ROMAN[match.group("roman").lower()]
    anion, charge = ANIONS[match.group("anion").lower()]
    n_anion = _multiplier(match.group("amult"))
    n_cation = _multiplier(match.group("cmult"))
    if match.group("anion").lower() == "oxide" and n_anion == 1.5:  # sesquioxide
        n_cation, n_anion = 2, 3
    try:
        cations, anions = _balance(symbol, state, charge, n_anion, n_cation)
    except ValueError:
        return None
    formula = _group(symbol, cations) + _group(anion, anions)
    hydrate = match.group("hydrate")
    if hydrate and hydrate.lower() != "hydrate":
        formula += f"·{HYDRATES[hydrate.lower()]:g}H2O"
    elif hydrate or hydrated:
        formula += "·nH2O"
    return formula


def _multiplier(word: str | None) -> float | None:
    if not word:
        return None
    word = word.lower()
    word = {"pent": "penta", "tetr": "tetra", "mon": "mono", "hex": "hexa", "hept": "hepta"}.get(word, word)
    return MULTIPLIERS[word]


def name_family(text: str) -> str | None:
    """Family of a common name from the lexicon ("zirconia" → "fluorite"), if any."""
    entry = common_names().get(" ".join(text.lower().split()))
    return entry[1] if entry else None
