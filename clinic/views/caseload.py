"""The caseload: the doctor's own patients, searchable, filterable by stored findings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.paginator import InvalidPage, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from clinic.forms.caseload import CaseloadFilterForm
from clinic.models.patients import DOCTORS_GROUP, Sex
from clinic.selectors.caseload import (
    badges,
    caseload,
    changed_since_seen,
    page_findings,
    recall_counts,
    trend_of,
)
from clinic.selectors.links import url_of_each

CHIP_LEGEND = ("drug", "cause", "caution", "gap")
SEX_WORDS = {sex.value: sex.label.lower() for sex in Sex}


@require_GET
def caseload_view(request: HttpRequest) -> HttpResponse:
    """List the user's patients with their findings as badges (admins land in the admin)."""
    if _runs_the_clinic(request.user):
        return redirect("admin:index")
    form = CaseloadFilterForm(request.GET or None)
    criteria = form.criteria()
    today = timezone.localdate()
    patients = caseload(request.user, criteria, today)
    paginator = Paginator(patients, criteria["per_page"])
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "query": query.urlencode(),
        "filters_key": request.GET.urlencode(),  # the form's data, whole: its cached drawing
        "filtered": _filtered(form),
        "recalls": recall_counts(request.user, today),
        "chip_kinds": CHIP_LEGEND,
    }
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        # Say so rather than quietly showing another page than the one asked for.
        missing = {"asked": request.GET.get("page"), "pages": paginator.num_pages}
        return render(request, "clinic/caseload.html", context | {"missing": missing}, status=404)
    shown = list(page.object_list)
    findings = page_findings(shown, request.user)
    record_url = url_of_each("clinic:patient")
    rows = [
        _row(patient, findings[patient.pk], today, request.user, record_url) for patient in shown
    ]
    return render(request, "clinic/caseload.html", context | {"page": page, "rows": rows})


def _filtered(form: CaseloadFilterForm) -> bool:
    """Whether anything beyond the page number narrows the list."""
    return any(key != "page" for key in form.data)


def _row(
    patient: Any,
    findings: list[Any],
    today: date,
    user: Any,
    record_url: Callable[[int], str],
) -> dict[str, Any]:
    shown = badges(findings)
    return {
        "patient": patient,
        "own": patient.primary_doctor_id == user.pk,
        "url": record_url(patient.pk),
        "sex": SEX_WORDS.get(patient.sex, patient.sex),  # a value from before the choices, as is
        "age": patient.age_on(today),
        "week": patient.gestational_week_on(today),
        "badges": shown,
        "more": patient.stored_finding_count - len(shown),
        "trend": trend_of(patient),
        "recall_overdue": patient.next_visit_on is not None and patient.next_visit_on < today,
        "task_overdue": patient.next_task_due_on is not None and patient.next_task_due_on < today,
        # A finding this user has not seen as it is now.
        "new": changed_since_seen(patient, findings),
        "never_seen": patient.seen_at is None,
    }


def _runs_the_clinic(user: Any) -> bool:
    """A staff user who is no doctor has no caseload: the admin is where their work is."""
    return user.is_staff and not user.groups.filter(name=DOCTORS_GROUP).exists()
