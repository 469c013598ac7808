"""Row links written from one reversed pattern must be the links `reverse` writes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clinic.selectors.links import url_of_each


@pytest.mark.parametrize("pk", [1, 7, 42, 98765])
def test_a_record_link_is_the_reversed_one(pk: int) -> None:
    assert url_of_each("clinic:patient")(pk) == reverse("clinic:patient", args=[pk])


@pytest.mark.parametrize("pk", [3, 1234])
def test_a_row_action_keeps_the_patient_before_the_row(pk: int) -> None:
    edit = url_of_each("clinic:lab_edit", 55)
    assert edit(pk) == reverse("clinic:lab_edit", args=[55, pk])


@pytest.mark.parametrize(
    "code", ["drug.dopamine-antagonist", "cause.iron-deficiency", "odd code?with&signs%"]
)
def test_a_finding_code_is_quoted_as_reverse_quotes_it(code: str) -> None:
    acknowledge = url_of_each("clinic:finding_acknowledge", 9)
    assert acknowledge(code) == reverse("clinic:finding_acknowledge", args=[9, code])
