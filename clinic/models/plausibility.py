"""What every road into the record must refuse: implausible values, impossible dates, bad codes.

Models call these from `clean()`, so the workspace forms, the admin (pages and inlines), the
services and any importer all refuse the same input with the same words on the same field.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone

from clinic.formats import day_text
from rls import ANALYTE_BY_LOINC, ANALYTES, TERM_DAYS

EARLIEST_BIRTH_YEAR = 1900
# A pregnancy is dated at most 44 weeks ahead; a due date further out is a typo. Four weeks
# past it, the delivery should be recorded instead.
LATEST_DUE_DAYS = TERM_DAYS
OVERDUE_DAYS = 4 * 7
# Ages at delivery Ekbom accepts: wider than nearly every recorded birth, so only a mistyped
# birth date or delivery date (a pregnant 3-year-old, an 80-year-old) is refused.
CHILDBEARING_AGES = (10, 60)
# Longest free texts: a visit note of several pages; a reason of a few sentences.
NOTE_MAX_LENGTH = 20_000
REASON_MAX_LENGTH = 500

loinc_validator = RegexValidator(r"^\d{1,7}-\d$", "Enter a LOINC code such as 2276-4.")

Errors = dict[str, list[str]]


def date_error(value: Any, *, birth_date: date | None, label: str) -> str | None:
    """Return why a clinical date is impossible (in the future, before birth), or None."""
    if not isinstance(value, date):
        return None
    # Model.clean() takes no arguments, so validation that every road shares reads the clock.
    if value > timezone.localdate():
        return f"The {label} cannot be in the future."
    if birth_date is not None and value < birth_date:
        return f"The {label} cannot be before the patient's birth ({day_text(birth_date)})."
    return None


def check_clinical_date(value: Any, *, birth_date: date | None, label: str) -> None:
    """Refuse a date in the future or before the patient was born."""
    message = date_error(value, birth_date=birth_date, label=label)
    if message:
        raise ValidationError(message)


def clinical_date_errors(instance: Any, labels: dict[str, str], birth_date: date | None) -> Errors:
    """Return the errors of each of `instance`'s clinical dates, by field name."""
    errors: Errors = {}
    for name, label in labels.items():
        message = date_error(getattr(instance, name), birth_date=birth_date, label=label)
        if message:
            errors[name] = [message]
    return errors


def lab_errors(analyte_key: str, unit_symbol: str, value: Any, loinc: str) -> Errors:
    """Return why a lab result is implausible: a unit not of its analyte, a value, a LOINC code."""
    analyte = ANALYTES.get(analyte_key)
    if analyte is None:
        return {}
    unit = analyte.unit(unit_symbol or "")
    if unit is None:
        allowed = ", ".join(u.symbol for u in analyte.units)
        return {"unit": [f"{analyte.label} is measured in {allowed}."]}
    errors: Errors = {}
    number = _decimal(value)
    if number is not None:
        low, high = analyte.plausible
        if not low <= unit.to_canonical(float(number)) <= high:
            errors["value"] = [
                f"{analyte.label} {number:f} {unit.symbol} is outside the plausible range "
                f"{low:g}–{high:g} {analyte.canonical_unit}: check the value and the unit."
            ]
    other = ANALYTE_BY_LOINC.get(loinc or "")
    if other is not None and other.key != analyte.key:
        errors["loinc"] = [f"LOINC {loinc} is {other.label}, not {analyte.label}."]
    return errors


def birth_date_errors(birth_date: Any) -> Errors:
    """Return why a date of birth is impossible."""
    if not isinstance(birth_date, date):
        return {}
    message = date_error(birth_date, birth_date=None, label="date of birth")
    if message is None and birth_date.year < EARLIEST_BIRTH_YEAR:
        message = f"Check the year of birth: it is before {EARLIEST_BIRTH_YEAR}."
    return {"birth_date": [message]} if message else {}


def pregnancy_errors(*, sex: str, due: Any, birth_date: Any = None) -> Errors:
    """Return why an expected delivery date cannot be: a male patient, an age at which no one
    gives birth (a mistyped birth or due date), a date too far off or long past."""
    if not isinstance(due, date):
        return {}
    today = timezone.localdate()  # called from Model.clean(), which takes no `as_of`
    if sex == "male":
        message = "A pregnancy cannot be recorded for a male patient."
    elif (age_message := delivery_age_error(birth_date, due)) is not None:
        message = age_message
    elif due > today + timedelta(days=LATEST_DUE_DAYS):
        message = "The expected delivery date is more than 40 weeks away."
    elif due < today - timedelta(days=OVERDUE_DAYS):
        message = (
            "The expected delivery date is more than 4 weeks past: record the delivery instead."
        )
    else:
        return {}
    return {"pregnancy_due_date": [message]}


def delivery_age_error(birth_date: Any, delivery: date) -> str | None:
    """Say so when the patient would deliver outside the ages at which births are recorded."""
    if not isinstance(birth_date, date):
        return None
    age = (
        delivery.year
        - birth_date.year
        - ((delivery.month, delivery.day) < (birth_date.month, birth_date.day))
    )
    if CHILDBEARING_AGES[0] <= age <= CHILDBEARING_AGES[1]:
        return None
    low, high = CHILDBEARING_AGES
    return (
        f"The patient would be {age} at delivery: check the date of birth and this date "
        f"(a delivery is recorded from age {low} to {high})."
    )


def raise_if(errors: Errors) -> None:
    """Raise the collected field errors as one ValidationError, if there are any."""
    if errors:
        raise ValidationError(errors)


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
