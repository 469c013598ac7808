"""IRLS bands and pregnancy dating."""

from datetime import date

import pytest

from rls.irls import irls_band
from rls.pregnancy import due_date_from_gestational_age, gestational_week, trimester


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, "none"),
        (1, "mild"),
        (10, "mild"),
        (11, "moderate"),
        (20, "moderate"),
        (21, "severe"),
        (30, "severe"),
        (31, "very severe"),
        (40, "very severe"),
    ],
)
def test_it_bands_irls_totals_at_each_boundary(score, band):
    assert irls_band(score) == band


@pytest.mark.parametrize("score", [-1, 41])
def test_it_refuses_an_irls_total_outside_0_to_40(score):
    with pytest.raises(ValueError, match="0–40"):
        irls_band(score)


def test_it_dates_a_pregnancy_from_its_gestational_age():
    due = due_date_from_gestational_age(31, 2, on=date(2026, 11, 24))

    assert due == date(2027, 1, 24)
    assert gestational_week(due, date(2026, 11, 24)) == 31
    assert gestational_week(due, date(2026, 11, 28)) == 31
    assert gestational_week(due, date(2026, 11, 29)) == 32


@pytest.mark.parametrize(
    ("week", "expected"), [(1, 1), (13, 1), (14, 2), (27, 2), (28, 3), (41, 3)]
)
def test_it_derives_the_trimester(week, expected):
    assert trimester(week) == expected
