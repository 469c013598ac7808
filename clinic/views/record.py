"""The patient record and its print view: live findings, lists, trends."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from clinic.audit import record_access
from clinic.forms.findings import AcknowledgeFindingForm
from clinic.interop.fhir_export import patient_bundle
from clinic.selectors.export import patient_export
from clinic.selectors.record import record_page, record_patients, seen_fingerprints
from clinic.services.seen import record_seen_update

# Access is checked before the method, so a patient outside the caseload answers 404 to any
# method, exactly like one that does not exist.
READ_METHODS = ["GET", "HEAD"]
LONG_LISTS = frozenset({"labs", "visits"})


def record_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the patient's record with the findings panel on top."""
    show_in_error = request.GET.get("in_error") == "1"
    patient = get_object_or_404(
        record_patients(request.user, in_error=show_in_error, whole_rows=False), pk=pk
    )
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    seen = seen_fingerprints(request.user, patient)
    # A long history lists its newest rows; "Show all" (?all=labs, ?all=visits) the rest.
    latest_only = LONG_LISTS - set(request.GET.getlist("all"))
    page = record_page(
        patient,
        timezone.localdate(),
        show_in_error=show_in_error,
        seen=seen,
        latest_only=latest_only,
    )
    record_access(request, patient, "record")
    record_seen_update(
        user=request.user,
        patient=patient,
        fingerprints={view.finding.code: view.fingerprint for view in page.findings},
        seen_before=seen,
        at=timezone.now(),
    )
    context = {
        "page": page,
        "patient": patient,
        "show_in_error": show_in_error,
        "ack_form": AcknowledgeFindingForm(),
    }
    return render(request, "clinic/record.html", context)


def print_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a printable record (findings and lists) for a referral letter."""
    patient = get_object_or_404(record_patients(request.user, whole_rows=False), pk=pk)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    page = record_page(patient, timezone.localdate())
    record_access(request, patient, "print")
    return render(request, "clinic/record_print.html", {"page": page, "patient": patient})


def export_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the patient's record and findings as JSON (the `findings` command's contract)."""
    patient = get_object_or_404(record_patients(request.user), pk=pk)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    today = timezone.localdate()
    document = patient_export(patient, as_of=today, exported_by=request.user.get_username())
    record_access(request, patient, "export")
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    filename = f"ekbom-{_filename_part(patient.mrn)}-{today.isoformat()}.json"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def fhir_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the patient's record and findings as a FHIR R4 Bundle."""
    patient = get_object_or_404(record_patients(request.user), pk=pk)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    today = timezone.localdate()
    bundle = patient_bundle(patient, as_of=today)
    record_access(request, patient, "export")
    response = JsonResponse(
        bundle,
        content_type="application/fhir+json",
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    filename = f"ekbom-{_filename_part(patient.mrn)}-{today.isoformat()}.fhir.json"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _filename_part(text: str) -> str:
    """Keep letters, digits, hyphens and underscores: an MRN must never shape the header."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "patient"
