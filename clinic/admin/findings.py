"""Stored findings and acknowledgements: visible to admins, written only by the application."""

from __future__ import annotations

from django.contrib import admin

from clinic.access import limit_to_admin_caseload
from clinic.models import FindingAcknowledgement, FindingsRefresh, StoredFinding


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by the application itself: admins read them, never add, change or delete."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyPatientRowsAdmin(ReadOnlyAdmin):
    """Read-only rows of patients, limited to the caseloads the admin may see."""

    def get_queryset(self, request):
        return limit_to_admin_caseload(super().get_queryset(request), request.user, "patient")


@admin.register(StoredFinding)
class StoredFindingAdmin(ReadOnlyPatientRowsAdmin):
    list_display = ("patient", "code", "category", "severity", "evaluated_on")
    list_filter = ("category", "severity", "code")
    search_fields = ("patient__mrn", "patient__family_name", "code")
    list_select_related = ("patient",)


@admin.register(FindingAcknowledgement)
class FindingAcknowledgementAdmin(ReadOnlyPatientRowsAdmin):
    list_display = ("patient", "code", "acknowledged_by", "acknowledged_at", "reason")
    list_filter = ("code", "acknowledged_by")
    search_fields = ("patient__mrn", "patient__family_name", "code", "reason")
    date_hierarchy = "acknowledged_at"
    list_select_related = ("patient", "acknowledged_by")


@admin.register(FindingsRefresh)
class FindingsRefreshAdmin(ReadOnlyAdmin):
    """When stored findings were last refreshed, why, and how many patients each run covered."""

    list_display = (
        "started_at",
        "reason",
        "as_of",
        "patients_done",
        "patients_total",
        "finished_at",
        "duration",
        "rules_version",
    )
    list_filter = ("reason",)

    @admin.display(description="duration")
    def duration(self, run: FindingsRefresh) -> str:
        if run.finished_at is None:
            return "running"
        return f"{(run.finished_at - run.started_at).total_seconds():.1f} s"
