"""Local names: admins teach the engine a regional brand or a local condition name."""

from __future__ import annotations

from django.contrib import admin

from clinic.admin.tracking import TrackedAdmin
from clinic.models import LocalName


@admin.register(LocalName)
class LocalNameAdmin(TrackedAdmin):
    list_display = ("name", "kind", "target", "note", "updated_at", "updated_by")
    list_filter = ("kind",)
    search_fields = ("name", "target", "note")
