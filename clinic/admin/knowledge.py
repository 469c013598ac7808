"""Local names: admins teach the engine a regional brand or a local condition name.

Before a name is saved the admin sees what it would newly match in the clinic; on saving (or
deleting) it, the stored findings of every affected patient are refreshed as a task: right after
the save where tasks run in-process, by the workers otherwise, so the caseload catches up with
the record without anyone running a command.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.utils import timezone

import rls
from clinic.admin.tracking import TrackedAdmin, VersionedAdminForm
from clinic.forms.base import replace_data
from clinic.models import LocalName, RefreshReason
from clinic.selectors.local_names import MatchPreview, local_name_preview
from clinic.tasks import start_findings_refresh
from rls import local_name_targets


def _target_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        ("Medication targets: a drug class or a generic", local_name_targets("medication")),
        ("Condition targets: a condition family", local_name_targets("condition")),
    ]


class LocalNameForm(VersionedAdminForm):
    # A select of what the knowledge base knows, so a target is never mistyped; the model's
    # clean() still checks that it fits the kind.
    target = forms.ChoiceField(choices=_target_choices)
    # What the preview was shown for; a tick only confirms the preview of these very values.
    previewed_as = forms.CharField(widget=forms.HiddenInput, required=False)
    preview_seen = forms.BooleanField(
        label="I have read what this name will match; save it", required=False
    )

    class Meta:
        model = LocalName
        fields = ("kind", "name", "target", "note", "overrides_knowledge_base")

    preview: MatchPreview | None = None

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        if self.errors:
            return
        instance = self.instance
        candidate = rls.LocalName(kind=instance.kind, name=instance.name, target=instance.target)
        self.preview = local_name_preview(candidate, replacing=instance.pk)
        shown = f"{instance.kind}|{instance.name}|{instance.target}"
        cleaned = self.cleaned_data
        if not (cleaned.get("preview_seen") and cleaned.get("previewed_as") == shown):
            replace_data(self, previewed_as=shown, preview_seen="")
            self.add_error("preview_seen", self.preview.describe(instance.kind))


@admin.register(LocalName)
class LocalNameAdmin(TrackedAdmin):
    form = LocalNameForm
    list_display = ("name", "kind", "target", "note", "updated_at", "updated_by")
    list_filter = ("kind",)
    search_fields = ("name", "target", "note")

    def save_model(self, request: Any, obj: LocalName, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        self._refresh(request, form.preview.patient_ids)

    def delete_model(self, request: Any, obj: LocalName) -> None:
        affected = local_name_preview(None, replacing=obj.pk).patient_ids
        super().delete_model(request, obj)
        self._refresh(request, affected)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for local_name in queryset:
            self.delete_model(request, local_name)

    def _refresh(self, request: Any, patient_ids: frozenset[int]) -> None:
        run = start_findings_refresh(
            sorted(patient_ids), reason=RefreshReason.LOCAL_NAMES, as_of=timezone.localdate()
        )
        messages.info(
            request,
            f"The stored findings of {run.patients_total} affected patient(s) are being "
            "refreshed; Findings refreshes shows when it is done.",
        )
