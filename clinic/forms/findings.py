"""Acknowledging a finding: the reason is required; the fingerprint ties it to the evidence."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from clinic.forms.base import WorkspaceForm, stripped


class AcknowledgeFindingForm(WorkspaceForm):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    reason = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why no action is needed now, e.g. iron already prescribed",
    )

    def clean_reason(self) -> str:
        reason = stripped(self.cleaned_data["reason"])
        if not reason:
            raise ValidationError("Give the reason for acknowledging this finding.")
        return reason
