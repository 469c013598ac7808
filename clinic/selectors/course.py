"""The record page's course panel: diagnosis by the IRLSSG 2014 criteria, the IRLS course with
its bands, and when the patient is next due. Reads only what the snapshot prefetched."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from clinic.models import Medication, Patient
from clinic.selectors.charts import Chart, Limit, Marker, trend_chart
from rls import CriteriaResult, Snapshot, Trend, irls_band, irls_series, latest_criteria
from rls import latest_trend as engine_trend

# The upper bound of each IRLS band but the last (rls.irls_band): mild ≤ 10, moderate ≤ 20 …
IRLS_BAND_LINES = (
    Limit(10, "mild ≤ 10", kind="band"),
    Limit(20, "moderate ≤ 20", kind="band"),
    Limit(30, "severe ≤ 30", kind="band"),
)
IRON_ANALYTES = frozenset({"ferritin", "transferrin_saturation", "iron"})


@dataclass(frozen=True, slots=True)
class IrlsChart:
    """The IRLS totals as a chart, shaped like a lab series for the shared chart template."""

    chart: Chart
    key: str = "irls"
    label: str = "IRLS total"
    unit: str = "points"


@dataclass(frozen=True, slots=True)
class CourseView:
    criteria: CriteriaResult
    latest_irls: int | None
    latest_band: str
    trend: Trend | None
    irls: IrlsChart | None
    next_visit_on: date | None
    recall_overdue: bool


def course_view(patient: Patient, snapshot: Snapshot, today: date) -> CourseView:
    """Return the course panel for a patient, from the snapshot the page already built."""
    series = irls_series(snapshot.visits, today)
    latest = series[-1][1] if series else None
    chart = None
    if series:
        readings = [(day, float(total), False) for day, total in series]
        chart = IrlsChart(trend_chart(readings, list(IRLS_BAND_LINES), "points"))
    next_visit = patient.next_visit_on
    return CourseView(
        criteria=latest_criteria(snapshot.visits, today),
        latest_irls=latest,
        latest_band=irls_band(latest) if latest is not None else "",
        trend=engine_trend(snapshot.visits, today),
        irls=chart,
        next_visit_on=next_visit,
        recall_overdue=next_visit is not None and next_visit < today and not patient.is_closed,
    )


def iron_markers(analyte: str, medications: list[Medication]) -> list[Marker]:
    """Return the starts of iron therapy to mark on an iron-status chart, so the response shows."""
    if analyte not in IRON_ANALYTES:
        return []
    return [
        Marker(m.started_on, f"{m.get_iron_route_display()} started")
        for m in medications
        if m.iron_route and m.started_on is not None
    ]
