"""The audit trail in the admin: readable, filterable by patient and user, never editable.

Replaces django-auditlog's own LogEntry admin, whose delete permission can follow a related
object's deletion; here no one, superusers included, adds, changes or deletes an entry.
"""

from __future__ import annotations

from auditlog.filters import ResourceTypeFilter
from auditlog.mixins import LogEntryAdminMixin
from auditlog.models import LogEntry
from django.contrib import admin
from django.db.models import BigIntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Concat
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from clinic.admin.audit_words import entry_changes_html, entry_summary
from clinic.formats import person_name
from clinic.models import Patient


class PatientFilter(admin.SimpleListFilter):
    """Narrow the trail to one patient: their own entries and those of all their records."""

    title = "patient"
    parameter_name = "patient"

    def lookups(self, request, model_admin):
        # Listing every patient would not scale; the chosen one shows, and each entry's
        # patient column links here.
        patient = self._chosen_patient()
        return [(str(patient.pk), str(patient))] if patient else []

    def has_output(self) -> bool:
        return self.value() is not None

    def queryset(self, request, queryset):
        patient = self._chosen_patient()
        if self.value() is None:
            return queryset
        if patient is None:
            return queryset.none()
        return queryset.filter(additional_data__patient_id=patient.pk)

    def _chosen_patient(self) -> Patient | None:
        value = self.value()
        if value is None or not value.isdigit():
            return None
        return Patient.objects.filter(pk=int(value)).first()


def _patient_label() -> Subquery:
    label = Concat("family_name", Value(", "), "given_name", Value(" ("), "mrn", Value(")"))
    patient = Patient.objects.filter(pk=OuterRef("patient_pk")).annotate(label=label)
    return Subquery(patient.values("label")[:1])


class AuditTrailAdmin(LogEntryAdminMixin, admin.ModelAdmin):
    date_hierarchy = "timestamp"
    list_display = (
        "created",
        "action",
        "patient",
        "resource_url",
        "msg_short",
        "user_url",
        "remote_addr",
    )
    list_display_links = ("created",)
    list_filter = (
        PatientFilter,
        ("actor", admin.RelatedFieldListFilter),
        "action",
        ("timestamp", admin.DateFieldListFilter),
        ResourceTypeFilter,
    )
    list_select_related = ("content_type", "actor")
    search_fields = ("object_repr", "changes_text", "actor__username", "actor_email")
    show_full_result_count = False
    fieldsets = (
        (None, {"fields": ("created", "action", "user_url", "actor_email", "remote_addr")}),
        ("Record", {"fields": ("patient", "resource_url", "changes_text")}),
        ("Changes", {"fields": ("msg",)}),
    )
    readonly_fields = (
        "created",
        "action",
        "user_url",
        "actor_email",
        "remote_addr",
        "patient",
        "resource_url",
        "changes_text",
        "msg",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[LogEntry]:
        self.request = request
        patient_pk = Cast(KT("additional_data__patient_id"), BigIntegerField())
        queryset = super().get_queryset(request).annotate(patient_pk=patient_pk)
        return queryset.annotate(patient_label=_patient_label())

    @admin.display(description="Patient")
    def patient(self, entry: LogEntry) -> str:
        if entry.patient_pk is None:
            return "—"
        label = entry.patient_label or f"#{entry.patient_pk} (no longer stored)"
        trail = reverse("admin:auditlog_logentry_changelist")
        return format_html(
            '<a href="{}?patient={}" title="Show this patient\'s trail">{}</a>',
            trail,
            entry.patient_pk,
            label,
        )

    @admin.display(description="What happened")
    def msg_short(self, entry: LogEntry) -> str:
        return entry_summary(entry)

    @admin.display(description="Changes")
    def msg(self, entry: LogEntry) -> str:
        return entry_changes_html(entry)

    @admin.display(description="User")
    def user_url(self, entry: LogEntry) -> str:
        if entry.actor is None:
            return "system"
        link = reverse("admin:auth_user_change", args=[entry.actor.pk])
        return format_html('<a href="{}">{}</a>', link, person_name(entry.actor))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: LogEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: LogEntry | None = None) -> bool:
        return False


# auditlog registers its own LogEntry admin first (it precedes clinic in INSTALLED_APPS).
if admin.site.is_registered(LogEntry):
    admin.site.unregister(LogEntry)
admin.site.register(LogEntry, AuditTrailAdmin)
