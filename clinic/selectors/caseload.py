"""The caseload's reads: search, filter and sort in the database, on stored findings.

Nothing here evaluates the findings engine: the caseload reads the StoredFinding rows that
`patient_findings_refresh` writes with every change, so a page costs the same few queries
whether the doctor follows 20 patients or 2,000.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)

from clinic.access import patients_for_user
from clinic.models import Patient, StoredFinding, VisitNote
from clinic.models.patients import PatientStatus
from rls import SEVERITY_RANK, Category, Severity, months_before

IRON_OR_ANEMIA = ("cause.iron-deficiency", "cause.anemia")
BADGES_PER_PATIENT = 4
# Never-seen patients count as the longest unseen: first when oldest visits come first.
_SORTS = {
    "name": (F("family_name").asc(), F("given_name").asc(), F("mrn").asc()),
    "last_visit": (F("last_visit").asc(nulls_first=True),),
    "-last_visit": (F("last_visit").desc(nulls_last=True),),
    "-findings": (F("finding_count").desc(),),
}
_BY_NAME = (F("family_name").asc(), F("given_name").asc())


@dataclass(frozen=True, slots=True)
class Badge:
    """A compact finding: its category, its most telling words, and its severity."""

    code: str
    category: str
    severity: str
    text: str


def caseload(user: Any, criteria: dict[str, Any], today: date) -> QuerySet[Any]:
    """Return the user's patients matching `criteria`, annotated and sorted for the caseload."""
    patients: QuerySet[Any] = patients_for_user(user).annotate(
        # Stored on the patient by every write's findings refresh; read, never recounted.
        last_visit=F("last_visit_on"),
        finding_count=F("stored_finding_count"),
        latest_irls=Subquery(_visits().filter(irls_score__isnull=False).values("irls_score")[:1]),
    )
    patients = _filtered(patients, criteria, today)
    return patients.order_by(*_ordering(criteria["sort"]), "pk")


def with_badges(patients: QuerySet[Patient]) -> QuerySet[Patient]:
    """Prefetch the stored findings the badges are made of: one query for the whole page."""
    return patients.prefetch_related(
        Prefetch("stored_findings", queryset=StoredFinding.objects.order_by("code"))
    )


def badges(patient: Patient) -> list[Badge]:
    """Return the patient's most important findings as badges, most severe first."""
    stored = sorted(
        patient.stored_findings.all(),
        key=lambda f: (SEVERITY_RANK.get(Severity(f.severity), 9), f.code),
    )
    return [
        Badge(f.code, f.category, f.severity, badge_text(f.category, f.title))
        for f in stored[:BADGES_PER_PATIENT]
    ]


def badge_text(category: str, title: str) -> str:
    """Return the words a badge shows: the drug names for a drug finding, else the title."""
    if category in (Category.AGGRAVATING_DRUG, Category.TREATMENT_CAUTION) and ": " in title:
        return title.split(": ", 1)[1]
    return title


def _ordering(sort: str) -> tuple:
    if sort == "name":
        return _SORTS["name"]
    return (*_SORTS.get(sort, ()), *_BY_NAME)


def _visits() -> QuerySet[VisitNote]:
    return VisitNote.objects.current().filter(patient=OuterRef("pk")).order_by("-visit_date", "-pk")


def _filtered(patients: QuerySet[Any], criteria: dict[str, Any], today: date) -> QuerySet[Any]:
    if not criteria["include_inactive"]:
        patients = patients.filter(status=PatientStatus.ACTIVE)
    for term in criteria["q"].split():
        names = Q(family_name__icontains=term) | Q(given_name__icontains=term)
        patients = patients.filter(names | Q(mrn__istartswith=term))
    stored = StoredFinding.objects.filter(patient=OuterRef("pk"))
    if criteria["aggravating_drug"]:
        patients = patients.filter(Exists(stored.filter(category=Category.AGGRAVATING_DRUG)))
    if criteria["iron_or_anemia"]:
        patients = patients.filter(Exists(stored.filter(code__in=IRON_OR_ANEMIA)))
    if criteria["data_gap"]:
        patients = patients.filter(Exists(stored.filter(category=Category.DATA_GAP)))
    if criteria["pregnant"]:
        patients = patients.filter(pregnancy_due_date__isnull=False)
    if criteria["no_visit_months"]:
        since = months_before(today, criteria["no_visit_months"])
        recent = VisitNote.objects.current().filter(patient=OuterRef("pk"), visit_date__gte=since)
        patients = patients.filter(~Exists(recent))
    return patients
