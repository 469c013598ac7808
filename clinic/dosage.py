"""Read the dose, unit, route and frequency out of a medication line as doctors write it.

"Reglan 10 mg tab PO TID" -> dose 10, unit mg, route PO, frequency TID. Only what is clearly
there is read; anything else stays blank for the doctor to fill in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOSE = re.compile(
    r"(?<![\w.])(?P<amount>\d+(?:[.,]\d+)?)\s*"
    r"(?P<unit>mcg|µg|ug|mg|g|ml|iu|units?|mmol|meq|drops?|puffs?|%)(?![\w])",
    re.IGNORECASE,
)
_UNITS = {"ug": "µg", "mcg": "µg", "ml": "mL", "iu": "IU", "unit": "units", "meq": "mEq"}
# Written forms -> the abbreviation the record shows (Latin abbreviations as clinicians use them).
_ROUTES = {
    "po": "PO",
    "oral": "PO",
    "orally": "PO",
    "by mouth": "PO",
    "iv": "IV",
    "im": "IM",
    "sc": "SC",
    "sq": "SC",
    "subcut": "SC",
    "subcutaneous": "SC",
    "sl": "SL",
    "sublingual": "SL",
    "pr": "PR",
    "rectal": "PR",
    "top": "topical",
    "topical": "topical",
    "inh": "inhaled",
    "inhaled": "inhaled",
    "td": "transdermal",
    "transdermal": "transdermal",
    "patch": "transdermal",
    "nasal": "nasal",
}
_FREQUENCIES = {
    "od": "once daily",
    "qd": "once daily",
    "daily": "once daily",
    "once daily": "once daily",
    "once a day": "once daily",
    "mane": "in the morning",
    "qam": "in the morning",
    "nocte": "at night",
    "qhs": "at night",
    "hs": "at night",
    "at night": "at night",
    "at bedtime": "at night",
    "bid": "BID",
    "bd": "BID",
    "twice daily": "BID",
    "twice a day": "BID",
    "tid": "TID",
    "tds": "TID",
    "three times daily": "TID",
    "three times a day": "TID",
    "qid": "QID",
    "qds": "QID",
    "four times daily": "QID",
    "four times a day": "QID",
    "prn": "as needed",
    "as needed": "as needed",
    "weekly": "weekly",
    "once weekly": "weekly",
}
_EVERY_HOURS = re.compile(r"\b(?:q\s?(\d{1,2})\s?h|every (\d{1,2}) hours?)\b", re.IGNORECASE)


def _phrases(table: dict[str, str]) -> re.Pattern[str]:
    # Longest first, so "once daily" wins over "daily" and "at night" over nothing.
    alternatives = sorted(table, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, alternatives)) + r")(?!\w)", re.I)


_ROUTE_PATTERN = _phrases(_ROUTES)
_FREQUENCY_PATTERN = _phrases(_FREQUENCIES)


@dataclass(frozen=True, slots=True)
class Dosage:
    dose: str = ""
    unit: str = ""
    route: str = ""
    frequency: str = ""


def parse_dosage(line: str) -> Dosage:
    """Return the dose, unit, route and frequency written in a medication line (blank if not)."""
    dose = _DOSE.search(line)
    route = _ROUTE_PATTERN.search(line)
    return Dosage(
        dose=dose.group("amount").replace(",", ".") if dose else "",
        unit=_unit(dose.group("unit")) if dose else "",
        route=_ROUTES[route.group(1).lower()] if route else "",
        frequency=_frequency(line),
    )


def _unit(written: str) -> str:
    return _UNITS.get(written.lower(), written.lower() if written != "%" else "%")


def _frequency(line: str) -> str:
    hours = _EVERY_HOURS.search(line)
    if hours:
        return f"every {hours.group(1) or hours.group(2)} hours"
    found = _FREQUENCY_PATTERN.search(line)
    return _FREQUENCIES[found.group(1).lower()] if found else ""
