"""The audit trail in words: what an entry did, to what, field by field, as a clinic admin reads it.

django-auditlog stores each change as field names and raw values ("updated_by": ["3", "5"]);
its registry's `mapping_fields` names the fields (clinic.audit), and this module says the rest:
the action with the record it touched, choice labels, dates as the pages write them, and users
by full name. Bookkeeping that every save changes (version, who and when) stays out of the
one-line summary.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.forms.utils import pretty_name
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import capfirst

from clinic.formats import day_text, person_name

# Changed by every save through a service; the entry's own timestamp and actor say the same.
BOOKKEEPING = frozenset({"version", "updated_at", "updated_by", "created_at", "created_by"})
# A summary line's list of fields is cut here (at a comma) so the list stays one line each.
SUMMARY_FIELDS_MAX = 80
_NONE = "None"  # how django-auditlog stores an empty value
# Said by the entry itself (its number, its time) or by nothing a reader needs.
_NOT_SHOWN = frozenset({"id", "version", "created_at", "updated_at"})

_VERBS = {
    LogEntry.Action.CREATE: "Created",
    LogEntry.Action.UPDATE: "Changed",
    LogEntry.Action.DELETE: "Deleted",
}


def entry_summary(entry: LogEntry) -> str:
    """Say in one line what the entry did ("Created lab result Hemoglobin 105 g/L on …")."""
    if entry.action == LogEntry.Action.ACCESS:
        return entry.changes_text or "Viewed"
    thing = f"{_model_name(entry)} {entry.object_repr}".strip()
    if entry.action != LogEntry.Action.UPDATE:
        return f"{_VERBS.get(entry.action, 'Changed')} {thing}"
    changes = entry.changes_dict
    if _marked_in_error(changes):
        return f"Marked {thing} entered in error"
    fields = sorted((f for f in changes if f not in BOOKKEEPING), key=_field_order(entry))
    names = [_field_label(entry, None, field) for field in fields]
    if not names:
        return f"Saved {thing} again, no field changed"
    return f"Changed {_cut(', '.join(names))} of {thing}"


def entry_changes_html(entry: LogEntry) -> SafeString | str:
    """Show the entry's changes as a table of field, before and after, in the pages' words."""
    changes = entry.changes_dict
    model = entry.content_type.model_class()
    if not changes or model is None:
        return ""
    related = _related_named_in(model, changes)
    rows = []
    for field_name in sorted(changes, key=_field_order(entry)):
        change = changes[field_name]
        field = _field(model, field_name)
        if field_name in _NOT_SHOWN or (field is None and _is_reverse_relation(model, field_name)):
            continue
        label = _field_label(entry, model, field_name)
        if isinstance(change, dict) and change.get("type") == "m2m":
            verb = "Added" if change.get("operation") == "add" else "Removed"
            rows.append((label, verb, ", ".join(str(o) for o in change.get("objects", []))))
            continue
        before, after = (_value_text(field, value, related) for value in change)
        rows.append((label, before, after))
    body = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows)
    return format_html(
        "<table><tr><th>Field</th><th>Before</th><th>After</th></tr>{}</table>", body
    )


def _model_name(entry: LogEntry) -> str:
    model = entry.content_type.model_class()
    return str(model._meta.verbose_name) if model is not None else entry.content_type.model


def _field_order(entry: LogEntry) -> Callable[[str], int]:
    """Order field names as the model declares them (the form's order), unknown ones last."""
    model = entry.content_type.model_class()
    fields = [*model._meta.fields, *model._meta.many_to_many] if model is not None else []
    names = [field.name for field in fields]
    return lambda name: names.index(name) if name in names else len(names)


def _marked_in_error(changes: dict[str, Any]) -> bool:
    change = changes.get("entered_in_error_at")
    return isinstance(change, list) and change[0] == _NONE and change[1] != _NONE


def _cut(text: str) -> str:
    if len(text) <= SUMMARY_FIELDS_MAX:
        return text
    return text[: text.rfind(",", 0, SUMMARY_FIELDS_MAX)] + " …"


def _field(model: type[models.Model], name: str) -> models.Field | None:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _is_reverse_relation(model: type[models.Model], name: str) -> bool:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return field.auto_created and not field.concrete


def _field_label(entry: LogEntry, model: type[models.Model] | None, name: str) -> str:
    """Name a field as the trail's mapping does, else by its verbose name ("ATC code")."""
    model = model or entry.content_type.model_class()
    if model is not None and auditlog.contains(model):
        mapped = auditlog.get_model_fields(model)["mapping_fields"].get(name)
        if mapped:
            return str(mapped)
    field = _field(model, name) if model is not None else None
    return capfirst(str(field.verbose_name)) if field is not None else pretty_name(name)


def _related_named_in(
    model: type[models.Model], changes: dict[str, Any]
) -> dict[tuple[Any, str], Any]:
    """Fetch every row the entry's foreign keys name, one query per related model."""
    wanted: dict[Any, set[str]] = {}
    for name, change in changes.items():
        field = _field(model, name)
        if isinstance(change, list) and field is not None and field.many_to_one:
            ids = {value for value in change if value.isdigit()}
            wanted.setdefault(field.related_model, set()).update(ids)
    return {
        (related, str(row.pk)): row
        for related, ids in wanted.items()
        if ids
        for row in related._base_manager.filter(pk__in=ids)
    }


def _value_text(field: models.Field | None, value: str, related: dict[tuple[Any, str], Any]) -> str:
    if value == _NONE or value == "":
        return "—"
    if field is None:
        return value
    if field.many_to_one:
        row = related.get((field.related_model, value))
        if row is None:
            return f"#{value} (no longer stored)"
        return person_name(row) if field.related_model is get_user_model() else str(row)
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField):
        return _moment_text(value)
    if isinstance(field, models.DateField):
        return _day_or_raw(value)
    if isinstance(field, models.BooleanField):
        return {"True": "yes", "False": "no"}.get(value, value)
    if isinstance(field, models.JSONField):
        return value.strip("[]").replace("'", "") or "—"
    return value


def _day_or_raw(value: str) -> str:
    try:
        return day_text(date.fromisoformat(value))
    except ValueError:
        return value


def _moment_text(value: str) -> str:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_fixed_timezone(0))
    local = timezone.localtime(moment)
    return f"{day_text(local.date())} {local:%H:%M}"
