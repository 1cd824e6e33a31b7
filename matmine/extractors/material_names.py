"""Chemical names → formulas for common inorganic compounds and precursors.

A small grammar rather than a dictionary:

    name := [count-prefix] cation [oxidation-state] [count-prefix] anion [hydrate]
          | common name (``data/chemical_names.tsv``: zirconia, yttria-stabilized zirconia …)
          | element name + "metal"

The cation is an element name (or symbol: "Al-nitrate"), ``ammonium`` or an
old-style name (ferric, cuprous …); the oxidation state comes from a Roman
numeral, else from the anion count ("pentoxide"), else from the state the
compound is usually meant with (:data:`USUAL_STATES`: iron nitrate is
iron(III) nitrate), else from the element's lowest common positive state.
Some names are not salts and are not balanced: interstitial nitrides and
carbides (:data:`USUAL_BINARIES`: TiN, Mo2C) and ternary oxides
(:data:`TERNARY_OXIDES`: BaTiO3 but La2Zr2O7, MgAl2O4 but LaAlO3).  Lists
("nickel and manganese acetates") name several materials and are reported as such.

>>> name_to_formula("manganese (II) nitrate")
'Mn(NO3)2'
>>> name_to_formula("antimony pentoxide")
'Sb2O5'
>>> name_to_formula("Copper Sulfate Pentahydrate")
'CuSO4·5H2O'
>>> name_to_formula("lanthanum zirconate")
'La2Zr2O7'
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
    "stannate": ("SnO3", 2), "hafnate": ("HfO3", 2), "cerate": ("CeO3", 2),
    "tungstate": ("WO4", 2), "molybdate": ("MoO4", 2), "heptamolybdate": ("Mo7O24", 6),
    "vanadate": ("VO4", 3), "niobate": ("NbO3", 1), "tantalate": ("TaO3", 1),
    "chromate": ("CrO4", 2), "dichromate": ("Cr2O7", 2), "permanganate": ("MnO4", 1),
    "cyanide": ("CN", 1), "thiocyanate": ("SCN", 1), "amide": ("NH2", 1), "imide": ("NH", 2),
    "borohydride": ("BH4", 1), "tetrafluoroborate": ("BF4", 1), "hexafluorophosphate": ("PF6", 1),
    "thiophosphate": ("PS4", 3), "peroxide": ("O2", 2), "gallate": ("GaO2", 1),
}
# "A B-ate": a ternary oxide whose formula follows from the charge of A, not a salt of
# one oxoanion.  B(IV) (titanate …): Li2TiO3, BaTiO3 and, for rare earths, the pyrochlore
# La2Zr2O7; B(III) (aluminate …): LiAlO2, the spinel MgAl2O4, the perovskite LaAlO3.
# A charge missing from a row is a name without one usual meaning (calcium manganite
# CaMnO3 or Ca2MnO4, strontium cobaltite SrCoO3 or Sr2Co2O5): no formula.
# Ferrite, chromite, manganite, cobaltite, nickelate are not in ANIONS, so the text
# finder does not look for them: in prose "cobalt ferrite" is as often the tail of
# "lanthanum strontium cobalt ferrite" (LSCF) as a material of its own.
_B4_OXIDE = {1: (2, 1, 3), 2: (1, 1, 3), 3: (2, 2, 7)}
_B3_OXIDE = {1: (1, 1, 2), 2: (1, 2, 4), 3: (1, 1, 3)}
TERNARY_OXIDES: dict[str, tuple[str, dict[int, tuple[int, int, int]]]] = {
    "titanate": ("Ti", _B4_OXIDE), "zirconate": ("Zr", _B4_OXIDE), "hafnate": ("Hf", _B4_OXIDE),
    "stannate": ("Sn", _B4_OXIDE), "cerate": ("Ce", _B4_OXIDE),
    "aluminate": ("Al", _B3_OXIDE), "gallate": ("Ga", _B3_OXIDE), "chromite": ("Cr", _B3_OXIDE),
    "ferrite": ("Fe", _B3_OXIDE), "hexaferrite": ("Fe", {2: (1, 12, 19)}),
    "manganite": ("Mn", {3: (1, 1, 3)}),
    "cobaltite": ("Co", {1: (1, 1, 2), 3: (1, 1, 3)}),
    "nickelate": ("Ni", {1: (1, 1, 2), 3: (1, 1, 3)}),
}
# (cation, name) → (A, B, O) counts where the charge rule gives the wrong compound; None
# where the name has two meanings
TERNARY_EXCEPTIONS: dict[tuple[str, str], tuple[int, int, int] | None] = {
    ("Li", "ferrite"): (1, 5, 8),  # the spinel LiFe5O8, not LiFeO2
    ("Ba", "ferrite"): (1, 12, 19),  # the hexaferrite
    ("Sr", "ferrite"): None,  # SrFe12O19 to magnet makers, SrFeO3−δ in fuel-cell papers
}
# the A2B2O7 pyrochlores are rare-earth compounds; bismuth titanate is Bi4Ti3O12
RARE_EARTHS = frozenset(
    "Sc Y La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu".split()
)
# Nitrides and carbides of the transition metals are interstitial compounds, not salts:
# their usual formulas do not follow from an oxidation state.  (cation, anion) → counts.
USUAL_BINARIES: dict[tuple[str, str], tuple[int, int]] = {
    **{(metal, "nitride"): (1, 1) for metal in ("Ti", "Zr", "Hf", "V", "Nb", "Cr")},
    **{(metal, "carbide"): (1, 1) for metal in ("Ti", "Zr", "Hf", "V", "Nb", "Ta", "W")},
    ("Mo", "carbide"): (2, 1), ("Fe", "carbide"): (3, 1), ("B", "carbide"): (4, 1),
}
# (cation, anion) → the oxidation state a name without one usually means
USUAL_STATES: dict[tuple[str, str], int] = {
    ("Fe", "nitrate"): 3, ("Ir", "oxide"): 4, ("Ru", "oxide"): 4,
}
# (cation, anion) → the anion a name usually means: "ammonium molybdate" is the
# heptamolybdate reagent, (NH4)6Mo7O24
USUAL_ANIONS: dict[tuple[str, str], str] = {("NH4", "molybdate"): "heptamolybdate"}
# spellings the periodic table does not list
ELEMENT_SPELLINGS: dict[str, str] = {**ELEMENT_BY_NAME, "aluminium": "Al"}
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


# Lexicon names that are also structure types ("fluorite-structured ceria"): read when
# they are the whole name, not offered to the text finder as material mentions.
STRUCTURE_TYPE_NAMES = frozenset({"fluorite"})


class SeveralMaterialsError(ValueError):
    """The name lists several materials ("Ce and La acetylacetonates")."""


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[str, str | None]]:
    return {
        row[0].strip(): (row[1].strip(), (row[2].strip() if len(row) > 2 else "") or None)
        for row in _read_tsv("chemical_names.tsv")
    }


@lru_cache(maxsize=1)
def common_names() -> dict[str, tuple[str, str | None]]:
    """Lower-case common name → (formula, family): the names that mean a material
    wherever they occur (:data:`STRUCTURE_TYPE_NAMES` are left out)."""
    return {name: entry for name, entry in _lexicon().items() if name not in STRUCTURE_TYPE_NAMES}


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MULT = _alternation(list(MULTIPLIERS))
_CATION_WORD = (
    r"(?:" + _alternation(list(ELEMENT_SPELLINGS) + list(OLD_CATIONS) + ["ammonium"])
    + r"|" + _alternation(sorted(ELEMENTS)) + r")"
)
_ANION_WORD = _alternation(list(ANIONS) + list(TERNARY_OXIDES))
NAME_PATTERN = re.compile(
    rf"(?P<cmult>{_MULT})?-?(?P<cation>{_CATION_WORD})"
    r"(?:\s*\(\s*(?P<roman>viii|vii|vi|iv|v|iii|ii|i)(?:\s*,\s*(?P<roman2>iv|iii))?\s*\))?"
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
    if lower in ELEMENT_SPELLINGS:
        return ELEMENT_SPELLINGS[lower], None
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
    if lower in _lexicon():
        return _lexicon()[lower][0]
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
    anion_name = match.group("anion").lower()
    n_anion = _multiplier(match.group("amult"))
    n_cation = _multiplier(match.group("cmult"))
    if match.group("roman2"):
        formula = _mixed_valence(symbol, anion_name)
    elif n_anion is None and n_cation is None and anion_name in TERNARY_OXIDES:
        formula = _ternary_oxide(symbol, state, anion_name)
    elif n_anion is None and n_cation is None and state is None and (symbol, anion_name) in USUAL_BINARIES:
        cations, anions = USUAL_BINARIES[symbol, anion_name]
        formula = _group(symbol, cations) + _group(ANIONS[anion_name][0], anions)
    else:
        formula = _salt(symbol, state, anion_name, n_anion, n_cation)
    if formula is None:
        return None
    hydrate = match.group("hydrate")
    if hydrate and hydrate.lower() != "hydrate":
        formula += f"·{HYDRATES[hydrate.lower()]:g}H2O"
    elif hydrate or hydrated:
        formula += "·nH2O"
    return formula


def _salt(symbol: str, state: int | None, anion_name: str, n_anion: float | None,
          n_cation: float | None) -> str | None:
    """Balanced formula of cation ``symbol`` and anion ``anion_name`` ("Fe(NO3)3")."""
    if n_anion is None and n_cation is None:
        anion_name = USUAL_ANIONS.get((symbol, anion_name), anion_name)
        if state is None:
            state = USUAL_STATES.get((symbol, anion_name))
    anion, charge = ANIONS[anion_name]
    if anion_name == "oxide" and n_anion == 1.5:  # sesquioxide
        n_cation, n_anion = 2, 3
    try:
        cations, anions = _balance(symbol, state, charge, n_anion, n_cation)
    except ValueError:
        return None
    return _group(symbol, cations) + _group(anion, anions)


def _mixed_valence(symbol: str, anion_name: str) -> str | None:
    """"cobalt(II,III) oxide" → Co3O4: one M(II) and two M(III), or two M(II) and one
    M(IV) (Pb3O4), for an anion of charge 2; other mixtures are not read."""
    anion, charge = ANIONS.get(anion_name, ("", 0))
    return f"{symbol}3{_group(anion, 4)}" if charge == 2 else None


def _ternary_oxide(symbol: str, state: int | None, name: str) -> str | None:
    """"lanthanum zirconate" → La2Zr2O7 (see :data:`TERNARY_OXIDES`)."""
    metal, by_charge = TERNARY_OXIDES[name]
    if state is None:
        state = _oxidation_state(symbol) if symbol in ELEMENTS else 1
    if (symbol, name) in TERNARY_EXCEPTIONS:
        counts = TERNARY_EXCEPTIONS[symbol, name]
    else:
        counts = by_charge.get(state) if state is not None else None
        if by_charge is _B4_OXIDE and state == 3 and symbol not in RARE_EARTHS:
            counts = None
    if counts is None:
        return None
    cations, metals, oxygens = counts
    if symbol == metal:  # "iron ferrite" is Fe3O4
        return _group(metal, cations + metals) + _group("O", oxygens)
    return _group(symbol, cations) + _group(metal, metals) + _group("O", oxygens)


def _multiplier(word: str | None) -> float | None:
    if not word:
        return None
    word = word.lower()
    word = {"pent": "penta", "tetr": "tetra", "mon": "mono", "hex": "hexa", "hept": "hepta"}.get(word, word)
    return MULTIPLIERS[word]


def name_family(text: str) -> str | None:
    """Family of a common name from the lexicon ("zirconia" → "fluorite"), if any."""
    entry = _lexicon().get(" ".join(text.lower().split()))
    return entry[1] if entry else None
