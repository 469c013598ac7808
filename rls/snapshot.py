"""The patient snapshot: everything the findings engine reads, as frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from rls.visits import IronTherapy, Visit


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class Habit(StrEnum):
    CAFFEINE = "caffeine"
    ALCOHOL = "alcohol"
    SMOKING = "smoking"


class ConditionStatus(StrEnum):
    ACTIVE = "active"
    RESOLVED = "resolved"


class MedicationStatus(StrEnum):
    ACTIVE = "active"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class Pregnancy:
    """A current pregnancy; the caller derives the week at `as_of` from its own records."""

    gestational_week: int


@dataclass(frozen=True, slots=True)
class Condition:
    name: str
    icd10: str = ""
    status: ConditionStatus = ConditionStatus.ACTIVE
    # Opaque to the engine: the caller's handle for the row (e.g. "condition:12"),
    # echoed in the evidence so a page can highlight the row that triggered a finding.
    ref: str = ""
    onset: date | None = None  # read for pregnancy entries: an old one is not current


@dataclass(frozen=True, slots=True)
class Medication:
    name: str
    atc: str = ""
    status: MedicationStatus = MedicationStatus.ACTIVE
    ref: str = ""


@dataclass(frozen=True, slots=True)
class LabResult:
    analyte: str  # a key of rls.labs.ANALYTES
    value: float
    unit: str  # any spelling rls.labs.normalize_unit accepts for this analyte
    date: date
    ref: str = ""


@dataclass(frozen=True, slots=True)
class Snapshot:
    as_of: date
    sex: Sex = Sex.UNKNOWN
    birth_date: date | None = None
    pregnancy: Pregnancy | None = None
    family_history_rls: bool | None = None
    habits: frozenset[Habit] = field(default_factory=frozenset)
    conditions: tuple[Condition, ...] = ()
    medications: tuple[Medication, ...] = ()
    labs: tuple[LabResult, ...] = ()
    visits: tuple[Visit, ...] = ()
    iron_therapies: tuple[IronTherapy, ...] = ()
    # No findings are raised for a day after death: the record is closed.
    date_of_death: date | None = None


@dataclass(frozen=True, slots=True)
class LocalName:
    """A clinic's own name for a drug or a condition, added by an admin.

    `target` is a generic drug name known to the knowledge base (e.g. "metoclopramide"),
    a drug-class finding code (e.g. "drug.ssri") or, for conditions, a condition finding code
    (e.g. "cause.diabetes"). See `rls.knowledge.local_name_targets`.
    """

    kind: str  # "medication" or "condition"
    name: str
    target: str
