"""The patient record page's reads: live findings with their acknowledgements, lists, trends.

Everything comes from a fixed number of queries however long the record is: the patient with
one prefetch per kind of row (the rows marked in error come in the same read when the page
lists them), then acknowledgements, local names, the care plan and the follow-up tasks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.text import slugify

import rls
from clinic.access import patients_for_user
from clinic.formats import evidence_text, number_text
from clinic.models import (
    Allergy,
    CarePlanItem,
    Condition,
    FindingAcknowledgement,
    LabResult,
    Medication,
    Patient,
    RecordSeen,
    VisitNote,
)
from clinic.selectors.charts import Chart, Limit, trend_chart
from clinic.selectors.course import CourseView, course_view, iron_markers
from clinic.selectors.follow_up import TaskPanel, task_panel, task_prefill
from clinic.selectors.links import url_of_each
from clinic.snapshots import load_local_names, record_rows, rows_of_instances, snapshot_from_rows
from rls import (
    ANALYTES,
    CATEGORY_ORDER,
    CODES,
    SEVERITY_RANK,
    Category,
    Finding,
    Severity,
    Snapshot,
    evaluate,
    lab_limits_for,
)

CATEGORY_LABELS = {
    Category.SECONDARY_CAUSE: "Secondary causes",
    Category.ASSOCIATED_CONDITION: "Associated conditions",
    Category.AGGRAVATING_DRUG: "Aggravating drugs",
    Category.TREATMENT_CAUTION: "Treatment cautions",
    Category.LIFESTYLE: "Lifestyle",
    Category.HEREDITARY: "Hereditary",
    Category.DATA_GAP: "Data gaps",
}
SEVERITY_LABELS = {"critical": "Critical", "warning": "Warnings", "info": "For information"}
# After a delivery the article expects RLS to settle within a month; show the weeks for a year.
POSTPARTUM_WEEKS_SHOWN = 52

Crossed = Callable[[float], bool]


@dataclass(frozen=True, slots=True)
class FindingView:
    """A live finding with the latest acknowledgement of its code, if any."""

    finding: Finding
    fingerprint: str
    acknowledgement: FindingAcknowledgement | None
    # Not as this user saw it when they last opened the record (False on a first opening).
    new_since_seen: bool = False
    slug: str = ""  # the code as it names the finding's elements
    acknowledge_url: str = ""
    task_url: str = ""  # the task form prefilled for this finding; "" if no task answers it

    @property
    def category_label(self) -> str:
        """Return the category's name, or "" when the title already starts with it."""
        label = CATEGORY_LABELS[Category(self.finding.category)][:-1]
        return "" if self.finding.title.startswith(label) else label

    @property
    def collapsed(self) -> bool:
        return self.acknowledgement is not None and (
            self.acknowledgement.fingerprint == self.fingerprint
        )

    @property
    def reopened(self) -> bool:
        """Acknowledged once, but the evidence behind it has changed since."""
        return self.acknowledgement is not None and not self.collapsed

    @property
    def now_shown(self) -> list[str]:
        """Evidence lines of a reopened finding that were not there when it was acknowledged."""
        before = self._acknowledged_lines()
        return [line for line in self._lines() if before and line not in before]

    @property
    def no_longer_shown(self) -> list[str]:
        """Evidence lines that were there when it was acknowledged and are gone now."""
        now = self._lines()
        return [line for line in self._acknowledged_lines() if line not in now]

    def _lines(self) -> list[str]:
        return [evidence_text(e) for e in self.finding.evidence]

    def _acknowledged_lines(self) -> list[str]:
        if not self.reopened or self.acknowledgement is None:
            return []
        return list(self.acknowledgement.evidence)


@dataclass(frozen=True, slots=True)
class FindingGroup:
    """The findings of one severity, in the order of their categories."""

    severity: str
    label: str
    items: list[FindingView]


@dataclass(frozen=True, slots=True)
class RowFlag:
    """Why a list row is highlighted: the finding it feeds, and what to say beside it."""

    code: str
    severity: str
    title: str
    detail: str
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LabSeries:
    """An analyte's results in its canonical unit: the card's value and the chart agree."""

    key: str
    label: str
    unit: str
    latest: LabResult
    latest_value: str  # in `unit`, whatever unit the result was entered in
    chart: Chart | None  # None for a single result: a value, not a one-point trend
    limits: tuple[Limit, ...]


@dataclass
class RecordPage:
    patient: Patient
    today: date
    groups: list[FindingGroup]
    findings: list[FindingView]
    labs: list[LabResult]
    series: list[LabSeries]
    conditions: list[Condition]
    medications: list[Medication]
    allergies: list[Allergy]  # as the EHR states them: read-only, not read by the engine
    visits: list[VisitNote]
    course: CourseView
    care_plan: list[CarePlanItem]
    tasks: TaskPanel
    in_error: dict[str, list[Any]] = field(default_factory=dict)
    labs_total: int = 0  # of which `labs` may be only the newest (LATEST_SHOWN)
    visits_total: int = 0

    @property
    def editable(self) -> bool:
        """False once the patient has died: the record is shown read-only."""
        return not self.patient.is_closed

    @property
    def severity_counts(self) -> list[tuple[str, int]]:
        """Return (severity, number of findings) for each severity present, most severe first."""
        return [(group.severity, len(group.items)) for group in self.groups]

    @property
    def age(self) -> int:
        return self.patient.age_on(self.today)

    @property
    def gestational_week(self) -> int | None:
        return self.patient.gestational_week_on(self.today)

    @property
    def trimester(self) -> int | None:
        return self.patient.trimester_on(self.today)

    @property
    def weeks_since_delivery(self) -> int | None:
        delivered = self.patient.last_delivery_date
        if delivered is None or self.patient.pregnancy_due_date is not None:
            return None
        weeks = (self.today - delivered).days // 7
        return weeks if weeks <= POSTPARTUM_WEEKS_SHOWN else None


# The rows the record page lists of a long history before "show all": newest first.
LATEST_SHOWN = 20
# Per kind of row, its actions and the URL names they lead to.
ROW_ACTIONS: dict[str, dict[str, str]] = {
    "lab": {"edit": "lab_edit", "error": "lab_error"},
    "condition": {
        "edit": "condition_edit",
        "end": "condition_resolve",
        "error": "condition_error",
    },
    "medication": {
        "edit": "medication_edit",
        "end": "medication_stop",
        "error": "medication_error",
    },
    "visit": {"edit": "visit_edit", "error": "visit_error"},
}
# What the record page never shows of a row: who wrote it and when and its version (an edit
# form reads the row afresh), a lab's LOINC code, the warnings a prescriber confirmed. A heavy
# record's 300 rows are built in about half the time without them; the exports read whole rows.
_BOOKKEEPING = ("created_at", "created_by", "updated_at", "updated_by", "version")
_NOT_SHOWN = {"labs": ("loinc",), "medications": ("warning_codes",)}


def record_patients(
    user: Any, *, in_error: bool = False, whole_rows: bool = True
) -> QuerySet[Patient]:
    """Return the user's patients with everything the record page reads prefetched.

    Without `in_error`, the rows prefetched are those `build_snapshot` reads (the exports
    build their snapshot from them). With it, each kind of row also holds the rows marked
    entered in error and who marked them, for `record_page(show_in_error=True)`: the same
    one read per kind of row instead of a second read of each. Without `whole_rows` (the
    record page and its print view), the rows leave out the columns the page never shows.
    """
    rows = record_rows() | {"allergies": Allergy.objects.all()}
    if not whole_rows:
        rows = {
            name: queryset.defer(*_BOOKKEEPING, *_NOT_SHOWN.get(name, ()))
            for name, queryset in rows.items()
        }
    if in_error:
        rows = {
            name: queryset.select_related("entered_in_error_by") for name, queryset in rows.items()
        }
    else:
        rows = {name: queryset.current() for name, queryset in rows.items()}
    return (
        patients_for_user(user)
        .select_related("primary_doctor")
        .prefetch_related(
            Prefetch("labresults", queryset=rows["labs"]),
            Prefetch("conditions", queryset=rows["conditions"]),
            # The list names who confirmed a prescribing warning.
            Prefetch(
                "medications", queryset=rows["medications"].select_related("warning_confirmed_by")
            ),
            Prefetch("visitnotes", queryset=rows["visits"].select_related("author")),
            Prefetch("allergies", queryset=rows["allergies"]),
            "care_team",
        )
    )


def record_page(
    patient: Patient,
    today: date,
    *,
    show_in_error: bool = False,
    seen: dict[str, str] | None = None,
    latest_only: Collection[str] = (),
) -> RecordPage:
    """Evaluate the patient live and lay out the record page (patient from `record_patients`).

    With `seen` (what the reader saw last time, from `seen_fingerprints`), findings that
    differ from it are marked new. `latest_only` names the lists ("labs", "visits") cut to
    their newest rows; findings, charts and the course always read every row. With
    `show_in_error`, the patient comes from `record_patients(user, in_error=True)`.
    """
    local_names = load_local_names()
    labs, labs_in_error = _split(patient.labresults.all())
    conditions, conditions_in_error = _split(patient.conditions.all())
    medications, medications_in_error = _split(patient.medications.all())
    visits, visits_in_error = _split(patient.visitnotes.all())
    allergies, allergies_in_error = _split(patient.allergies.all())
    # The same snapshot and engine call as `patient_findings`, built once for the findings,
    # the charts' thresholds and the course.
    rows = rows_of_instances(
        conditions=conditions, medications=medications, labs=labs, visits=visits
    )
    snapshot = snapshot_from_rows(patient, rows, today)
    findings = evaluate(snapshot, local_names)
    views = _by_importance(_finding_views(patient, findings, seen))
    flags = _row_flags(findings)
    _name_confirmers(medications)
    _recognition(medications, local_names)
    page = RecordPage(
        patient=patient,
        today=today,
        groups=_groups(views),
        findings=views,
        labs=_linked(_newest(labs, "labs" in latest_only), "lab", patient.pk, flags),
        series=_series(snapshot, labs, medications),
        conditions=_linked(conditions, "condition", patient.pk, flags),
        medications=_linked(medications, "medication", patient.pk, flags),
        allergies=allergies,
        visits=_linked(_newest(visits, "visits" in latest_only), "visit", patient.pk, flags),
        course=course_view(patient, snapshot, today),
        care_plan=list(CarePlanItem.objects.current().filter(patient=patient)),
        tasks=task_panel(patient, today),
        labs_total=len(labs),
        visits_total=len(visits),
    )
    if show_in_error:
        page.in_error = {
            "labs": _newest_marked(labs_in_error),
            "conditions": _newest_marked(conditions_in_error),
            "medications": _newest_marked(medications_in_error),
            "visits": _newest_marked(visits_in_error),
            "allergies": _newest_marked(allergies_in_error),
        }
    return page


def _split(rows: Any) -> tuple[list[Any], list[Any]]:
    """Split prefetched rows into the current ones and those marked entered in error."""
    current: list[Any] = []
    in_error: list[Any] = []
    for row in rows:
        (current if row.entered_in_error_at is None else in_error).append(row)
    return current, in_error


def _newest_marked(rows: list[Any]) -> list[Any]:
    return sorted(rows, key=lambda row: row.entered_in_error_at, reverse=True)


def _finding_views(
    patient: Patient, findings: list[Finding], seen: dict[str, str] | None
) -> list[FindingView]:
    latest: dict[str, FindingAcknowledgement] = {}
    acks = FindingAcknowledgement.objects.filter(patient=patient).select_related("acknowledged_by")
    for ack in acks:  # newest first: the first seen per code is the one that counts
        latest.setdefault(ack.code, ack)
    acknowledge_url = url_of_each("clinic:finding_acknowledge", patient.pk)
    task_form = reverse("clinic:task_create", args=[patient.pk])
    views = []
    for finding in findings:
        code = finding.code
        fingerprint = finding.fingerprint()
        new = seen is not None and seen.get(code) != fingerprint
        task_query = task_prefill(code)
        views.append(
            FindingView(
                finding,
                fingerprint,
                latest.get(code),
                new,
                slug=slugify(code),
                acknowledge_url=acknowledge_url(code),
                task_url=f"{task_form}?{task_query}" if task_query else "",
            )
        )
    return views


def seen_fingerprints(user: Any, patient: Patient) -> dict[str, str] | None:
    """Return code -> fingerprint as `user` last saw the record; None if they never opened it."""
    # One query: the LEFT JOIN yields a (None, None) row for a record seen without findings.
    rows = list(
        RecordSeen.objects.filter(user=user, patient=patient).values_list(
            "findings__code", "findings__fingerprint"
        )
    )
    if not rows:
        return None
    return {code: fingerprint for code, fingerprint in rows if code is not None}


def _by_importance(views: list[FindingView]) -> list[FindingView]:
    """Most severe first, then in the order of the categories, then by code."""

    def rank(view: FindingView) -> tuple[int, int, str]:
        finding = view.finding
        severity = SEVERITY_RANK[Severity(finding.severity)]
        return severity, CATEGORY_ORDER[Category(finding.category)], finding.code

    return sorted(views, key=rank)


def _groups(views: list[FindingView]) -> list[FindingGroup]:
    by_severity: dict[str, list[FindingView]] = defaultdict(list)
    for view in views:  # already in order
        by_severity[str(view.finding.severity)].append(view)
    return [FindingGroup(sev, SEVERITY_LABELS[sev], items) for sev, items in by_severity.items()]


def _row_flags(findings: list[Finding]) -> dict[str, list[RowFlag]]:
    flags: dict[str, list[RowFlag]] = defaultdict(list)
    for finding in findings:
        for evidence in finding.evidence:
            if evidence.ref and evidence.kind in {"lab", "medication", "condition"}:
                flags[evidence.ref].append(_flag(finding, evidence))
    return flags


def _flag(finding: Finding, evidence: Any) -> RowFlag:
    if evidence.kind == "lab":
        detail = f"Across the threshold: {evidence.threshold}"
    elif finding.category == Category.AGGRAVATING_DRUG:
        detail = f"{evidence.matched or finding.title}: {CODES[finding.code].title}"
    else:
        detail = f"{CATEGORY_LABELS[finding.category][:-1]}: {CODES[finding.code].title}"
    return RowFlag(
        finding.code, str(finding.severity), finding.title, detail, tuple(finding.alternatives)
    )


def _newest(rows: list[Any], latest_only: bool) -> list[Any]:
    """Newest first (the prefetch holds them oldest first); only the newest if asked."""
    newest = rows[::-1]
    return newest[:LATEST_SHOWN] if latest_only else newest


def _linked(
    rows: list[Any], kind: str, patient_pk: int, flags: dict[str, list[RowFlag]]
) -> list[Any]:
    """Attach each row's flags and its action links (edit, end, entered in error).

    The links are built from one reversed URL per action (`url_of_each`), not per row.
    """
    links = {
        action: url_of_each(f"clinic:{name}", patient_pk)
        for action, name in ROW_ACTIONS[kind].items()
    }
    for row in rows:
        row.flags = flags.get(f"{kind}:{row.pk}", [])
        row.links = {action: url_of(row.pk) for action, url_of in links.items()}
    return rows


def _recognition(medications: list[Any], local_names: tuple[rls.LocalName, ...]) -> None:
    """Attach whether the knowledge base recognised each line (not recognised: not checked)."""
    for medication in medications:
        medication.verdict = rls.recognise_medication(medication.line, medication.atc, local_names)


def _name_confirmers(medications: list[Any]) -> None:
    """Attach who confirmed each warning (read with the list, `record_patients`)."""
    for medication in medications:
        user = medication.warning_confirmed_by
        medication.confirmed_by_name = (user.get_full_name() or user.get_username()) if user else ""


def _series(
    snapshot: Snapshot, labs: list[LabResult], medications: list[Medication]
) -> list[LabSeries]:
    by_analyte: dict[str, list[LabResult]] = defaultdict(list)
    for lab in labs:  # oldest first
        by_analyte[lab.analyte].append(lab)
    limits = _limits(snapshot)
    series = []
    for key in (k for k in ANALYTES if k in by_analyte):
        rows, checks = by_analyte[key], limits.get(key, [])
        readings = []
        for row in rows:
            value = float(row.value_canonical)
            readings.append((row.collected_on, value, any(crossed(value) for _, crossed in checks)))
        unit = ANALYTES[key].canonical_unit
        markers = iron_markers(key, medications)
        lines = [line for line, _ in checks]
        chart = trend_chart(readings, lines, unit, markers) if len(readings) > 1 else None
        latest = number_text(rows[-1].value_canonical)
        series.append(
            LabSeries(key, ANALYTES[key].label, unit, rows[-1], latest, chart, tuple(lines))
        )
    return series


def _limits(snapshot: Snapshot) -> dict[str, list[tuple[Limit, Crossed]]]:
    """Return the threshold lines per analyte that the engine applies to this patient today."""
    limits: dict[str, list[tuple[Limit, Crossed]]] = defaultdict(list)
    for analyte, rows in lab_limits_for(snapshot).items():
        for limit in rows:
            limits[analyte].append((Limit(limit.limit, limit.text), limit.crossed_by))
    return limits
