"""Admins for each clinical record, for clinic-wide lists and searches."""

from __future__ import annotations

from typing import ClassVar

from django.contrib import admin

from clinic.access import limit_to_admin_caseload
from clinic.admin.tracking import AUDIT_FIELDS, ERROR_FIELDS, TrackedAdmin
from clinic.models import Condition, LabResult, Medication, VisitNote
from clinic.services.findings import patient_findings_refresh

PATIENT_SEARCH = ("patient__mrn", "patient__family_name", "patient__given_name")


class ClinicalEntryAdmin(TrackedAdmin):
    list_select_related = ("patient",)
    autocomplete_fields: ClassVar[tuple[str, ...]] = ("patient",)

    def get_queryset(self, request):
        return limit_to_admin_caseload(super().get_queryset(request), request.user, "patient")

    def audit_fields(self) -> tuple[str, ...]:
        return (*AUDIT_FIELDS, *ERROR_FIELDS)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The caseload filters on stored findings: keep them in step with what was just saved.
        patient_findings_refresh(patient=obj.patient)

    def has_delete_permission(self, request, obj=None):
        # Clinical data is never deleted; a doctor marks an entry entered in error.
        return False


@admin.register(LabResult)
class LabResultAdmin(ClinicalEntryAdmin):
    list_display = (
        "patient",
        "analyte",
        "value",
        "unit",
        "value_canonical",
        "collected_on",
        "entered_in_error_at",
    )
    list_filter = ("analyte", "unit", "patient__primary_doctor")
    search_fields = PATIENT_SEARCH
    date_hierarchy = "collected_on"

    def audit_fields(self) -> tuple[str, ...]:
        return (*super().audit_fields(), "value_canonical")


@admin.register(Condition)
class ConditionAdmin(ClinicalEntryAdmin):
    list_display = ("patient", "name", "icd10", "status", "onset_date", "entered_in_error_at")
    list_filter = ("status", "patient__primary_doctor")
    search_fields = (*PATIENT_SEARCH, "name", "icd10")
    date_hierarchy = "onset_date"


@admin.register(Medication)
class MedicationAdmin(ClinicalEntryAdmin):
    list_display = (
        "patient",
        "line",
        "atc",
        "status",
        "started_on",
        "stopped_on",
        "entered_in_error_at",
    )
    list_filter = ("status", "patient__primary_doctor")
    search_fields = (*PATIENT_SEARCH, "line", "atc")
    date_hierarchy = "started_on"

    def audit_fields(self) -> tuple[str, ...]:
        return (
            *super().audit_fields(),
            "warning_codes",
            "warning_confirmed_at",
            "warning_confirmed_by",
        )


@admin.register(VisitNote)
class VisitNoteAdmin(ClinicalEntryAdmin):
    list_display = ("patient", "visit_date", "author", "irls_score", "entered_in_error_at")
    list_filter = ("author", "patient__primary_doctor")
    search_fields = (*PATIENT_SEARCH, "text")
    date_hierarchy = "visit_date"
    autocomplete_fields = ("patient", "author")
