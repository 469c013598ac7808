"""What every workspace form shares: crispy layout, the row version, clinical date checks."""

from __future__ import annotations

from typing import Any, cast

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import QueryDict
from django.urls import reverse

from clinic.models.plausibility import check_clinical_date

__all__ = ["check_clinical_date"]

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


def replace_data(form: forms.BaseForm, **values: Any) -> None:
    """Change bound values shown when the form is rendered again (after a refused save)."""
    data = cast(QueryDict, form.data).copy()
    for name, value in values.items():
        data[form.add_prefix(name)] = value
    form.data = data


def show_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a model's or a service's error on the form fields it names, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def validate_draft(
    form: forms.Form, draft: Model, *, shown_as: dict[str, str] | None = None
) -> None:
    """Let the model judge the form's values, exactly as it judges every other road's.

    `shown_as` names the form field that shows a model field's error, where they differ.
    """
    judged = {name for name in form.cleaned_data if name in form.fields}
    others = [f.name for f in draft._meta.fields if f.name not in judged]
    try:
        draft.clean_fields(exclude=others)
        draft.clean()
    except ValidationError as error:
        renamed = {(shown_as or {}).get(k, k): v for k, v in error.message_dict.items()}
        show_errors(form, ValidationError(renamed))


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    """Return a date field with the browser's date picker."""
    return forms.DateField(label=label, required=required, widget=DATE_INPUT, help_text=help_text)


def stripped(value: str) -> str:
    """Collapse runs of whitespace and trim the ends."""
    return " ".join(value.split())


def suggest_as_you_type(field: forms.Field, kind: str) -> None:
    """Offer the knowledge base's words of `kind` in this field (static/clinic/js/suggest.js)."""
    field.widget.attrs |= {"data-suggest": kind, "data-suggest-url": reverse("clinic:suggest")}


def check_medication_as_you_type(field: forms.Field) -> None:
    """Say under this field whether the engine recognises the line (static/clinic/js/suggest.js)."""
    field.widget.attrs["data-verdict-url"] = reverse("clinic:medication_check")
