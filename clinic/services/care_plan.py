"""Writes to the care plan: tick the measures agreed with the patient on a day."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from clinic.models import CarePlanItem, Patient
from clinic.services.editing import create_validated, ensure_record_open
from rls import CARE_MEASURE_BY_KEY


@transaction.atomic
def care_plan_update(
    *, patient: Patient, user: Any, measures: Iterable[str], agreed_on: date
) -> list[CarePlanItem]:
    """Make the current plan exactly `measures`: add the new ones, end the dropped ones.

    A measure kept from before keeps the day it was first agreed; one dropped ends on
    `agreed_on`, so the plan's history stays readable in the audit trail.
    """
    ensure_record_open(patient)
    wanted = set(measures)
    unknown = sorted(wanted - CARE_MEASURE_BY_KEY.keys())
    if unknown:
        raise ValidationError({"measures": f"Unknown care-plan measure: {', '.join(unknown)}."})
    current = {
        item.measure: item
        for item in CarePlanItem.objects.select_for_update().current().filter(patient=patient)
    }
    if wanted == current.keys():
        raise ValidationError("Nothing to save: the care plan is unchanged.")
    for measure, item in current.items():
        if measure not in wanted:
            _end(item, user=user, ended_on=agreed_on)
    for measure in sorted(wanted - current.keys()):
        item = CarePlanItem(patient=patient, measure=measure, agreed_on=agreed_on)
        create_validated(item, user=user)
    return list(CarePlanItem.objects.current().filter(patient=patient))


def _end(item: CarePlanItem, *, user: Any, ended_on: date) -> None:
    item.ended_on = ended_on
    item.updated_by = user
    item.version += 1
    item.full_clean()
    item.save()
