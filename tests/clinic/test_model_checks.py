"""CHECK constraints validated in one query say exactly what Django's own validation says."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models

from clinic.models import FindingAcknowledgement, FollowUpTask, LabResult, Medication, VisitNote
from clinic.models.follow_up import Awaited

SET_ON = date(2026, 3, 2)


def task(patient: Any, doctor: Any, **fields: Any) -> FollowUpTask:
    values = {
        "patient": patient,
        "owner": doctor,
        "description": "Recheck ferritin",
        "due_on": date(2026, 4, 1),
        "set_on": SET_ON,
        "created_by": doctor,
        "updated_by": doctor,
    }
    return FollowUpTask(**(values | fields))


def errors_of(validate: Any) -> dict[str, list[str]]:
    """Return the errors a validation raised, by field, or {} when it passed."""
    try:
        validate()
    except ValidationError as error:
        return error.message_dict
    return {}


def djangos(instance: models.Model, exclude: Any = None) -> dict[str, list[str]]:
    """Django's own validation: one query per constraint."""
    return errors_of(lambda: models.Model.validate_constraints(instance, exclude=exclude))


def ours(instance: models.Model, exclude: Any = None) -> dict[str, list[str]]:
    return errors_of(lambda: instance.validate_constraints(exclude=exclude))


TASK_CASES = {
    "valid": {},
    "lab awaited, no analyte": {"awaited": Awaited.LAB},
    "analyte without a lab": {"awaited_analyte": "ferritin"},
    "due before set": {"due_on": date(2026, 3, 1)},
    "due on the day set": {"due_on": SET_ON},
    "closed without reason": {"closed_on": date(2026, 3, 5)},
    "closed before set, no reason": {"closed_on": date(2026, 3, 1)},
    "closed the day set, with reason": {"closed_on": SET_ON, "closed_reason": "done"},
    "several at once": {"awaited": Awaited.LAB, "due_on": date(2026, 1, 1)},
}


@pytest.mark.parametrize("fields", TASK_CASES.values(), ids=TASK_CASES.keys())
def test_it_reports_what_django_reports_for_a_task(patient, doctor, fields) -> None:
    instance = task(patient, doctor, **fields)
    assert ours(instance) == djangos(instance)


def test_it_reports_every_broken_constraint_in_declared_order(patient, doctor) -> None:
    instance = task(patient, doctor, awaited=Awaited.LAB, due_on=date(2026, 1, 1))
    assert ours(instance) == {
        "__all__": [
            "Awaited analyte: say which lab result closes the task.",
            "Due on: must not be before the day the task is set.",
        ]
    }


def test_it_skips_constraints_naming_an_excluded_field_as_django_does(patient, doctor) -> None:
    instance = task(patient, doctor, awaited=Awaited.LAB, due_on=date(2026, 1, 1))
    exclude = {"awaited_analyte"}
    assert ours(instance, exclude) == djangos(instance, exclude)
    assert ours(instance, exclude) == {
        "__all__": ["Due on: must not be before the day the task is set."]
    }


def test_a_condition_that_is_null_passes_as_in_sql(patient, doctor) -> None:
    # closed_on NULL makes "closed_on >= set_on" NULL; SQL's CHECK lets NULL through.
    instance = task(patient, doctor, closed_on=None)
    assert ours(instance) == {} == djangos(instance)


def other_rows(patient: Any, doctor: Any) -> list[models.Model]:
    stamp = {"patient": patient, "created_by": doctor, "updated_by": doctor}
    return [
        LabResult(
            analyte="ferritin", value=Decimal(30), unit="mmol/L", **stamp, collected_on=SET_ON
        ),
        LabResult(
            analyte="ferritin", value=Decimal(30), unit="ng/mL", **stamp, collected_on=SET_ON
        ),
        LabResult(
            analyte="ferritin",
            value=Decimal(30),
            unit="ng/mL",
            collected_on=SET_ON,
            entered_in_error_at=datetime(2026, 3, 3, tzinfo=UTC),
            **stamp,
        ),
        Medication(
            line="ropinirole 0.25 mg",
            started_on=date(2026, 3, 1),
            stopped_on=date(2026, 2, 1),
            **stamp,
        ),
        VisitNote(visit_date=SET_ON, author=doctor, irls_score=41, hours_slept=25, **stamp),
        VisitNote(visit_date=SET_ON, author=doctor, irls_score=40, hours_slept=24, **stamp),
        FindingAcknowledgement(
            patient=patient, code="cause.iron-deficiency", reason="", acknowledged_by=doctor
        ),
    ]


def test_it_reports_what_django_reports_for_every_kind_of_row(patient, doctor) -> None:
    rows = other_rows(patient, doctor)
    results = [(ours(row), djangos(row)) for row in rows]
    assert all(mine == theirs for mine, theirs in results), results
    assert sum(1 for mine, _ in results if mine) == 5  # the broken ones were caught


def test_it_checks_all_of_a_rows_constraints_in_one_query(
    patient, doctor, django_assert_num_queries
) -> None:
    instance = task(patient, doctor, awaited=Awaited.LAB)
    assert len(FollowUpTask._meta.constraints) >= 7
    # Inside the test's transaction: a savepoint, the query, its release (Django: three each).
    with django_assert_num_queries(3):
        assert ours(instance)


def test_a_database_error_lets_the_row_reach_the_tables_own_checks(patient, doctor, caplog) -> None:
    # As Django's own check does: the constraint is not judged here, the table still judges it.
    instance = task(patient, doctor, awaited=Awaited.LAB)
    failing = mock.patch(
        "django.db.models.sql.compiler.SQLCompiler.execute_sql", side_effect=DatabaseError("boom")
    )
    with failing:
        assert ours(instance) == {}
    assert "Checking the constraints" in caplog.text
