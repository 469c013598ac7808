"""Admin support for every clinic model: stamp who changed what; audit fields read-only.

An admin save keeps the workspace's promises: it is version-checked (a form opened before a
doctor's change cannot silently revert it), and an entry marked entered in error is frozen.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models

from clinic.forms.base import replace_data
from clinic.models import Tracked
from clinic.services.editing import StaleEditError, differences

AUDIT_FIELDS = ("created_at", "created_by", "updated_at", "updated_by", "version")
ERROR_FIELDS = ("entered_in_error_at", "entered_in_error_by", "entered_in_error_reason")


def stamp(instance: Tracked, user: Any) -> None:
    """Record `user` as the author of this save, and as the creator of a new row.

    The version was checked (and the row locked) when the form was validated, so the next
    version is a plain number, which the audit trail records as such.
    """
    if instance.pk is None:
        instance.created_by = user
    else:
        instance.version += 1
    instance.updated_by = user


class AsEnteredNumberInput(forms.NumberInput):
    """Show a stored decimal as it was entered: 105, not 105.0000."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal):
            return f"{value.normalize():f}"
        return super().format_value(value)


# Every admin form and inline shows decimals as entered.
AS_ENTERED: Mapping[type[models.Field[Any, Any]], Mapping[str, Any]] = {
    models.DecimalField: {"widget": AsEnteredNumberInput}
}


class VersionedAdminForm(forms.ModelForm):
    """The admin form of a tracked row: version-checked, and frozen once entered in error."""

    # The version the admin loaded; a save over a newer version is refused with the changes.
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial.setdefault("expected_version", self.instance.version)
        if getattr(self.instance, "is_entered_in_error", False):
            for field in self.fields.values():
                field.disabled = True

    def clean(self) -> dict[str, Any]:
        super().clean()
        if self.instance.pk is not None and self.has_changed():
            self._check_version()
        return self.cleaned_data

    def _check_version(self) -> None:
        model = type(self.instance)
        current = model._default_manager.select_for_update().filter(pk=self.instance.pk).first()
        expected = self.cleaned_data.get("expected_version")
        if current is None or current.version == expected:
            return
        names = {f.name for f in model._meta.concrete_fields}
        values = {n: self.cleaned_data[n] for n in self.changed_data if n in names}
        changes = differences(current, values)
        # A second submit knowingly replaces the colleague's values with these.
        replace_data(self, expected_version=current.version)
        raise ValidationError(_conflict(changes))


def _conflict(changes: list[Any]) -> str:
    message = str(StaleEditError(changes, 0))
    if not changes:
        return message
    said = "; ".join(f"{c.field} is now “{c.theirs}” (yours: “{c.yours}”)" for c in changes)
    return f"{message} Changed meanwhile: {said}. Save again to replace their values."


class TrackedAdmin(admin.ModelAdmin):
    """A ModelAdmin that stamps the editing admin on every row it saves, inlines included."""

    form = VersionedAdminForm
    formfield_overrides = AS_ENTERED

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *self.audit_fields())

    def audit_fields(self) -> tuple[str, ...]:
        return AUDIT_FIELDS

    def save_model(self, request, obj, form, change):
        stamp(obj, request.user)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            stamp(instance, request.user)
            instance.save()
        for instance in formset.deleted_objects:
            instance.delete()
        formset.save_m2m()


class TrackedInline(admin.TabularInline):
    form = VersionedAdminForm
    formfield_overrides = AS_ENTERED
    extra = 0
    show_change_link = True
    readonly_fields: ClassVar[tuple[str, ...]] = ("updated_at", "updated_by")
