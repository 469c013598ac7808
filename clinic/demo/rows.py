"""The shapes of the demo clinic's tables: accounts and synthetic patients with their records.

Every date is written as a number of days before the day the demo is seeded, so the demo
stays meaningful whenever it runs: recent labs stay recent, the pregnant patient stays in her
third trimester, the children stay children.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

MONTH = 30  # days; good enough for "labs 3 months ago"
YEAR = 365


@dataclass(frozen=True, slots=True)
class Account:
    username: str
    first_name: str
    last_name: str
    group: str  # "Doctors" or "Clinic admins" (migration 0002)
    is_staff: bool = False


@dataclass(frozen=True, slots=True)
class Lab:
    analyte: str  # a key of rls.labs.ANALYTES
    value: str  # as the laboratory reported it, in `unit`
    unit: str
    days_ago: int
    loinc: str = ""
    entered_in_error: str = ""  # the reason, for a result the doctor struck out


@dataclass(frozen=True, slots=True)
class Cond:
    name: str
    icd10: str = ""
    onset_days_ago: int | None = None
    resolved_days_ago: int | None = None  # set: the condition is resolved


@dataclass(frozen=True, slots=True)
class Med:
    line: str  # as written in the chart, brand names and abbreviations included
    started_days_ago: int | None = None
    stopped_days_ago: int | None = None  # set: the medication is stopped
    atc: str = ""
    iron_route: str = ""  # "oral" or "iv" for iron therapy


@dataclass(frozen=True, slots=True)
class Visit:
    days_ago: int
    irls: int | None
    text: str
    by_care_team: bool = False  # written by the first care-team doctor, not the primary
    # The five IRLSSG 2014 criteria in order (clinic.models.records.CRITERIA_FIELDS), and the
    # five augmentation questions (AUGMENTATION_FIELDS): True, False or None (not asked).
    criteria: tuple[bool | None, ...] = (None,) * 5
    augmentation: tuple[bool | None, ...] = (None,) * 5
    course: str = ""
    descriptors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Task:
    description: str
    set_days_ago: int
    due_in_days: int  # negative when it is already overdue
    awaited: str = "hand"  # "lab", "visit" or "hand" (clinic.models.Awaited)
    awaited_analyte: str = ""
    owner: str = ""  # a username; the primary doctor when blank


@dataclass(frozen=True, slots=True)
class DemoPatient:
    mrn: str
    given_name: str
    family_name: str
    sex: str
    age: int  # completed years on the seeding day
    birthday: str  # "MM-DD"
    doctor: str  # the primary doctor's username
    # The finding codes this patient is in the demo to show (the tests hold them to it).
    shows: tuple[str, ...]
    care_team: tuple[str, ...] = ()
    status: str = "active"
    family_history: str = "unknown"
    habits: tuple[str, ...] = ()  # "caffeine", "alcohol", "smoking"
    pregnant: tuple[int, int] | None = None  # gestational (weeks, days) on the seeding day
    delivered_days_ago: int | None = None
    conditions: tuple[Cond, ...] = ()
    medications: tuple[Med, ...] = ()
    labs: tuple[Lab, ...] = ()
    visits: tuple[Visit, ...] = ()
    died_days_ago: int | None = None  # set: a date of death (status must be "deceased")
    next_visit_in_days: int | None = None  # a recall; negative when it is already overdue
    care_plan: tuple[str, ...] = ()  # care-plan measure keys, agreed at the latest visit
    # Follow-up tasks; one whose awaited result is among `labs` is closed by it when seeded.
    tasks: tuple[Task, ...] = ()

    def birth_date(self, today: date) -> date:
        """Return the birth date that makes the patient `age` years old on `today`."""
        month, day = (int(part) for part in self.birthday.split("-"))
        year = today.year - self.age
        if (month, day) > (today.month, today.day):
            year -= 1
        return date(year, month, day)


def days_before(today: date, days: int | None) -> date | None:
    """Return the date `days` before `today`, or None when no number of days is given."""
    return None if days is None else today - timedelta(days=days)
