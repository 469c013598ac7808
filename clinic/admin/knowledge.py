"""Local names: admins teach the engine a regional brand or a local condition name."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from clinic.admin.tracking import TrackedAdmin
from clinic.models import LocalName
from rls.knowledge import local_name_targets


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
