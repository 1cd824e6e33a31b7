"""What an activation energy activates: conduction, or an electrode process.

A scientist screening electrolytes searches for the activation energy of
conduction.  Papers on electrodes also report activation energies of a
polarization resistance ("the activation energy of Rp was 1.21 eV"), of oxygen
surface exchange, or of a dielectric relaxation; those get their own property
names so they never pass for a conduction value:

* ``activation_energy_polarization``: polarization, area-specific, interfacial or
  charge-transfer resistance, electrode reactions (ORR, catalytic activity);
* ``activation_energy_surface_exchange``: surface exchange (k, kchem, k*);
* ``activation_energy_relaxation``: dielectric or mechanical relaxation.

An activation energy that names none of them, or names conduction, migration or
diffusion, stays ``activation_energy``.  The words are looked for, in order:
between the cue and the value ("the activation energy **of the polarization
resistance** … was"), then the nearest before the cue in the same clause ("the
ASR … with an activation energy of"), then after the value in the same clause
("… of 1.2 eV, implying fast oxygen reduction").
"""

from __future__ import annotations

import re

ACTIVATION_ENERGY = "activation_energy"
PROCESSES = ("polarization", "surface_exchange", "relaxation")
PROCESS_PROPERTIES = tuple(f"{ACTIVATION_ENERGY}_{p}" for p in PROCESSES)

_I = re.IGNORECASE
_TERMS = re.compile(
    r"(?P<polarization>polari[sz]ation(?:\s+resistances?)?|\bR\s?_?\s?(?:p|pol|ct)\b|"
    r"\bASRs?\b|area[- ]specific\s+(?:resistances?|resistivit(?:y|ies))|"
    r"(?:interfacial|charge[- ]transfer|electrode)\s+resistances?|"
    r"electrode\s+(?:reactions?|process(?:es)?|kinetics)|oxygen\s+reduction(?:\s+reactions?)?|"
    r"\bORR\b|\bOER\b|(?:electro)?catalytic|impedance\s+arcs?)"
    r"|(?P<surface_exchange>surface\s+exchange|\bk\s?_?\s?(?:chem|ex|tr)\b|\bk\s?\*)"
    r"|(?P<relaxation>\brelax(?:es|ed|ation|ations)?\b|dielectric\s+loss)"
    r"|(?P<conduction>conductivit(?:y|ies)|conduct(?:ion|ing|or|ors)\b|migration|"
    r"diffusion|diffusivit(?:y|ies)|hopping|transport)",
    _I,
)
_CLAUSE_BREAK = re.compile(r"[;:]|\.\s|\bwhereas\b|\bwhile\b|\bbut\b", _I)


def _kind(match: re.Match[str]) -> str:
    return next(name for name, text in match.groupdict().items() if text)


def activated_process(before: str, cue: tuple[int, int] | None, after: str) -> str | None:
    """The process an activation energy belongs to (``"polarization"`` …), or None
    for conduction or when the text does not say.

    ``before`` is the text of the sentence (or table header) up to the value,
    ``cue`` the span of the cue words ("activation energy", "Ea") in ``before``,
    ``after`` the text after the value.
    """
    if cue is not None:
        between = _TERMS.search(before, cue[1])
        if between is not None:
            kind = _kind(between)
            return None if kind == "conduction" else kind
        breaks = list(_CLAUSE_BREAK.finditer(before, 0, cue[0]))
        start = breaks[-1].end() if breaks else 0
        nearest = None
        for nearest in _TERMS.finditer(before, start, cue[0]):
            pass
        if nearest is not None:
            kind = _kind(nearest)
            return None if kind == "conduction" else kind
    # the rest of the clause: "… (105.3 kJ/mol) and SCT20 (105.8 kJ/mol), implying its
    # suitability for catalysing oxygen reduction" holds for every value of the list
    end = _CLAUSE_BREAK.search(after)
    following = _TERMS.search(after, 0, end.start() if end else len(after))
    if following is not None and _kind(following) != "conduction":
        return _kind(following)
    return None


def activation_property(before: str, cue: tuple[int, int] | None, after: str) -> str:
    """``activation_energy`` or ``activation_energy_<process>`` (see the module docstring)."""
    process = activated_process(before, cue, after)
    return ACTIVATION_ENERGY if process is None else f"{ACTIVATION_ENERGY}_{process}"


__all__ = ["ACTIVATION_ENERGY", "PROCESSES", "PROCESS_PROPERTIES", "activated_process",
           "activation_property"]
