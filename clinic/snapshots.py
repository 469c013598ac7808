"""Build the findings engine's snapshot from the database, in a fixed number of queries.

The record page, the caseload's stored findings, the admin and the `findings --patient`
command all build their snapshot here, so they can never disagree.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, QuerySet

import rls
from clinic.models import Condition, LabResult, LocalName, Medication, Patient, VisitNote
from clinic.models.records import AUGMENTATION_FIELDS, CRITERIA_FIELDS

_SEX = {s.value: s for s in rls.Sex}
_FAMILY_HISTORY = {"yes": True, "no": False, "unknown": None}


def with_snapshot_data(patients: QuerySet[Patient]) -> QuerySet[Patient]:
    """Prefetch what `build_snapshot` reads: four queries, whatever the number of patients."""
    return patients.prefetch_related(
        Prefetch("labresults", queryset=LabResult.objects.current().order_by("collected_on", "pk")),
        Prefetch("conditions", queryset=Condition.objects.current()),
        Prefetch("medications", queryset=Medication.objects.current()),
        # The record page lists the visits with their authors from this same prefetch.
        Prefetch(
            "visitnotes",
            queryset=VisitNote.objects.current()
            .select_related("author")
            .order_by("visit_date", "pk"),
        ),
    )


# Exactly what `build_snapshot` reads, for refreshing many patients: a refresh that loaded
# whole rows spent half its time on columns the engine never sees.
_PATIENT_COLUMNS = (
    "sex",
    "birth_date",
    "pregnancy_due_date",
    "family_history_rls",
    "uses_caffeine",
    "uses_alcohol",
    "smokes",
    "date_of_death",
    # Not snapshot data: the stored summaries the refresh compares before writing them.
    "stored_finding_count",
    "last_visit_on",
)


def with_snapshot_columns(patients: QuerySet[Patient]) -> QuerySet[Patient]:
    """Like `with_snapshot_data`, loading only the columns the snapshot reads."""
    visit_columns = (*CRITERIA_FIELDS, *AUGMENTATION_FIELDS)
    return patients.only(*_PATIENT_COLUMNS).prefetch_related(
        Prefetch(
            "labresults",
            queryset=LabResult.objects.current()
            .order_by("collected_on", "pk")
            .only("patient_id", "analyte", "value", "unit", "collected_on"),
        ),
        Prefetch(
            "conditions",
            queryset=Condition.objects.current().only("patient_id", "name", "icd10", "status"),
        ),
        Prefetch(
            "medications",
            queryset=Medication.objects.current().only(
                "patient_id", "line", "atc", "status", "iron_route", "started_on"
            ),
        ),
        Prefetch(
            "visitnotes",
            queryset=VisitNote.objects.current()
            .order_by("visit_date", "pk")
            .only("patient_id", "visit_date", "irls_score", *visit_columns),
        ),
    )


def build_snapshot(patient: Patient, as_of: date) -> rls.Snapshot:
    """Return the engine's view of this patient on `as_of` (prefetch with `with_snapshot_data`)."""
    week = patient.gestational_week_on(as_of)
    medications = patient.medications.all()
    return rls.Snapshot(
        as_of=as_of,
        sex=_SEX[patient.sex],
        birth_date=patient.birth_date,
        pregnancy=rls.Pregnancy(gestational_week=week) if week is not None else None,
        family_history_rls=_FAMILY_HISTORY[patient.family_history_rls],
        habits=frozenset(rls.Habit(h) for h in patient.habits),
        conditions=tuple(_condition(c) for c in patient.conditions.all()),
        medications=tuple(_medication(m) for m in medications),
        labs=tuple(_lab(lab) for lab in patient.labresults.all()),
        visits=tuple(_visit(v) for v in patient.visitnotes.all()),
        iron_therapies=tuple(_iron(m) for m in medications if _is_iron_therapy(m)),
        date_of_death=patient.date_of_death,
    )


def load_local_names() -> tuple[rls.LocalName, ...]:
    """Return the clinic's local names as engine data (read fresh: admins' edits apply at once)."""
    rows = LocalName.objects.order_by("pk").values_list("kind", "name", "target")
    return tuple(rls.LocalName(kind=kind, name=name, target=target) for kind, name, target in rows)


def _condition(row: Condition) -> rls.Condition:
    return rls.Condition(
        name=row.name,
        icd10=row.icd10,
        status=rls.ConditionStatus(row.status),
        ref=f"condition:{row.pk}",
        onset=row.onset_date,
    )


def _medication(row: Medication) -> rls.Medication:
    return rls.Medication(
        name=row.line,
        atc=row.atc,
        status=rls.MedicationStatus(row.status),
        ref=f"medication:{row.pk}",
    )


def _lab(row: LabResult) -> rls.LabResult:
    return rls.LabResult(
        analyte=row.analyte,
        value=float(row.value),
        unit=row.unit,
        date=row.collected_on,
        ref=f"lab:{row.pk}",
    )


def _visit(row: VisitNote) -> rls.Visit:
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


def _is_iron_therapy(row: Medication) -> bool:
    # A stopped course needs no recheck reminder; the database ensures a start date.
    return bool(row.iron_route) and row.status == "active" and row.started_on is not None


def _iron(row: Medication) -> rls.IronTherapy:
    assert row.started_on is not None  # _is_iron_therapy
    return rls.IronTherapy(
        route=rls.IronRoute(row.iron_route),
        started_on=row.started_on,
        name=row.line,
        ref=f"medication:{row.pk}",
    )
