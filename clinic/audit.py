"""The audit trail: who viewed or changed which patient's data, when and from which address.

Changes are recorded by django-auditlog for the models registered in `ClinicConfig.ready()`;
views of a record, its print view and exports are recorded here with `record_access`. Every
entry about a patient carries `additional_data["patient_id"]` so the trail filters by patient.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest

from clinic.models import (
    Allergy,
    CarePlanItem,
    Condition,
    FindingAcknowledgement,
    FollowUpTask,
    LabResult,
    LocalName,
    Medication,
    Patient,
    VisitNote,
)

AccessKind = Literal[
    "record", "print", "export", "handout", "form", "admin", "admin-list", "admin-entry"
]
ACCESS_KINDS: dict[str, str] = {
    "record": "Viewed the patient record",
    "print": "Opened the print view",
    "export": "Exported the patient record",
    "handout": "Printed the patient handout",
    "form": "Opened a form showing the patient's data",
    "admin": "Opened the patient in the admin",
    "admin-list": "Listed the patient in the admin",
    "admin-entry": "Opened one of the patient's entries in the admin",
}


# updated_at repeats the entry's own timestamp; value_canonical is computed by the database
# from value and unit, which are recorded.
_NOT_AUDITED = ["updated_at", "value_canonical"]
# The trail's names for fields whose own names read as bookkeeping (clinic.admin.audit_words).
_FIELD_NAMES = {
    "created_by": "Added by",
    "updated_by": "Last changed by",
    "entered_in_error_at": "Marked entered in error at",
    "entered_in_error_by": "Marked entered in error by",
    "entered_in_error_reason": "Reason it was entered in error",
    "warning_codes": "Prescribing warnings confirmed",
    "warning_confirmed_at": "Warning confirmed at",
    "warning_confirmed_by": "Warning confirmed by",
}


def register_audited_models() -> None:
    """Record every create, change and deletion of patients, clinical records and local names."""
    auditlog.register(
        Patient,
        exclude_fields=_NOT_AUDITED,
        mapping_fields=_FIELD_NAMES,
        m2m_fields={"care_team"},
    )
    audited = (
        LabResult,
        Condition,
        Medication,
        VisitNote,
        Allergy,
        LocalName,
        FindingAcknowledgement,
        CarePlanItem,
        FollowUpTask,
    )
    for model in audited:
        auditlog.register(model, exclude_fields=_NOT_AUDITED, mapping_fields=_FIELD_NAMES)


def client_ip(request: HttpRequest) -> str | None:
    """Return the client's address, trusting only as many X-Forwarded-For hops as proxies.

    A header the client sent itself must never decide the address: it would let anyone dodge
    the login lockout or forge the address in the audit trail. Behind EKBOM_PROXY_COUNT
    trusted proxies, the client is that many entries from the right of X-Forwarded-For.
    """
    proxies = settings.AXES_IPWARE_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def record_access(request: HttpRequest, patient: Patient, what: AccessKind) -> LogEntry:
    """Record that the request's user viewed, printed or exported the patient's record."""
    if what not in ACCESS_KINDS:
        raise ValueError(f"what must be one of {sorted(ACCESS_KINDS)}, got {what!r}")
    user = request.user if request.user.is_authenticated else None
    return LogEntry.objects.log_create(
        patient,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        actor=user,
        actor_email=getattr(user, "email", None) or None,
        remote_addr=client_ip(request),
        changes_text=ACCESS_KINDS[what],
        additional_data={"patient_id": patient.pk, "access": what},
    )


def record_listing(request: HttpRequest, patients: Iterable[Patient]) -> None:
    """Record that the request's user saw these patients listed, one entry each, in one query."""
    user = request.user if request.user.is_authenticated else None
    content_type = ContentType.objects.get_for_model(Patient)
    LogEntry.objects.bulk_create(
        LogEntry(
            content_type=content_type,
            object_pk=str(patient.pk),
            object_id=patient.pk,
            object_repr=str(patient),
            action=LogEntry.Action.ACCESS,
            actor=user,
            actor_email=getattr(user, "email", None) or None,
            remote_addr=client_ip(request),
            changes_text=ACCESS_KINDS["admin-list"],
            additional_data={"patient_id": patient.pk, "access": "admin-list"},
        )
        for patient in patients
    )


class AuditlogMiddleware(BaseAuditlogMiddleware):
    """Attach the user and the trusted client address to every audit entry of a request."""

    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        return client_ip(request)
