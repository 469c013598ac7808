"""The care plan: the checklist the doctor ticks, and the patient's printable handout."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from clinic.audit import record_access
from clinic.forms.care_plan import CarePlanForm
from clinic.models import CarePlanItem, StoredFinding
from clinic.services.care_plan import care_plan_update
from clinic.views.common import back_to_record, form_page, patient_for, save_or_show
from clinic.views.record import READ_METHODS
from rls import suggested_replenishment


@require_http_methods(["GET", "POST"])
def care_plan_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Tick the measures agreed with the patient."""
    patient = patient_for(request, pk)
    codes = set(StoredFinding.objects.filter(patient=patient).values_list("code", flat=True))
    current = [i.measure for i in CarePlanItem.objects.current().filter(patient=patient)]
    form = CarePlanForm(
        request.POST or None,
        initial={"measures": current},
        patient=patient,
        suggested=suggested_replenishment(codes),
    )
    outcome = None
    if form.is_bound and form.is_valid():
        values = form.values()
        outcome = save_or_show(
            form, lambda: care_plan_update(patient=patient, user=request.user, **values)
        )
        if outcome.saved:
            messages.success(request, "The care plan was saved.")
            return back_to_record(patient, "care-plan")
    return form_page(request, patient, form, title="Care plan", outcome=outcome)


def handout_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the printable handout of what was agreed, in plain language."""
    patient = patient_for(request, pk)  # before the method: another caseload's patient is 404
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    items = list(CarePlanItem.objects.current().filter(patient=patient))
    record_access(request, patient, "handout")
    return render(request, "clinic/handout.html", {"patient": patient, "items": items})
