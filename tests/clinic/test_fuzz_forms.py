"""Every workspace form, fed generated input both valid-looking and hostile: never a 500, never
a partial write.

Forms are discovered through the URL resolver and their fields read from the form each page
renders, so a form added later is fuzzed without editing this file. Each example runs in a
transaction rolled back afterwards, so examples do not see each other's rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic.models import (
    CarePlanItem,
    Condition,
    FindingAcknowledgement,
    LabResult,
    Medication,
    Patient,
    VisitNote,
)
from clinic.services.summaries import SUMMARY_FIELDS
from tests.clinic.urlwalk import Route, make_records, route_values, workspace_routes

# Pages without a form to fuzz. A new page lands here only if it really has no input.
# The suggest endpoint answers JSON to two query parameters; tests/clinic/test_suggest.py checks
# its bad input.
NO_FORM = {
    "patient",
    "patient_print",
    "patient_export",
    "patient_fhir_export",
    "patient_handout",
    "suggest",
    "medication_check",
    "own_tasks",
}
# Filter forms read the query string and never write.
GET_FORMS = {"caseload"}
OMIT = object()
HOSTILE = [
    "",
    " ",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE clinic_patient; --",
    "1 OR 1=1",
    "x" * 100_000,
    "\x00",
    "\u202eevil\u200b",
    "😀" * 500,
    "-1",
    "0",
    "-99999999999999999999",
    "9" * 60,
    "1e309",
    "NaN",
    "Infinity",
    "3.14159265358979323846",
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "1800-01-01",
    "24/11/2026",
    "{{ 7|add:7 }}",
    "%s%s%n",
]
hostile = st.sampled_from(HOSTILE)
FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ENTITY_MODELS = (
    Patient,
    LabResult,
    Condition,
    Medication,
    VisitNote,
    FindingAcknowledgement,
    CarePlanItem,
)
# Forms whose one save may touch several rows: the care plan's measures, a visit and the
# patient's recall it sets.
MULTI_ROW = {"care_plan", "visit_create", "visit_edit"}
# Written by the findings refresh after every write, like the stored findings: not entered data.
DERIVED_COLUMNS = set(SUMMARY_FIELDS)


def _valid_looking(field: forms.Field) -> st.SearchStrategy:
    """Return values of the field's own type, most of them plausible."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        ids = [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:5]]
        return st.lists(st.sampled_from(ids or ["1"]), max_size=3)
    if isinstance(field, forms.ChoiceField):
        return st.sampled_from([str(value) for value, _label in field.choices] or [""])
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", "", "false"])
    if isinstance(field, forms.DateField):
        days = st.dates(min_value=date(1900, 1, 1), max_value=date(2027, 12, 31))
        return days.map(date.isoformat)
    if isinstance(field, forms.IntegerField):
        return st.integers(min_value=-5, max_value=120).map(str)
    if isinstance(field, forms.DecimalField):
        return st.decimals(min_value=Decimal("-1"), max_value=Decimal("5000"), places=2).map(str)
    return st.text(max_size=120)


def _field_value(field: forms.Field, initial: Any) -> st.SearchStrategy:
    choices = [_valid_looking(field), hostile, st.just(OMIT)]
    if initial not in (None, ""):
        choices.insert(0, st.just(initial.isoformat() if isinstance(initial, date) else initial))
    return st.one_of(*choices)


def _form_data(form: forms.Form) -> st.SearchStrategy:
    strategies = {
        name: _field_value(field, form.initial.get(name, field.initial))
        for name, field in form.fields.items()
    }
    return st.fixed_dictionaries(strategies).map(
        lambda data: {name: value for name, value in data.items() if value is not OMIT}
    )


def _snapshot() -> dict[tuple[str, int], tuple]:
    """Return every clinical row, keyed by the patient or entry it belongs to."""
    rows: dict[tuple[str, int], tuple] = {}
    for model in ENTITY_MODELS:
        for row in model.objects.values():
            entered = {k: v for k, v in row.items() if k not in DERIVED_COLUMNS}
            rows[(model.__name__, row["id"])] = tuple(sorted(entered.items()))
    for link in Patient.care_team.through.objects.values("patient_id", "user_id"):
        key = ("Patient", link["patient_id"])
        rows[key] = (*rows.get(key, ()), ("care_team", link["user_id"]))
    return rows


def _changed(before: dict, after: dict) -> set[tuple[str, int]]:
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


@contextmanager
def _rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def workspace(client, doctor, colleague, make_patient, frozen_today):
    patient = make_patient()
    records = make_records(patient, doctor)
    client.force_login(doctor)
    return client, patient, records


def _url(route: Route, patient: Patient, records: dict) -> str:
    return route.path(route_values(route, patient, records)) if route.parameters else route.path({})


@pytest.mark.parametrize("route", workspace_routes(), ids=str)
def test_it_never_fails_or_half_writes_on_generated_input(workspace, route):
    client, patient, records = workspace
    url = _url(route, patient, records)
    page = client.get(url)
    form = page.context.get("form") if page.context else None
    if form is None:
        assert route.url_name in NO_FORM, f"{url} shows no form: list it in NO_FORM if right"
        return
    writes = route.url_name not in GET_FORMS
    method = client.post if writes else client.get

    @FUZZ
    @given(data=_form_data(form))
    def submit(data: dict[str, Any]) -> None:
        with _rolled_back():
            before = _snapshot()
            response = method(url, data)
            changed = _changed(before, _snapshot())
        assert response.status_code < 500
        if response.status_code in (301, 302, 303) and writes:
            expected = len(changed) >= 1 if route.url_name in MULTI_ROW else len(changed) == 1
            assert expected, f"{url} changed {sorted(changed)} for {data!r}"
        else:
            assert changed == set(), f"{url} answered {response.status_code} yet changed {changed}"

    submit()


def test_it_shows_markup_in_a_note_as_text_on_the_record_page(workspace, doctor):
    client, patient, _records = workspace
    VisitNote.objects.create(
        patient=patient,
        visit_date=date(2026, 11, 20) - timedelta(days=1),
        author=doctor,
        text="<script>alert(1)</script><b>bold</b>",
        created_by=doctor,
        updated_by=doctor,
    )

    response = client.get(patient.get_absolute_url())

    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in response.text
    assert "<script>alert(1)</script>" not in response.text
    assert "<b>bold</b>" not in response.text
