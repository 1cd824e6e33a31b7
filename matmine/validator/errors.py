"""Why a composition did not become a candidate.

Every rejection carries a *category* (a short machine-readable key, used for
counting in the manifest and the benchmark) and a one-line reason for people.
"""

from __future__ import annotations

from matmine.errors import MatmineError

# Rejection categories, in pipeline order.
UNPARSED = "unparsed"
EMPTY = "empty"
UNRESOLVED_VARIABLE = "unresolved_variable"
VACANCY = "vacancy"
UNKNOWN_ELEMENT = "unknown_element"
NON_INTEGER_STOICHIOMETRY = "non_integer_stoichiometry"
NOT_CHARGE_BALANCED = "not_charge_balanced"
UNKNOWN_FAMILY = "unknown_family"
NO_PROTOTYPE = "no_prototype"
DOES_NOT_FIT = "does_not_fit"
COMPOSITION_MISMATCH = "composition_mismatch"
EXPORT_FAILED = "export_failed"
INTERNAL_ERROR = "internal_error"

CATEGORIES = (
    UNPARSED, EMPTY, UNRESOLVED_VARIABLE, VACANCY, UNKNOWN_ELEMENT,
    NON_INTEGER_STOICHIOMETRY, NOT_CHARGE_BALANCED, UNKNOWN_FAMILY, NO_PROTOTYPE,
    DOES_NOT_FIT, COMPOSITION_MISMATCH, EXPORT_FAILED, INTERNAL_ERROR,
)


class ValidationError(MatmineError):
    """A composition was rejected by the validator; ``category`` says at which step.

    >>> str(ValidationError(VACANCY, "vacancy symbol 'Vac' in the composition"))
    "vacancy: vacancy symbol 'Vac' in the composition"
    """

    def __init__(self, category: str, reason: str) -> None:
        super().__init__(f"{category}: {reason}")
        self.category = category
        self.reason = reason
