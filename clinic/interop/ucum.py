"""UCUM codes, as FHIR quantities carry them, and the unit symbols Ekbom stores and shows."""

from __future__ import annotations

import re

UCUM = "http://unitsofmeasure.org"
# Our symbols whose UCUM code is spelled differently; every other symbol is its own code.
_TO_UCUM = {
    "µg/L": "ug/L",
    "µg/dL": "ug/dL",
    "µmol/L": "umol/L",
    "µIU/mL": "u[IU]/mL",
    "mIU/L": "m[IU]/L",
    "mEq/L": "meq/L",
    "mL/min/1.73 m²": "mL/min/{1.73_m2}",
}
_ANNOTATION = re.compile(r"\{([^}]*)\}")


def to_ucum(symbol: str) -> str:
    """Return the UCUM code of a stored unit symbol."""
    return _TO_UCUM.get(symbol, symbol)


def from_ucum(code: str) -> str:
    """Read a UCUM code as a unit spelling: mL/min/{1.73_m2} → mL/min/1.73m2, m[IU]/L → mIU/L."""
    text = _ANNOTATION.sub(lambda m: m[1].replace("_", ""), code)
    return text.replace("[", "").replace("]", "")
