"""Every message :func:`matmine.extractors.compositions.parse_material` can put in
``Material.error``, in one place so they stay consistent and greppable."""

from __future__ import annotations

EMPTY = "empty material string"
TOO_LONG = "material string too long ({length} characters, limit {limit})"
UNKNOWN_SYMBOL = "unknown element symbol {symbol!r} at position {position}"
UNEXPECTED = "unexpected {char!r} at position {position}"
UNBALANCED = "unbalanced brackets"
EMPTY_GROUP = "empty group at position {position}"
NO_ELEMENTS = "no elements"
NEGATIVE_AMOUNT = "negative amount of {element} ({amount:g}) for the given variables"
NOT_A_MATERIAL = "not recognised as a formula, abbreviation or chemical name: {text!r}"
SEVERAL_MATERIALS = "names several materials ({names}); parse them one by one"
BAD_DOPANT = "cannot read dopant {dopant!r}"
BAD_VARIABLE = "variable {name!r} has a non-numeric value {value!r}"
INTERNAL = "internal parser error ({kind}); please report this string"
VARIABLE_WEIGHT_FRACTION = "a weight fraction given by a variable cannot be converted to moles"
NOT_A_STRING = "not a string"
UNKNOWN_ABBREVIATION = "unknown abbreviation {text!r}: capitals only, not in the lexicon"
SINGLE_ELEMENT_LABEL = (
    "{text!r} looks like a sample label: one element with a large count is no material")
SITE_OCCUPANCY = "site occupancies not given: {sites} {verb} a site"
PLACEHOLDER = "{noun} {symbols} {verb} for {what}: composition not determined"
PLURAL_ABBREVIATION = "{text!r} is the plural of an abbreviation, not a formula"
BAD_SITE_CODE = "{text!r}: the digits {code!r} do not give {elements} fractions summing to 1"
AMOUNTS_BEFORE_ELEMENTS = (
    "{text!r} looks like a sample label: an amount before every element is no formula")
SYSTEM_WITHOUT_RATIO = (
    "{text!r} names a system of compounds without a ratio, not one composition")
