"""The lab catalogue: analytes, their LOINC codes, units, conversions and plausible ranges.

Every value is converted to the analyte's canonical unit as `value * factor + offset`
(the conversions are the standard SI factors). The plausible range, in
the canonical unit, separates a typo (a hemoglobin of 1,000 g/L) from a real result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unit:
    symbol: str  # the spelling shown to users and stored
    factor: float  # canonical = value * factor + offset
    offset: float = 0.0
    # Other names laboratories give the same unit (UK mU/L for mIU/L); read, never stored.
    aliases: tuple[str, ...] = ()

    def to_canonical(self, value: float) -> float:
        return value * self.factor + self.offset


@dataclass(frozen=True, slots=True)
class Analyte:
    key: str
    label: str
    loinc: tuple[str, ...]
    units: tuple[Unit, ...]  # the first is canonical
    plausible: tuple[float, float]  # inclusive, in the canonical unit

    @property
    def canonical_unit(self) -> str:
        return self.units[0].symbol

    def unit(self, spelling: str) -> Unit | None:
        """Return the unit this spelling names, or None if it is not valid for this analyte."""
        wanted = normalize_unit(spelling)
        for unit in self.units:
            if wanted in (normalize_unit(name) for name in (unit.symbol, *unit.aliases)):
                return unit
        return None


_EGFR_UNIT = "mL/min/1.73 m²"

ANALYTES: dict[str, Analyte] = {
    a.key: a
    for a in (
        Analyte(
            "hemoglobin",
            "Hemoglobin",
            ("718-7", "59260-0"),
            (Unit("g/L", 1), Unit("g/dL", 10), Unit("mmol/L", 16.11)),
            (20, 260),
        ),
        Analyte(
            "ferritin", "Ferritin", ("2276-4",), (Unit("µg/L", 1), Unit("ng/mL", 1)), (0, 100_000)
        ),
        Analyte(
            "serum_iron",
            "Serum iron",
            ("2498-4", "14798-3"),
            (Unit("µg/dL", 1), Unit("µmol/L", 1 / 0.1791)),
            (0, 1_000),
        ),
        Analyte(
            "transferrin_saturation",
            "Transferrin saturation",
            ("2502-3",),
            (Unit("%", 1),),
            (0, 100),
        ),
        Analyte(
            "tibc", "TIBC", ("2500-7",), (Unit("µg/dL", 1), Unit("µmol/L", 1 / 0.1791)), (50, 1_200)
        ),
        Analyte(
            "transferrin",
            "Transferrin",
            ("3034-6",),
            (Unit("g/L", 1), Unit("mg/dL", 0.01)),
            (0.2, 8),
        ),
        Analyte(
            "folate",
            "Folate",
            ("2284-8",),
            # UK laboratories report folate in µg/L: the same quantity as ng/mL.
            (Unit("ng/mL", 1, aliases=("µg/L",)), Unit("nmol/L", 1 / 2.266)),
            (0, 100),
        ),
        Analyte(
            "vitamin_b12",
            "Vitamin B12",
            ("2132-9",),
            (Unit("pg/mL", 1), Unit("pmol/L", 1 / 0.738), Unit("ng/L", 1)),
            (0, 20_000),
        ),
        Analyte(
            "vitamin_d",
            "25-OH vitamin D",
            ("62292-8", "1989-3"),
            (Unit("ng/mL", 1, aliases=("µg/L",)), Unit("nmol/L", 1 / 2.496)),
            (0, 300),
        ),
        Analyte(
            "magnesium",
            "Magnesium",
            ("19123-9", "2601-3"),
            (Unit("mmol/L", 1), Unit("mg/dL", 0.4114), Unit("mEq/L", 0.5)),
            (0.1, 5),
        ),
        Analyte(
            "hba1c",
            "HbA1c",
            ("4548-4", "17856-6", "59261-8"),
            # IFCC mmol/mol to NGSP %: % = mmol/mol / 10.929 + 2.15.
            (Unit("%", 1), Unit("mmol/mol", 1 / 10.929, 2.15)),
            (2, 25),
        ),
        Analyte(
            "glucose",
            "Glucose",
            ("2345-7",),
            (Unit("mmol/L", 1), Unit("mg/dL", 1 / 18.016)),
            (0.5, 80),
        ),
        Analyte(
            "creatinine",
            "Creatinine",
            ("2160-0", "14682-9"),
            (Unit("µmol/L", 1), Unit("mg/dL", 88.42)),
            (5, 3_000),
        ),
        Analyte(
            "egfr", "eGFR", ("98979-8", "62238-1", "33914-3"), (Unit(_EGFR_UNIT, 1),), (0, 250)
        ),
        Analyte(
            "tsh",
            "TSH",
            ("3016-3", "11580-8"),
            # UK laboratories write mU/L (and µU/mL): the same quantity as mIU/L.
            (Unit("mIU/L", 1, aliases=("mU/L",)), Unit("µIU/mL", 1, aliases=("µU/mL",))),
            (0, 500),
        ),
    )
}

ANALYTE_BY_LOINC: dict[str, Analyte] = {code: a for a in ANALYTES.values() for code in a.loinc}

_MICRO = re.compile(r"^(?:micro|u|μ|µ|mc)(?=[a-z])")
_SPACES = re.compile(r"\s+")
# UCUM writes annotations in braces and units in square brackets: mL/min/{1.73_m2}, m[IU]/L.
_UCUM_MARKS = str.maketrans("", "", "{}[]_")
_POWER = re.compile(r"^(?:x|×)?10(?:\^|\*\*|\*|e)")  # 10^9/L, x10^9/L, 10*9/L (UCUM): one key


def normalize_unit(spelling: str) -> str:
    """Fold the ways a unit is written to one key: `ug/L`, `µg/L`, `mcg/L` and `microgram/L`;
    `mL/min/1.73m2` and UCUM `mL/min/{1.73_m2}`; `m[IU]/L`; `10^9/L` and UCUM `10*9/L`.
    """
    text = _SPACES.sub("", spelling.strip().lower()).translate(_UCUM_MARKS)
    text = _POWER.sub("10*", text.replace("²", "2").replace("^2", "2"))
    text = text.replace("percent", "%").replace("milli", "m").replace("gram", "g")
    text = text.replace("litre", "l").replace("liter", "l")
    return "/".join(_MICRO.sub("µ", part) for part in text.split("/"))


def to_canonical(analyte_key: str, value: float, unit: str) -> float:
    """Convert a value to the analyte's canonical unit; raise ValueError for an unknown unit."""
    analyte = ANALYTES[analyte_key]
    found = analyte.unit(unit)
    if found is None:
        raise ValueError(f"{unit!r} is not a unit for {analyte.label}")
    return found.to_canonical(value)
