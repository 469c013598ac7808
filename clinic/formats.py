"""How the workspace writes dates, numbers and people in running text: one way everywhere."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any


def day_text(day: date) -> str:
    """Write a date as the pages do ("4 Apr 2025"): never ISO, never a leading zero."""
    return f"{day.day} {day:%b %Y}"


def number_text(value: Decimal | float | int | str) -> str:
    """Write a number without trailing zeros or an exponent ("90.0000" -> "90", 1E+2 -> "100")."""
    # Floats arrive from unit conversion; six places hide binary noise (0.30000000000000004).
    number = Decimal(str(round(value, 6) if isinstance(value, float) else value))
    if number == number.to_integral_value():
        return f"{number.quantize(Decimal(1)):f}"
    return f"{number.normalize():f}"


def person_name(user: Any) -> str:
    """Name a user by full name, falling back to the username only when no name is recorded."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def evidence_text(evidence: Any) -> str:
    """Write one piece of a finding's evidence as the record shows it, in one line."""
    text = evidence.text
    if evidence.date and evidence.kind != "missing":
        text += f" on {day_text(evidence.date)}"
    if evidence.value is not None and evidence.unit:
        text += f" ({number_text(evidence.value)} {evidence.unit})"
    if evidence.threshold:
        text += f" — crosses {evidence.threshold}"
    return text
