"""Build the findings engine's snapshot from the database, in a fixed number of queries.

The record page, the caseload's stored findings, the admin and the `findings --patient`
command all build their snapshot here, so they can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

import rls
from clinic.models import (
    ClinicalEntryQuerySet,
    Condition,
    LabResult,
    LocalName,
    Medication,
    Patient,
    VisitNote,
)
from clinic.models.records import AUGMENTATION_FIELDS, CRITERIA_FIELDS

_SEX = {s.value: s for s in rls.Sex}
_FAMILY_HISTORY = {"yes": True, "no": False, "unknown": None}


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
# ... and of each row of the record, by `RecordRows` field. A column the snapshot reads but this
# leaves out fails loudly (AttributeError) in the bulk refresh and its test, not row by row.
_ROW_COLUMNS = {
    "conditions": ("pk", "name", "icd10", "status", "onset_date"),
    "medications": ("pk", "line", "atc", "status", "iron_route", "started_on"),
    "labs": ("pk", "analyte", "value", "unit", "collected_on"),
    "visits": ("pk", "visit_date", "irls_score", *CRITERIA_FIELDS, *AUGMENTATION_FIELDS),
}


@dataclass(frozen=True, slots=True)
class RecordRows:
    """A patient's current clinical rows, in the order the snapshot takes them.

    Model instances (the record page's prefetch) or plain named rows (`load_record_rows`):
    the snapshot reads the same attributes of either.
    """

    conditions: list[Any] = field(default_factory=list)
    medications: list[Any] = field(default_factory=list)
    labs: list[Any] = field(default_factory=list)
    visits: list[Any] = field(default_factory=list)


def load_record_rows(pks: Iterable[int]) -> dict[int, RecordRows]:
    """Read these patients' current clinical rows as named rows: four queries, no model objects.

    For refreshing many patients: building ~40 model instances per patient cost more than
    evaluating them. Same querysets and order as `with_snapshot_data`, so the same snapshot.
    """
    pks = list(pks)
    records = {pk: RecordRows() for pk in pks}
    for name, rows in _current_rows().items():
        columns = _ROW_COLUMNS[name]
        for row in rows.filter(patient_id__in=pks).values_list("patient_id", *columns, named=True):
            getattr(records[row.patient_id], name).append(row)
    return records


def _current_rows() -> dict[str, QuerySet[Any]]:
    """The rows of a record that count clinically, in the order the snapshot takes them."""
    return {name: rows.current() for name, rows in record_rows().items()}


def record_rows() -> dict[str, ClinicalEntryQuerySet]:
    """Every row of a record, marked in error or not, in the order the snapshot takes them.

    For a page that lists the rows marked in error beside the current ones from one read:
    only the current rows (`entered_in_error_at` empty) may reach `snapshot_from_rows`.
    """
    return {
        "labs": LabResult.objects.order_by("collected_on", "pk"),
        "conditions": Condition.objects.all(),
        "medications": Medication.objects.all(),
        "visits": VisitNote.objects.order_by("visit_date", "pk"),
    }


def build_snapshot(patient: Patient, as_of: date) -> rls.Snapshot:
    """Return the engine's view of this patient on `as_of` (prefetch with `with_snapshot_data`)."""
    rows = RecordRows(
        conditions=list(patient.conditions.all()),
        medications=list(patient.medications.all()),
        labs=list(patient.labresults.all()),
        visits=list(patient.visitnotes.all()),
    )
    return snapshot_from_rows(patient, rows, as_of)


def snapshot_from_rows(patient: Patient, rows: RecordRows, as_of: date) -> rls.Snapshot:
    """Return the engine's view of this patient on `as_of` from their record's rows."""
    week = patient.gestational_week_on(as_of)
    return rls.Snapshot(
        as_of=as_of,
        sex=_SEX[patient.sex],
        birth_date=patient.birth_date,
        pregnancy=rls.Pregnancy(gestational_week=week) if week is not None else None,
        family_history_rls=_FAMILY_HISTORY[patient.family_history_rls],
        habits=frozenset(rls.Habit(h) for h in patient.habits),
        conditions=tuple(_condition(c) for c in rows.conditions),
        medications=tuple(_medication(m) for m in rows.medications),
        labs=tuple(_lab(lab) for lab in rows.labs),
        visits=tuple(_visit(v) for v in rows.visits),
        iron_therapies=tuple(_iron(m) for m in rows.medications if _is_iron_therapy(m)),
        date_of_death=patient.date_of_death,
    )


def load_local_names() -> tuple[rls.LocalName, ...]:
    """Return the clinic's local names as engine data (read fresh: admins' edits apply at once)."""
    rows = LocalName.objects.order_by("pk").values_list("kind", "name", "target")
    return tuple(rls.LocalName(kind=kind, name=name, target=target) for kind, name, target in rows)


def _condition(row: Any) -> rls.Condition:
    return rls.Condition(
        name=row.name,
        icd10=row.icd10,
        status=rls.ConditionStatus(row.status),
        ref=f"condition:{row.pk}",
        onset=row.onset_date,
    )


def _medication(row: Any) -> rls.Medication:
    return rls.Medication(
        name=row.line,
        atc=row.atc,
        status=rls.MedicationStatus(row.status),
        ref=f"medication:{row.pk}",
    )


def _lab(row: Any) -> rls.LabResult:
    return rls.LabResult(
        analyte=row.analyte,
        value=float(row.value),
        unit=row.unit,
        date=row.collected_on,
        ref=f"lab:{row.pk}",
    )


def _visit(row: Any) -> rls.Visit:
    return rls.Visit(
        date=row.visit_date,
        irls_total=row.irls_score,
        criteria=rls.CriteriaAnswers(
            **{name: getattr(row, column) for column, name in CRITERIA_FIELDS.items()}
        ),
        augmentation=rls.AugmentationAnswers(
            **{name: getattr(row, column) for column, name in AUGMENTATION_FIELDS.items()}
        ),
        ref=f"visit:{row.pk}",
    )


def _is_iron_therapy(row: Any) -> bool:
    # A stopped course needs no recheck reminder; the database ensures a start date.
    return bool(row.iron_route) and row.status == "active" and row.started_on is not None


def _iron(row: Any) -> rls.IronTherapy:
    assert row.started_on is not None  # _is_iron_therapy
    return rls.IronTherapy(
        route=rls.IronRoute(row.iron_route),
        started_on=row.started_on,
        name=row.line,
        ref=f"medication:{row.pk}",
    )
