"""The patient admin: the whole record on one page, and caseload reassignment."""

from __future__ import annotations

from django.contrib import admin

from clinic.admin.tracking import TrackedAdmin, TrackedInline
from clinic.models import Condition, LabResult, Medication, Patient, VisitNote
from clinic.services.findings import patient_findings_refresh


class ClinicalInline(TrackedInline):
    """Clinical rows are never deleted, only marked entered in error (from the record page)."""

    can_delete = False
    readonly_fields = (*TrackedInline.readonly_fields, "entered_in_error_at")


class LabResultInline(ClinicalInline):
    model = LabResult
    fields = (
        "analyte",
        "value",
        "unit",
        "collected_on",
        "loinc",
        "entered_in_error_at",
        "updated_by",
    )


class ConditionInline(ClinicalInline):
    model = Condition
    fields = ("name", "icd10", "onset_date", "status", "resolved_on", "entered_in_error_at")


class MedicationInline(ClinicalInline):
    model = Medication
    fields = (
        "line",
        "atc",
        "dose",
        "frequency",
        "started_on",
        "stopped_on",
        "status",
        "entered_in_error_at",
    )


class VisitNoteInline(ClinicalInline):
    model = VisitNote
    fields = ("visit_date", "author", "irls_score", "text", "entered_in_error_at")


@admin.register(Patient)
class PatientAdmin(TrackedAdmin):
    list_display = (
        "mrn",
        "family_name",
        "given_name",
        "birth_date",
        "sex",
        "status",
        "primary_doctor",
    )
    list_display_links = ("mrn", "family_name")
    list_filter = ("status", "sex", "primary_doctor", "family_history_rls")
    search_fields = ("mrn", "family_name", "given_name")
    # One count per page, not two: the unfiltered total is another scan of the whole table.
    show_full_result_count = False
    list_select_related = ("primary_doctor",)
    autocomplete_fields = ("primary_doctor", "care_team")
    inlines = (LabResultInline, ConditionInline, MedicationInline, VisitNoteInline)
    fieldsets = (
        (None, {"fields": ("mrn", "given_name", "family_name", "birth_date", "sex", "status")}),
        ("Caseload", {"fields": ("primary_doctor", "care_team")}),
        ("Pregnancy", {"fields": ("pregnancy_due_date", "last_delivery_date")}),
        (
            "History and habits",
            {"fields": ("family_history_rls", "uses_caffeine", "uses_alcohol", "smokes")},
        ),
        (
            "Audit",
            {
                "classes": ("collapse",),
                "fields": ("created_at", "created_by", "updated_at", "updated_by", "version"),
            },
        ),
    )

    def get_queryset(self, request):
        patients = super().get_queryset(request)
        if request.user.has_perm("clinic.view_every_caseload"):
            return patients
        return patients & Patient.objects.in_caseload_of(request.user)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        # Only clinic admins (the reassign permission) move a patient between caseloads.
        if obj is not None and not request.user.has_perm("clinic.reassign_patient"):
            readonly = (*readonly, "primary_doctor", "care_team")
        return readonly

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The caseload filters on stored findings: keep them in step with what was just saved.
        patient_findings_refresh(patient=form.instance)

    def has_delete_permission(self, request, obj=None):
        # A patient's record is kept; mark them inactive or deceased instead.
        return False
