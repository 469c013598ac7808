"""The caseload's search, filters, sort order and page size, read from the query string."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout, Submit
from django import forms

SORTS = [
    ("triage", "Needs attention first"),
    ("severity", "Severity of findings"),
    ("changed", "Changed since I last saw them"),
    ("name", "Name"),
    ("last_visit", "Last visit (oldest first)"),
    ("-last_visit", "Last visit (newest first)"),
    ("-findings", "Number of findings"),
    ("trend", "IRLS trend (worse first)"),
    ("next_visit", "Next visit due"),
]
RECALLS = [("", "Any"), ("overdue", "Overdue"), ("due_this_week", "Due this week")]
PAGE_SIZES = [(25, "25"), (50, "50"), (100, "100")]
WHOSE = [("", "Mine and care team"), ("own", "Mine only"), ("team", "Care team only")]


class CaseloadFilterForm(forms.Form):
    q = forms.CharField(label="Search name or MRN", required=False, max_length=100)
    whose = forms.ChoiceField(label="Whose patients", choices=WHOSE, required=False)
    aggravating_drug = forms.BooleanField(label="Aggravating drug", required=False)
    iron_or_anemia = forms.BooleanField(label="Iron deficiency or anemia", required=False)
    pregnant = forms.BooleanField(label="Pregnant", required=False)
    data_gap = forms.BooleanField(label="Data gap", required=False)
    no_visit_months = forms.IntegerField(
        label="No visit for (months)", required=False, min_value=1, max_value=120
    )
    recall = forms.ChoiceField(label="Visit or task", choices=RECALLS, required=False)
    include_inactive = forms.BooleanField(label="Include inactive and deceased", required=False)
    sort = forms.ChoiceField(choices=SORTS, required=False, initial="triage")
    per_page = forms.TypedChoiceField(
        label="Per page", choices=PAGE_SIZES, coerce=int, required=False, initial=25
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "caseload-filters"
        self.helper.layout = Layout(
            Div(
                Div("q", css_class="col-lg-3 col-md-6"),
                Div("whose", css_class="col-lg-2 col-md-6"),
                Div("no_visit_months", css_class="col-lg-2 col-md-3"),
                Div("recall", css_class="col-lg-2 col-md-3"),
                Div("sort", css_class="col-lg-2 col-md-3"),
                Div("per_page", css_class="col-lg-1 col-md-2"),
                css_class="row g-2",
            ),
            Div(
                Div("aggravating_drug", css_class="col-auto"),
                Div("iron_or_anemia", css_class="col-auto"),
                Div("pregnant", css_class="col-auto"),
                Div("data_gap", css_class="col-auto"),
                Div("include_inactive", css_class="col-auto"),
                css_class="row g-3",
            ),
        )
        self.helper.add_input(Submit("apply", "Apply", css_class="btn-primary"))

    def criteria(self) -> dict:
        """Return the valid criteria, defaults filled in (invalid input falls back to defaults)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "q": (data.get("q") or "").strip(),
            "aggravating_drug": bool(data.get("aggravating_drug")),
            "iron_or_anemia": bool(data.get("iron_or_anemia")),
            "pregnant": bool(data.get("pregnant")),
            "data_gap": bool(data.get("data_gap")),
            "no_visit_months": data.get("no_visit_months"),
            "recall": data.get("recall") or "",
            "include_inactive": bool(data.get("include_inactive")),
            "whose": data.get("whose") or "",
            "sort": data.get("sort") or "triage",
            "per_page": data.get("per_page") or 25,
        }
