"""Local names: admins teach the engine a regional brand or a local condition name."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages

from clinic.admin.tracking import TrackedAdmin
from clinic.models import LocalName
from rls import local_name_targets


def _target_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        ("Medication targets: a drug class or a generic", local_name_targets("medication")),
        ("Condition targets: a condition family", local_name_targets("condition")),
    ]


class LocalNameForm(forms.ModelForm):
    # A select of what the knowledge base knows, so a target is never mistyped; the model's
    # clean() still checks that it fits the kind.
    target = forms.ChoiceField(choices=_target_choices)

    class Meta:
        model = LocalName
        fields = ("kind", "name", "target", "note")


@admin.register(LocalName)
class LocalNameAdmin(TrackedAdmin):
    form = LocalNameForm
    list_display = ("name", "kind", "target", "note", "updated_at", "updated_by")
    list_filter = ("kind",)
    search_fields = ("name", "target", "note")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Record pages evaluate live; the caseload's stored findings wait for the next refresh,
        # which re-evaluates every patient and is too slow to run inside this request.
        messages.info(
            request,
            "Record pages use this name from now on. The caseload's findings filters pick it up "
            "at the next `manage.py refresh_findings` run.",
        )
