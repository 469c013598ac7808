"""The patient admin: the whole record on one page, and caseload reassignment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils import timezone

from clinic.admin.records import MedicationAdminForm, confirm_medication
from clinic.admin.tracking import TrackedAdmin, TrackedInline
from clinic.audit import record_access, record_listing
from clinic.models import Condition, LabResult, Medication, Patient, VisitNote
from clinic.models.patients import doctor_name
from clinic.services.findings import patient_findings_refresh
from clinic.services.follow_up import (
    tasks_close_on_arrival,
    tasks_hand_over,
    tasks_recheck_after_change,
)


class ClinicalInline(TrackedInline):
    """Clinical rows are never deleted, only marked entered in error (from the record page)."""

    can_delete = False
    readonly_fields = (*TrackedInline.readonly_fields, "entered_in_error_at")


class LabResultInline(ClinicalInline):
    """Lab results are listed read-only here: each is added and corrected on its own page."""

    model = LabResult

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    fields = (
        "analyte",
        "value",
        "unit",
        "collected_on",
        "loinc",
        "entered_in_error_at",
        "updated_by",
        "expected_version",
    )


class ConditionInline(ClinicalInline):
    model = Condition
    fields = (
        "name",
        "icd10",
        "onset_date",
        "status",
        "resolved_on",
        "entered_in_error_at",
        "expected_version",
    )


class MedicationInline(ClinicalInline):
    model = Medication
    form = MedicationAdminForm
    fields = (
        "line",
        "atc",
        "dose",
        "frequency",
        "started_on",
        "stopped_on",
        "status",
        "entered_in_error_at",
        "confirm_warning",
        "warned_codes",
        "expected_version",
    )


class VisitNoteInline(ClinicalInline):
    model = VisitNote
    fields = (
        "visit_date",
        "author",
        "irls_score",
        "text",
        "entered_in_error_at",
        "expected_version",
    )


class DoctorChoiceField(forms.ModelChoiceField):
    """A doctor picked by full name (the queryset is the model's active doctors)."""

    def label_from_instance(self, obj: Any) -> str:
        return doctor_name(obj)


class DoctorsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return doctor_name(obj)


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
    # A clinic has a few dozen doctors: a select by full name beats searching user names.
    filter_horizontal = ("care_team",)
    inlines = (LabResultInline, ConditionInline, MedicationInline, VisitNoteInline)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "mrn",
                    "given_name",
                    "family_name",
                    "birth_date",
                    "sex",
                    "status",
                    "expected_version",
                )
            },
        ),
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

    def save_formset(self, request, form, formset, change):
        if formset.model is Medication:
            for line in formset.forms:
                if line.has_changed() and line not in formset.deleted_forms:
                    confirm_medication(line, request.user)
        super().save_formset(request, form, formset, change)
        # As on every other road, an awaited result or visit closes its follow-up tasks.
        for entry in formset.new_objects:
            tasks_close_on_arrival(entry, user=request.user)
        for entry, _fields in formset.changed_objects:
            tasks_recheck_after_change(entry, user=request.user)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            record_listing(request, changelist.result_list)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        original = getattr(response, "context_data", {}).get("original")
        if request.method == "GET" and original is not None:
            record_access(request, original, "admin")
        return response

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "primary_doctor":
            kwargs["form_class"] = DoctorChoiceField
            kwargs["queryset"] = _doctors(db_field)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "care_team":
            kwargs["form_class"] = DoctorsChoiceField
            kwargs["queryset"] = _doctors(db_field)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "primary_doctor" in form.changed_data:
            messages.info(request, _reassignment(obj, form.initial.get("primary_doctor")))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A reassignment or a care team change can leave open tasks with no one to do them.
        handed_over = tasks_hand_over(form.instance, user=request.user)
        if handed_over:
            messages.info(request, _handed_over(form.instance, handed_over))
        # The caseload filters on stored findings: keep them in step with what was just saved.
        patient_findings_refresh(patient=form.instance, as_of=timezone.localdate())

    def has_delete_permission(self, request, obj=None):
        # A patient's record is kept; mark them inactive or deceased instead.
        return False


def _doctors(db_field: Any) -> Any:
    users = get_user_model().objects.filter(**db_field.get_limit_choices_to())
    return users.order_by("last_name", "first_name", "username")


def _reassignment(patient: Patient, previous_pk: Any) -> str:
    previous = get_user_model().objects.filter(pk=previous_pk).first()
    leaves = f"leaves {doctor_name(previous)}’s caseload and " if previous else ""
    return f"{patient.full_name} {leaves}enters {doctor_name(patient.primary_doctor)}’s caseload."


def _handed_over(patient: Patient, tasks: list[Any]) -> str:
    count = "1 open task" if len(tasks) == 1 else f"{len(tasks)} open tasks"
    return (
        f"{doctor_name(patient.primary_doctor)} now owns {count} of {patient.full_name} "
        "whose owner no longer follows the patient."
    )
