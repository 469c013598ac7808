"""Admin support for every clinic model: stamp who changed what; audit fields read-only."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin
from django.db.models import F

from clinic.models import Tracked

AUDIT_FIELDS = ("created_at", "created_by", "updated_at", "updated_by", "version")
ERROR_FIELDS = ("entered_in_error_at", "entered_in_error_by", "entered_in_error_reason")


def stamp(instance: Tracked, user: Any) -> None:
    """Record `user` as the author of this save, and as the creator of a new row."""
    if instance.pk is None:
        instance.created_by = user
    else:
        # The database increments, so two admins saving at once both count.
        instance.version = F("version") + 1
    instance.updated_by = user


class TrackedAdmin(admin.ModelAdmin):
    """A ModelAdmin that stamps the editing admin on every row it saves, inlines included."""

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *self.audit_fields())

    def audit_fields(self) -> tuple[str, ...]:
        return AUDIT_FIELDS

    def save_model(self, request, obj, form, change):
        stamp(obj, request.user)
        super().save_model(request, obj, form, change)
        obj.refresh_from_db(fields=["version"])

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            stamp(instance, request.user)
            instance.save()
        for instance in formset.deleted_objects:
            instance.delete()
        formset.save_m2m()


class TrackedInline(admin.TabularInline):
    extra = 0
    show_change_link = True
    readonly_fields: ClassVar[tuple[str, ...]] = ("updated_at", "updated_by")
