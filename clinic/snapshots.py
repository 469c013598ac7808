"""Build the findings engine's snapshot from the database, in a fixed number of queries.

The record page, the caseload's stored findings, the admin and the `findings --patient`
command all build their snapshot here, so they can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import groupby
from operator import attrgetter, itemgetter
from typing import Any

from django.db.models import F, Prefetch, QuerySet

import rls
from clinic.models import (
    ClinicalEntryQuerySet,
    Condition,
    LabResult,
    LocalName,
    Medication,
    Patient,
    VisitNote,
    gestational_week_from,
    recorded_habits,
)
from clinic.models.lookups import AnyOf, AsFloat
from clinic.models.records import AUGMENTATION_FIELDS, CRITERIA_FIELDS

_SEX = {s.value: s for s in rls.Sex}
_FAMILY_HISTORY = {"yes": True, "no": False, "unknown": None}
_HABIT = {h.value: h for h in rls.Habit}
_CONDITION_STATUS = {s.value: s for s in rls.ConditionStatus}
_MEDICATION_STATUS = {s.value: s for s in rls.MedicationStatus}


def with_snapshot_data(patients: QuerySet[Patient]) -> QuerySet[Patient]:
    """Prefetch what `build_snapshot` reads: four queries, whatever the number of patients."""
    rows = _current_rows()
    return patients.prefetch_related(
        Prefetch("labresults", queryset=rows["labs"]),
        Prefetch("conditions", queryset=rows["conditions"]),
        Prefetch("medications", queryset=rows["medications"]),
        # The record page lists the visits with their authors from this same prefetch.
        Prefetch("visitnotes", queryset=rows["visits"].select_related("author")),
    )


# Exactly what the snapshot reads of a patient, for refreshing many patients: a refresh that
# loaded whole rows spent half its time on columns the engine never sees.
SNAPSHOT_PATIENT_COLUMNS = (
    "sex",
    "birth_date",
    "pregnancy_due_date",
    "family_history_rls",
    "uses_caffeine",
    "uses_alcohol",
    "smokes",
    "date_of_death",
)
# ... and of each row of the record, by `RecordRows` field: the row is these values, in this
# order, whether read as a tuple (`load_record_rows`) or taken from a model instance.
_ROW_COLUMNS = {
    "conditions": ("patient_id", "pk", "name", "icd10", "status", "onset_date"),
    "medications": ("patient_id", "pk", "line", "atc", "status", "iron_route", "started_on"),
    "labs": ("patient_id", "pk", "analyte", "value", "unit", "collected_on"),
    "visits": (
        "patient_id",
        "pk",
        "visit_date",
        "irls_score",
        *CRITERIA_FIELDS,
        *AUGMENTATION_FIELDS,
    ),
}
_ROW_OF_INSTANCE = {name: attrgetter(*columns) for name, columns in _ROW_COLUMNS.items()}
# A lab value is read as the float the engine takes, not as a Decimal that `_lab` converts:
# psycopg builds ~20 Decimals a patient otherwise. The same number either way: both the
# database's cast and float(Decimal) round the decimal to the nearest double.
_READ_AS = {"labs": {"value": AsFloat("value")}}
# Where a visit row's answers are (after patient, pk, date and IRLS score).
_CRITERIA = slice(4, 4 + len(CRITERIA_FIELDS))
_AUGMENTATION = slice(_CRITERIA.stop, _CRITERIA.stop + len(AUGMENTATION_FIELDS))


# The order the snapshot takes a record's rows in (conditions and medications: as listed).
_ORDER = {
    "labs": ("collected_on", "pk"),
    "conditions": ("status", "name"),
    "medications": ("status", "line"),
    "visits": ("visit_date", "pk"),
}


@dataclass(frozen=True, slots=True)
class RecordRows:
    """A patient's current clinical rows as `_ROW_COLUMNS` tuples, in the snapshot's order.

    `load_record_rows` reads the visits as named rows: the caseload's summaries read them by
    name, as they read the record page's visits.
    """

    conditions: list[Any] = field(default_factory=list)
    medications: list[Any] = field(default_factory=list)
    labs: list[Any] = field(default_factory=list)
    visits: list[Any] = field(default_factory=list)


def load_record_rows(pks: Iterable[int]) -> dict[int, RecordRows]:
    """Read these patients' current clinical rows as tuples: four queries, no model objects.

    For refreshing many patients: building ~40 model instances per patient cost more than
    evaluating them. Same rows and order as `with_snapshot_data`, so the same snapshot; the
    database sorts them by patient first, so they are grouped in one pass.
    """
    pks = list(pks)
    grouped = {}
    for name, rows in _current_rows().items():
        ordered = rows.filter(AnyOf(F("patient_id"), pks)).order_by("patient_id", *_ORDER[name])
        read_as = _READ_AS.get(name, {})
        columns = [read_as.get(column, column) for column in _ROW_COLUMNS[name]]
        values = ordered.values_list(*columns, named=name == "visits")
        grouped[name] = {pk: list(group) for pk, group in groupby(values, itemgetter(0))}
    conditions, medications, labs, visits = (grouped[name] for name in _ROW_COLUMNS)
    return {
        pk: RecordRows(
            conditions=conditions.get(pk, []),
            medications=medications.get(pk, []),
            labs=labs.get(pk, []),
            visits=visits.get(pk, []),
        )
        for pk in pks
    }


def _current_rows() -> dict[str, QuerySet[Any]]:
    """The rows of a record that count clinically, in the order the snapshot takes them."""
    return {name: rows.current() for name, rows in record_rows().items()}


def record_rows() -> dict[str, ClinicalEntryQuerySet]:
    """Every row of a record, marked in error or not, in the order the snapshot takes them.

    For a page that lists the rows marked in error beside the current ones from one read:
    only the current rows (`entered_in_error_at` empty) may reach `snapshot_from_rows`.
    """
    return {
        "labs": LabResult.objects.order_by(*_ORDER["labs"]),
        "conditions": Condition.objects.order_by(*_ORDER["conditions"]),
        "medications": Medication.objects.order_by(*_ORDER["medications"]),
        "visits": VisitNote.objects.order_by(*_ORDER["visits"]),
    }


def build_snapshot(patient: Patient, as_of: date) -> rls.Snapshot:
    """Return the engine's view of this patient on `as_of` (prefetch with `with_snapshot_data`)."""
    rows = rows_of_instances(
        conditions=patient.conditions.all(),
        medications=patient.medications.all(),
        labs=patient.labresults.all(),
        visits=patient.visitnotes.all(),
    )
    return snapshot_from_rows(patient, rows, as_of)


def rows_of_instances(
    *,
    conditions: Iterable[Condition],
    medications: Iterable[Medication],
    labs: Iterable[LabResult],
    visits: Iterable[VisitNote],
) -> RecordRows:
    """Return current rows read as model instances in the form `snapshot_from_rows` takes."""
    return RecordRows(
        conditions=list(map(_ROW_OF_INSTANCE["conditions"], conditions)),
        medications=list(map(_ROW_OF_INSTANCE["medications"], medications)),
        labs=list(map(_ROW_OF_INSTANCE["labs"], labs)),
        visits=list(map(_ROW_OF_INSTANCE["visits"], visits)),
    )


def snapshot_from_rows(patient: Patient | Any, rows: RecordRows, as_of: date) -> rls.Snapshot:
    """Return the engine's view of this patient on `as_of` from their record's rows.

    `patient`: a Patient, or a named row of its SNAPSHOT_PATIENT_COLUMNS (a refresh's).
    """
    week = gestational_week_from(patient.pregnancy_due_date, as_of)
    habits = recorded_habits(patient.uses_caffeine, patient.uses_alcohol, patient.smokes)
    return rls.Snapshot(
        as_of=as_of,
        sex=_SEX[patient.sex],
        birth_date=patient.birth_date,
        pregnancy=rls.Pregnancy(gestational_week=week) if week is not None else None,
        family_history_rls=_FAMILY_HISTORY[patient.family_history_rls],
        habits=frozenset([_HABIT[h] for h in habits]),
        conditions=tuple(map(_condition, rows.conditions)),
        medications=tuple(map(_medication, rows.medications)),
        labs=tuple(map(_lab, rows.labs)),
        visits=tuple(map(_visit, rows.visits)),
        iron_therapies=tuple([_iron(m) for m in rows.medications if _is_iron_therapy(m)]),
        date_of_death=patient.date_of_death,
    )


def load_local_names() -> tuple[rls.LocalName, ...]:
    """Return the clinic's local names as engine data (read fresh: admins' edits apply at once)."""
    rows = LocalName.objects.order_by("pk").values_list("kind", "name", "target")
    return tuple(rls.LocalName(kind=kind, name=name, target=target) for kind, name, target in rows)


# Labs and visits, conditions and medications: a refresh builds ~35 of them a patient, so their
# slots are set directly (rls.slot_setters: half the cost of the frozen dataclass's __init__).
_LAB_SLOTS = rls.slot_setters(rls.LabResult, "analyte", "value", "unit", "date", "ref")
_VISIT_SLOTS = rls.slot_setters(rls.Visit, "date", "irls_total", "criteria", "augmentation", "ref")


_CONDITION_SLOTS = rls.slot_setters(rls.Condition, "name", "icd10", "status", "ref", "onset")
_MEDICATION_SLOTS = rls.slot_setters(rls.Medication, "name", "atc", "status", "ref")


def _condition(row: Any) -> rls.Condition:
    _, pk, name, icd10, status, onset = row
    set_name, set_icd10, set_status, set_ref, set_onset = _CONDITION_SLOTS
    condition = object.__new__(rls.Condition)
    set_name(condition, name)
    set_icd10(condition, icd10)
    set_status(condition, _CONDITION_STATUS[status])
    set_ref(condition, f"condition:{pk}")
    set_onset(condition, onset)
    return condition


def _medication(row: Any) -> rls.Medication:
    _, pk, line, atc, status, _, _ = row
    set_name, set_atc, set_status, set_ref = _MEDICATION_SLOTS
    medication = object.__new__(rls.Medication)
    set_name(medication, line)
    set_atc(medication, atc)
    set_status(medication, _MEDICATION_STATUS[status])
    set_ref(medication, f"medication:{pk}")
    return medication


def _lab(row: Any) -> rls.LabResult:
    _, pk, analyte, value, unit, collected_on = row
    set_analyte, set_value, set_unit, set_date, set_ref = _LAB_SLOTS
    lab = object.__new__(rls.LabResult)
    set_analyte(lab, analyte)
    set_value(lab, float(value))
    set_unit(lab, unit)
    set_date(lab, collected_on)
    set_ref(lab, f"lab:{pk}")
    return lab


def _visit(row: Any) -> rls.Visit:
    set_date, set_irls_total, set_criteria, set_augmentation, set_ref = _VISIT_SLOTS
    visit = object.__new__(rls.Visit)
    set_date(visit, row[2])
    set_irls_total(visit, row[3])
    set_criteria(visit, _criteria(row[_CRITERIA]))
    set_augmentation(visit, _augmentation(row[_AUGMENTATION]))
    set_ref(visit, f"visit:{row[1]}")
    return visit


# A visit's answers take a few hundred distinct values across a clinic; the engine's frozen
# answers are shared between the visits that gave the same ones.
@cache
def _criteria(answers: tuple[bool | None, ...]) -> rls.CriteriaAnswers:
    return rls.CriteriaAnswers(**dict(zip(CRITERIA_FIELDS.values(), answers, strict=True)))


@cache
def _augmentation(answers: tuple[bool | None, ...]) -> rls.AugmentationAnswers:
    return rls.AugmentationAnswers(**dict(zip(AUGMENTATION_FIELDS.values(), answers, strict=True)))


def _is_iron_therapy(row: Any) -> bool:
    # A stopped course needs no recheck reminder; the database ensures a start date.
    _, _, _, _, status, iron_route, started_on = row
    return bool(iron_route) and status == "active" and started_on is not None


def _iron(row: Any) -> rls.IronTherapy:
    _, pk, line, _, _, iron_route, started_on = row
    assert started_on is not None  # _is_iron_therapy
    return rls.IronTherapy(
        route=rls.IronRoute(iron_route),
        started_on=started_on,
        name=line,
        ref=f"medication:{pk}",
    )
