"""The caseload's reads: search, filter and sort in the database, on stored findings.

Nothing here evaluates the findings engine: the caseload reads the StoredFinding rows that
`patient_findings_refresh` writes with every change, so a page costs the same few queries
whether the doctor follows 20 patients or 2,000.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.lookups import Exact, GreaterThan

from clinic.access import patients_for_user
from clinic.models import (
    FindingAcknowledgement,
    Patient,
    RecordSeen,
    SeenFinding,
    StoredFinding,
)
from clinic.models.patients import PatientStatus
from rls import (
    IRLS_BAND_TOPS,
    SEVERITY_RANK,
    Category,
    Severity,
    Trend,
    irls_trend,
    months_before,
)

IRON_OR_ANEMIA = ("cause.iron-deficiency", "cause.anemia")
BADGES_PER_PATIENT = 4
# Ordering once the open findings are equal, before the name: an overdue recall (next visit
# due before today) first, so the default order is critical, warnings, overdue, name.
AFTER_SEVERITY: tuple = (F("recall_overdue").desc(),)
# The sorts read the summaries every write's findings refresh stores on the patient
# (clinic/services/summaries.py), never recounted. Never-seen patients count as the longest
# unseen: first when oldest visits come first.
_SORTS = {
    "triage": (F("open_critical_count").desc(), F("open_warning_count").desc(), *AFTER_SEVERITY),
    "severity": (
        F("critical_finding_count").desc(),
        F("warning_finding_count").desc(),
        F("stored_finding_count").desc(),
    ),
    "changed": (F("changed").desc(), F("seen_at").asc(nulls_first=True)),
    "name": (F("family_name").asc(), F("given_name").asc(), F("mrn").asc()),
    "last_visit": (F("last_visit_on").asc(nulls_first=True),),
    "-last_visit": (F("last_visit_on").desc(nulls_last=True),),
    "-findings": (F("stored_finding_count").desc(),),
    # Worse first, then unchanged, then better; patients with fewer than two totals last.
    "trend": (F("trend_rank").asc(nulls_last=True),),
    "next_visit": (F("next_visit_on").asc(nulls_last=True),),
}
# Columns only one sort needs, annotated only for it: each costs the ORM's building and
# compiling on every page (the trend's band ranks alone were a fifth of the caseload's query).
_SORT_COLUMNS: dict[str, Callable[[Any, date], dict[str, Any]]] = {
    "triage": lambda user, today: {"recall_overdue": _recall_overdue(today)},
    "trend": lambda user, today: {"trend_rank": _trend_rank()},
    # Only this sort needs it in SQL; elsewhere the page's rows tell it from their badges
    # (`changed_since_seen`). As a column of every query, PostgreSQL planned it as one hashed
    # anti-join over the clinic's stored findings: 24 of the page's 50 ms.
    "changed": lambda user, today: {"changed": _changed_since_seen(user)},
}
# What a caseload row shows of the patient, its stored summaries included: a whole patient and a
# whole user a row cost three times the time to turn into objects.
CASELOAD_COLUMNS = (
    "mrn",
    "family_name",
    "given_name",
    "birth_date",
    "sex",
    "status",
    "pregnancy_due_date",
    "date_of_death",
    "next_visit_on",
    "next_task_due_on",
    "last_visit_on",
    "stored_finding_count",
    "latest_irls_score",
    "previous_irls_score",
    "primary_doctor__username",
    "primary_doctor__first_name",
    "primary_doctor__last_name",
)
DUE_SOON_DAYS = 7  # "due this week": today and the six days after
_BY_NAME = (F("family_name").asc(), F("given_name").asc())
# The meaning of a finding on a chip: told by colour, icon and word together.
CHIP_KINDS = {
    Category.AGGRAVATING_DRUG: "drug",
    Category.SECONDARY_CAUSE: "cause",
    Category.ASSOCIATED_CONDITION: "cause",
    Category.TREATMENT_CAUTION: "caution",
    Category.DATA_GAP: "gap",
    Category.LIFESTYLE: "other",
    Category.HEREDITARY: "other",
}


@dataclass(frozen=True, slots=True)
class Badge:
    """A compact finding: its category, its most telling words, and its severity."""

    code: str
    category: str
    severity: str
    text: str
    kind: str = "other"  # drug, cause, caution, gap or other: see CHIP_KINDS
    acknowledged: bool = False  # acknowledged as it stands: drawn apart from open findings
    new: bool = False  # not as this user saw it when they last opened the record


def caseload(user: Any, criteria: dict[str, Any], today: date) -> QuerySet[Any]:
    """Return the user's patients matching `criteria`, annotated and sorted for the caseload."""
    sort = criteria["sort"] if criteria["sort"] in _SORTS else "triage"
    seen = RecordSeen.objects.filter(user=user, patient=OuterRef("pk")).values("seen_at")[:1]
    patients: QuerySet[Any] = patients_for_user(user).annotate(seen_at=Subquery(seen))
    if sort in _SORT_COLUMNS:
        patients = patients.annotate(**_SORT_COLUMNS[sort](user, today))
    patients = _filtered(patients, user, criteria, today)
    patients = patients.select_related("primary_doctor").only(*CASELOAD_COLUMNS)
    return patients.order_by(*_ordering(sort), "pk")


def recall_counts(user: Any, today: date) -> dict[str, int]:
    """Return how many of the user's active patients are overdue and due this week (one query)."""
    return (
        patients_for_user(user)
        .filter(status=PatientStatus.ACTIVE)
        .aggregate(
            overdue=Count("pk", filter=overdue(today)),
            due_this_week=Count("pk", filter=due_this_week(today)),
        )
    )


def overdue(today: date) -> Q:
    """Patients whose next visit or earliest open follow-up task was due before today."""
    return Q(next_visit_on__lt=today) | Q(next_task_due_on__lt=today)


def due_this_week(today: date) -> Q:
    """Patients with a next visit or an open follow-up task due today or in the next six days."""
    week_end = today + timedelta(days=DUE_SOON_DAYS - 1)
    return Q(next_visit_on__gte=today, next_visit_on__lte=week_end) | Q(
        next_task_due_on__gte=today, next_task_due_on__lte=week_end
    )


def changed_since_seen(patient: Any, findings: list[Any]) -> bool:
    """Whether a caseload row has a finding this user has not seen as it now stands.

    Read from the row's stored findings (`page_findings` marks each `new`), or from the
    `changed` column when the caseload is sorted by it.
    """
    annotated = getattr(patient, "changed", None)
    if annotated is not None:
        return bool(annotated)
    return any(finding.new for finding in findings)


def trend_of(patient: Any) -> Trend | None:
    """Return the IRLS trend of a caseload row, from its two latest stored totals."""
    if patient.latest_irls_score is None or patient.previous_irls_score is None:
        return None
    return irls_trend(patient.previous_irls_score, patient.latest_irls_score)


def _band_rank(field: str) -> Case:
    """The IRLS band of an annotated total as a number, by rls's band tops (none 0 … 4)."""
    whens = [
        When(**{f"{field}__lte": top}, then=Value(rank)) for rank, top in enumerate(IRLS_BAND_TOPS)
    ]
    return Case(*whens, default=Value(None), output_field=IntegerField())


def _trend_rank() -> Case:
    """0 worse, 1 unchanged, 2 better (by band, as rls.irls_trend judges); NULL without two."""
    latest, previous = _band_rank("latest_irls_score"), _band_rank("previous_irls_score")
    return Case(
        When(
            Q(latest_irls_score__isnull=True) | Q(previous_irls_score__isnull=True),
            then=Value(None),
        ),
        When(GreaterThan(latest, previous), then=Value(0)),
        When(Exact(latest, previous), then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def _seen_as_stored(user: Any) -> QuerySet[SeenFinding]:
    """The user's last sight of a stored finding, with the evidence it has now."""
    return SeenFinding.objects.filter(
        seen__user=user,
        seen__patient=OuterRef("patient"),
        code=OuterRef("code"),
        fingerprint=OuterRef("fingerprint"),
    )


def page_findings(patients: Iterable[Patient], user: Any) -> dict[int, list[Any]]:
    """Return the stored findings of a page's patients, by patient: one query, plain rows.

    Each row also says whether it is acknowledged as it stands and whether it is new to this
    user. Plain rows, not model objects: the first page sorted by findings holds ~400 of them.
    """
    rows = (
        StoredFinding.objects.filter(patient__in=[patient.pk for patient in patients])
        .order_by("patient_id", "code")
        .annotate(
            acknowledged=Exists(FindingAcknowledgement.objects.of_stored_finding()),
            new=~Exists(_seen_as_stored(user)),
        )
        .values_list(
            "patient_id", "code", "category", "severity", "title", "acknowledged", "new", named=True
        )
    )
    by_patient: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        by_patient[row.patient_id].append(row)
    return by_patient


def badges(findings: list[Any]) -> list[Badge]:
    """Return a patient's most important findings as badges: open and most severe first."""
    ranked = sorted(
        findings,
        key=lambda f: (f.acknowledged, SEVERITY_RANK.get(Severity(f.severity), 9), f.code),
    )
    return [
        Badge(
            f.code,
            f.category,
            f.severity,
            badge_text(f.category, f.title),
            kind=CHIP_KINDS.get(Category(f.category), "other"),
            acknowledged=f.acknowledged,
            new=f.new,
        )
        for f in ranked[:BADGES_PER_PATIENT]
    ]


def badge_text(category: str, title: str) -> str:
    """Return the words a badge shows: the drug names for a drug finding, else the title."""
    if category in (Category.AGGRAVATING_DRUG, Category.TREATMENT_CAUTION) and ": " in title:
        return title.split(": ", 1)[1]
    return title


def _ordering(sort: str) -> tuple:
    if sort == "name":
        return _SORTS["name"]
    return (*_SORTS[sort], *_BY_NAME)


def _recall_overdue(today: date) -> Case:
    """A recall or task date already past; never NULL, so it sorts alike on every database."""
    return Case(
        When(overdue(today), then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def _changed_since_seen(user: Any) -> Exists:
    """Whether a stored finding is not as the user last saw it (or the record never opened)."""
    stored = StoredFinding.objects.filter(patient=OuterRef("pk"))
    return Exists(stored.exclude(Exists(_seen_as_stored(user))))


def _filtered(
    patients: QuerySet[Any], user: Any, criteria: dict[str, Any], today: date
) -> QuerySet[Any]:
    if not criteria["include_inactive"]:
        patients = patients.filter(status=PatientStatus.ACTIVE)
    patients = patients.filter(_search(criteria["q"]))
    if criteria["whose"] == "own":
        patients = patients.filter(primary_doctor=user)
    elif criteria["whose"] == "team":
        patients = patients.exclude(primary_doctor=user)
    stored = StoredFinding.objects.filter(patient=OuterRef("pk"))
    if criteria["aggravating_drug"]:
        patients = patients.filter(Exists(stored.filter(category=Category.AGGRAVATING_DRUG)))
    if criteria["iron_or_anemia"]:
        patients = patients.filter(Exists(stored.filter(code__in=IRON_OR_ANEMIA)))
    if criteria["data_gap"]:
        patients = patients.filter(Exists(stored.filter(category=Category.DATA_GAP)))
    if criteria["recall"] == "overdue":
        patients = patients.filter(overdue(today))
    elif criteria["recall"] == "due_this_week":
        patients = patients.filter(due_this_week(today))
    if criteria["pregnant"]:
        patients = patients.filter(pregnancy_due_date__isnull=False)
    if criteria["no_visit_months"]:
        since = months_before(today, criteria["no_visit_months"])
        # No current visit since then, told by the stored last visit every write keeps: asked of
        # the visit notes, PostgreSQL read every visit of the clinic (15 ms at 5,000 patients).
        patients = patients.filter(Q(last_visit_on__isnull=True) | Q(last_visit_on__lt=since))
    return patients


def _search(text: str) -> Q:
    """Match "Family, Given" as the list writes it, any name part, or any part of the MRN."""
    if "," in text:
        family, given = (part.strip() for part in text.split(",", 1))
        return Q(family_name__icontains=family) & Q(given_name__icontains=given)
    query = Q()
    for term in text.split():
        names = Q(family_name__icontains=term) | Q(given_name__icontains=term)
        query &= names | Q(mrn__icontains=term)
    return query
