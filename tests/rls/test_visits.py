"""The course over visits: IRLSSG 2014 criteria status and the IRLS trend by band."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest

from rls import (
    AugmentationAnswers,
    CriteriaAnswers,
    CriteriaStatus,
    Trend,
    Visit,
    criteria_status,
    irls_series,
    irls_trend,
    latest_criteria,
    latest_trend,
)
from tests.rls.helpers import AS_OF

ALL_YES = CriteriaAnswers(True, True, True, True, True)


def test_it_calls_the_criteria_met_only_when_all_five_are_present():
    assert criteria_status(ALL_YES) == CriteriaStatus.MET


@pytest.mark.parametrize("position", range(5))
def test_it_calls_the_criteria_not_met_when_any_one_is_absent(position):
    answers = [True] * 5
    answers[position] = False

    assert criteria_status(CriteriaAnswers(*answers)) == CriteriaStatus.NOT_MET


@pytest.mark.parametrize("position", range(5))
def test_it_leaves_the_criteria_not_assessed_when_one_is_unanswered(position):
    answers: list[bool | None] = [True] * 5
    answers[position] = None

    assert criteria_status(CriteriaAnswers(*answers)) == CriteriaStatus.NOT_ASSESSED


def test_it_lets_a_no_decide_even_when_others_are_unanswered():
    assert criteria_status(CriteriaAnswers(urge_to_move=False)) == CriteriaStatus.NOT_MET
    assert criteria_status(None) == CriteriaStatus.NOT_ASSESSED


def test_it_takes_the_criteria_from_the_latest_visit_that_asked_them_up_to_as_of():
    visits = (
        Visit(date(2026, 1, 5), criteria=CriteriaAnswers(urge_to_move=False)),
        Visit(date(2026, 6, 1), criteria=ALL_YES),
        Visit(date(2026, 9, 1), criteria=CriteriaAnswers()),  # checklist left blank
        Visit(date(2026, 10, 1), criteria=CriteriaAnswers(urge_to_move=True)),  # partly asked
        Visit(date(2026, 12, 1), criteria=CriteriaAnswers(urge_to_move=False)),  # after as_of
    )

    result = latest_criteria(visits, AS_OF)

    assert (result.status, result.date) == (CriteriaStatus.MET, date(2026, 6, 1))
    assert latest_criteria((), AS_OF).status == CriteriaStatus.NOT_ASSESSED
    assert latest_criteria((), AS_OF).date is None


@pytest.mark.parametrize(
    ("previous", "latest", "trend"),
    [
        (11, 10, Trend.BETTER),  # moderate → mild: the band boundary
        (10, 11, Trend.WORSE),
        (20, 11, Trend.UNCHANGED),  # nine points, still moderate
        (1, 0, Trend.BETTER),  # mild → none
        (30, 31, Trend.WORSE),  # severe → very severe
        (21, 30, Trend.UNCHANGED),
        (15, 15, Trend.UNCHANGED),
    ],
)
def test_it_judges_the_trend_by_band(previous, latest, trend):
    assert irls_trend(previous, latest) == trend


def test_it_refuses_a_total_outside_the_scale():
    with pytest.raises(ValueError, match="0–40"):
        irls_trend(41, 10)


def test_it_compares_the_last_two_scored_visits_up_to_as_of():
    visits = (
        Visit(date(2026, 10, 1), irls_total=25),
        Visit(date(2026, 3, 1), irls_total=35),
        Visit(date(2026, 11, 1)),  # no score
        Visit(date(2026, 12, 1), irls_total=5),  # after as_of
    )

    assert irls_series(visits, AS_OF) == ((date(2026, 3, 1), 35), (date(2026, 10, 1), 25))
    assert latest_trend(visits, AS_OF) == Trend.BETTER
    assert latest_trend(visits[:1], AS_OF) is None


@pytest.mark.parametrize("question", [f.name for f in fields(AugmentationAnswers)])
def test_it_counts_augmentation_screening_answered_by_any_one_question(question):
    assert not AugmentationAnswers().answered()
    assert AugmentationAnswers(**{question: False}).answered()
