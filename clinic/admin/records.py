"""Admins for each clinical record, for clinic-wide lists and searches."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin
from django.utils import timezone

from clinic.access import limit_to_admin_caseload
from clinic.admin.findings import ReadOnlyPatientRowsAdmin
from clinic.admin.tracking import AUDIT_FIELDS, ERROR_FIELDS, TrackedAdmin, VersionedAdminForm
from clinic.audit import record_access
from clinic.forms.medications import CONFIRM_FIELD, WARNED_CODES_FIELD, WarningConfirmation
from clinic.models import Allergy, Condition, FollowUpTask, LabResult, Medication, VisitNote
from clinic.services.findings import patient_findings_refresh
from clinic.services.follow_up import tasks_close_on_arrival, tasks_recheck_after_change
from clinic.services.medications import medication_confirm

PATIENT_SEARCH = ("patient__mrn", "patient__family_name", "patient__given_name")


class ClinicalEntryAdmin(TrackedAdmin):
    list_select_related = ("patient",)
    autocomplete_fields: ClassVar[tuple[str, ...]] = ("patient",)

    def get_queryset(self, request):
        return limit_to_admin_caseload(super().get_queryset(request), request.user, "patient")

    def audit_fields(self) -> tuple[str, ...]:
        return (*AUDIT_FIELDS, *ERROR_FIELDS)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        original = getattr(response, "context_data", {}).get("original")
        if request.method == "GET" and original is not None:
            record_access(request, original.patient, "admin-entry")
        return response

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # As on every other road: an awaited result closes its follow-up tasks, and the
        # caseload's stored findings keep in step with what was just saved.
        if change:
            tasks_recheck_after_change(obj, user=request.user)
        else:
            tasks_close_on_arrival(obj, user=request.user)
        patient_findings_refresh(patient=obj.patient, as_of=timezone.localdate())

    def has_delete_permission(self, request, obj=None):
        # Clinical data is never deleted; a doctor marks an entry entered in error.
        return False


@admin.register(LabResult)
class LabResultAdmin(ClinicalEntryAdmin):
    list_display = (
        "patient",
        "analyte",
        "value_as_entered",
        "unit",
        "canonical_value",
        "collected_on",
        "entered_in_error_at",
    )
    list_filter = ("analyte", "unit", "patient__primary_doctor")
    search_fields = PATIENT_SEARCH
    date_hierarchy = "collected_on"

    def audit_fields(self) -> tuple[str, ...]:
        return (*super().audit_fields(), "value_canonical")

    @admin.display(description="value", ordering="value")
    def value_as_entered(self, lab: LabResult) -> str:
        return f"{lab.value.normalize():f}"

    @admin.display(description="in the canonical unit", ordering="value_canonical")
    def canonical_value(self, lab: LabResult) -> str:
        return f"{lab.value_canonical.normalize():f}"


@admin.register(Condition)
class ConditionAdmin(ClinicalEntryAdmin):
    list_display = ("patient", "name", "icd10", "status", "onset_date", "entered_in_error_at")
    list_filter = ("status", "patient__primary_doctor")
    search_fields = (*PATIENT_SEARCH, "name", "icd10")
    date_hierarchy = "onset_date"


class MedicationAdminForm(WarningConfirmation, VersionedAdminForm):
    """The admin's medication form (page and patient inline): the workspace's warning rule."""

    warned_codes = WARNED_CODES_FIELD
    confirm_warning = CONFIRM_FIELD

    class Meta:
        model = Medication
        fields = (
            "patient",
            "line",
            "atc",
            "dose",
            "frequency",
            "started_on",
            "stopped_on",
            "status",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.already_confirmed = set(self.instance.warning_codes or [])

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("line") and "atc" in cleaned and self.has_changed():
            self.decide_warning(cleaned["line"], cleaned["atc"])
            self.fields["confirm_warning"].help_text = "; ".join(
                f"{w.generic.capitalize()} is a {w.label}"
                + (f" (safer: {', '.join(w.alternatives)})" if w.alternatives else "")
                for w in self.warnings
            )
        return cleaned


def confirm_medication(form: MedicationAdminForm, user: Any) -> None:
    """Record the warning the admin confirmed on this form, decided when it was validated."""
    medication_confirm(
        form.instance,
        user=user,
        at=timezone.now(),
        confirmed=form.confirmed_codes,
        decision=form.decision,
    )


@admin.register(Medication)
class MedicationAdmin(ClinicalEntryAdmin):
    form = MedicationAdminForm

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

    def save_model(self, request, obj, form, change):
        confirm_medication(form, request.user)
        super().save_model(request, obj, form, change)

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


@admin.register(FollowUpTask)
class FollowUpTaskAdmin(ReadOnlyPatientRowsAdmin):
    """Follow-up tasks clinic-wide, e.g. every overdue recheck; set and closed in the workspace,
    where closing on an awaited result and the patient's due-day summary are kept."""

    list_display = ("patient", "description", "due_on", "owner", "awaited", "closed_on")
    list_filter = ("awaited", "owner", ("closed_on", admin.EmptyFieldListFilter))
    search_fields = (*PATIENT_SEARCH, "description")
    date_hierarchy = "due_on"
    list_select_related = ("patient", "owner")


@admin.register(Allergy)
class AllergyAdmin(ReadOnlyPatientRowsAdmin):
    """Allergies and intolerances clinic-wide; the EHR states them and the FHIR import keeps
    them, so admins read them here and never change them."""

    list_display = (
        "patient",
        "substance",
        "category",
        "criticality",
        "status",
        "recorded_on",
        "entered_in_error_at",
    )
    list_filter = ("status", "criticality", "category", "patient__primary_doctor")
    search_fields = (*PATIENT_SEARCH, "substance", "code")
    date_hierarchy = "recorded_on"
    list_select_related = ("patient",)
