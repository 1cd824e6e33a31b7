"""matmine.validator: extracted compositions → simulation-ready candidates (pymatgen).

normalise → charge-balance → rebuild from a shipped prototype (+ verify) → export.

>>> from matmine.validator import build_candidates            # doctest: +SKIP
>>> report = build_candidates(["Li10SiP2S12"], out_dir=Path("candidates"))  # doctest: +SKIP

Names are imported lazily so that importing the package (e.g. from the CLI) does
not load pymatgen until it is needed.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "build_candidates": "matmine.validator.api",
    "CandidateReport": "matmine.validator.api",
    "normalise": "matmine.validator.normalise",
    "NormalisedComposition": "matmine.validator.normalise",
    "check_charge_balance": "matmine.validator.charge_balance",
    "ChargeBalance": "matmine.validator.charge_balance",
    "get_prototype": "matmine.validator.prototypes",
    "all_prototypes": "matmine.validator.prototypes",
    "Prototype": "matmine.validator.prototypes",
    "rebuild": "matmine.validator.rebuild",
    "RebuildResult": "matmine.validator.rebuild",
    "write_structure_files": "matmine.validator.export",
    "ValidationError": "matmine.validator.errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'matmine.validator' has no attribute {name!r}")
