"""Shared write mechanics: validated creation, version-checked updates, entered-in-error marks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar, cast

from django.core.exceptions import ValidationError
from django.db import models

from clinic.formats import day_text, number_text
from clinic.models import ClinicalEntry, Patient, Tracked

T = TypeVar("T", bound=Tracked)
E = TypeVar("E", bound=ClinicalEntry)
# Who wrote a row is the user the service was given, not input: validating it only asked the
# database whether that user exists, one query per stamp on every write.
STAMPS = ("created_by", "updated_by")


@dataclass(frozen=True, slots=True)
class Change:
    """A field a colleague changed while this user was editing: their value and this user's."""

    field: str
    theirs: str
    yours: str


class StaleEditError(Exception):
    """The row changed since the form was loaded; nothing was written."""

    def __init__(self, changes: list[Change], current_version: int) -> None:
        self.changes = changes
        self.current_version = current_version
        super().__init__(
            "This record was changed by someone else while you were editing it. Nothing was saved."
        )


def create_validated(instance: T, *, user: Any) -> T:
    """Stamp who creates `instance`, validate it fully and save it."""
    instance.created_by = user
    instance.updated_by = user
    instance.full_clean(exclude=STAMPS)
    instance.save()
    return instance


def update_versioned(instance: T, *, user: Any, expected_version: int, values: dict[str, Any]) -> T:
    """Apply `values` if the row is still at `expected_version`; raise StaleEditError otherwise.

    The row is locked while it is compared, and the version is then claimed with a conditional
    UPDATE, so two doctors saving the same row at once can never both win (SQLite has no row
    locks). The final save() goes through the model so the audit trail records the change.
    """
    model = type(instance)
    current = model._default_manager.select_for_update().get(pk=instance.pk)
    if current.version != expected_version:
        raise StaleEditError(differences(current, values), current.version)
    for name, value in values.items():
        setattr(current, name, value)
    current.updated_by = user
    current.full_clean(exclude=STAMPS)
    claimed = model._default_manager.filter(pk=current.pk, version=expected_version).update(
        version=expected_version + 1
    )
    if not claimed:
        fresh = model._default_manager.get(pk=current.pk)
        raise StaleEditError(differences(fresh, values), fresh.version)
    current.version = expected_version + 1
    current.save()
    return current


def ensure_record_open(patient: Patient) -> None:
    """Refuse to change the record of a patient who has died: it is kept as it was."""
    if patient.date_of_death is not None:
        raise ValidationError(
            f"This record is closed: the patient died on {patient.date_of_death:%d %b %Y}."
        )


def ensure_not_entered_in_error(entry: ClinicalEntry) -> None:
    """Refuse to change an entry marked entered in error: it is kept only as it was."""
    if entry.is_entered_in_error:
        raise ValidationError("This entry was marked entered in error and cannot be changed.")


def mark_entered_in_error(entry: E, *, user: Any, reason: str, at: datetime) -> E:
    """Mark a clinical entry entered in error with a reason; it is kept, never deleted."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason this entry was entered in error."})
    model = type(entry)
    current = cast(E, model._default_manager.select_for_update().get(pk=entry.pk))
    if current.is_entered_in_error:
        raise ValidationError("This entry is already marked entered in error.")
    current.entered_in_error_at = at
    current.entered_in_error_by = user
    current.entered_in_error_reason = reason
    current.updated_by = user
    current.version += 1
    # Only the mark is checked: an entry that would no longer pass today's plausibility
    # checks (entered before them) must still be withdrawable.
    current.validate_constraints()
    current.save()
    return current


def differences(current: models.Model, values: dict[str, Any]) -> list[Change]:
    """Return the fields whose stored value differs from the one this user submitted."""
    changes = []
    for name, yours in values.items():
        theirs = getattr(current, name)
        if theirs != yours:
            field = current._meta.get_field(name)
            label = str(getattr(field, "verbose_name", name))
            changes.append(Change(label, _display(field, theirs), _display(field, yours)))
    return changes


def _display(field: Any, value: Any) -> str:
    if value in (None, ""):
        return "—"
    choices = dict(field.flatchoices) if getattr(field, "choices", None) else {}
    if value in choices:
        return str(choices[value])
    if isinstance(value, Decimal | float):
        return number_text(value)
    if isinstance(value, date):
        return day_text(value)
    return str(value)
