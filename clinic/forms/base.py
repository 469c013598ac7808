"""What every workspace form shares: crispy layout, the row version, clinical date checks."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from clinic.formats import day_text

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class WorkspaceForm(forms.Form):
    """A form rendered by crispy inside the page's own <form> element."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class VersionedForm(WorkspaceForm):
    """An edit form: it carries the version of the row it was loaded from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def values(self) -> dict[str, Any]:
        """Return the cleaned values the service writes (everything but the version)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


def replace_data(form: forms.Form, **values: Any) -> None:
    """Change bound values shown when the form is rendered again (after a refused save)."""
    data = cast(QueryDict, form.data).copy()
    for name, value in values.items():
        data[name] = value
    form.data = data


def check_clinical_date(value: date | None, *, birth_date: date | None, label: str) -> None:
    """Refuse a date in the future or before the patient was born."""
    if value is None:
        return
    if value > timezone.localdate():
        raise ValidationError(f"The {label} cannot be in the future.")
    if birth_date is not None and value < birth_date:
        raise ValidationError(
            f"The {label} cannot be before the patient's birth ({day_text(birth_date)})."
        )


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    """Return a date field with the browser's date picker."""
    return forms.DateField(label=label, required=required, widget=DATE_INPUT, help_text=help_text)


def stripped(value: str) -> str:
    """Collapse runs of whitespace and trim the ends."""
    return " ".join(value.split())


def suggest_as_you_type(field: forms.Field, kind: str) -> None:
    """Offer the knowledge base's words of `kind` in this field (static/clinic/js/suggest.js)."""
    field.widget.attrs |= {"data-suggest": kind, "data-suggest-url": reverse("clinic:suggest")}
