"""Acknowledging a finding from the record page's findings panel."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from clinic.forms.findings import AcknowledgeFindingForm
from clinic.selectors.findings import live_finding
from clinic.services.acknowledgements import finding_acknowledge
from clinic.views.common import back_to_record, form_page, patient_for, save_or_show


@require_http_methods(["GET", "POST"])
def acknowledge_view(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Acknowledge a finding with a reason; it collapses until its evidence changes."""
    patient = patient_for(request, pk)
    today = timezone.localdate()
    finding = live_finding(patient, code, as_of=today)
    if finding is None:
        raise Http404("This finding does not apply to the patient.")
    initial = {"fingerprint": finding.fingerprint()}
    form = AcknowledgeFindingForm(request.POST or None, initial=initial)
    outcome = None
    if form.is_bound and form.is_valid():
        outcome = save_or_show(
            form,
            lambda: finding_acknowledge(
                patient=patient, user=request.user, code=code, as_of=today, **form.cleaned_data
            ),
        )
        if outcome.saved:
            messages.success(request, "The finding was acknowledged.")
            return back_to_record(patient, "findings")
    title = f"Acknowledge: {finding.title}"
    return form_page(
        request,
        patient,
        form,
        title=title,
        submit="Acknowledge",
        outcome=outcome,
        finding=finding,
    )
