"""Pregnancy dating: gestational week and trimester from the expected delivery date."""

from __future__ import annotations

from datetime import date, timedelta

TERM_DAYS = 280  # 40 weeks from the last menstrual period, Naegele's rule
# Labour is induced by 41–42 weeks: a due date more than two weeks past means the delivery
# happened and was not recorded, so the pregnancy is no longer current.
POST_TERM_GRACE_DAYS = 14


def due_date_from_gestational_age(weeks: int, days: int, on: date) -> date:
    """Return the expected delivery date of a pregnancy of `weeks`+`days` on the date `on`."""
    return on + timedelta(days=TERM_DAYS - (weeks * 7 + days))


def gestational_week(due_date: date, on: date) -> int:
    """Return the completed weeks of gestation on `on` (0 before conception is dated)."""
    return max(0, (TERM_DAYS - (due_date - on).days) // 7)


def trimester(week: int) -> int:
    """Return the trimester of a gestational week: 1 up to week 13, 2 for 14–27, 3 from 28."""
    if week < 14:
        return 1
    return 2 if week < 28 else 3


def pregnancy_is_current(due_date: date, on: date) -> bool:
    """Return whether a pregnancy due on `due_date` can still be current on `on`."""
    return on <= due_date + timedelta(days=POST_TERM_GRACE_DAYS)
