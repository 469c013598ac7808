"""The course of the disease across visits: diagnostic criteria, IRLS trend, iron therapy.

Pure data and arithmetic: what a visit recorded and what follows from it over time. The
findings these facts raise (augmentation, an overdue iron recheck) live in `rls.followup`.

Sources. The five essential criteria are the IRLSSG 2014 consensus diagnostic criteria; the
IRLS bands are those of `rls.irls`. The augmentation questions follow the Max Planck Institute
criteria that the IRLSSG 2016 guidance uses; the iron recheck intervals are the IRLSSG 2018
iron consensus (see rls/knowledge/sources.py for the full references).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum

from rls.irls import irls_band


@dataclass(frozen=True, slots=True)
class CriteriaAnswers:
    """The IRLSSG 2014 essential criteria as answered at a visit: True, False or None (not asked).

    The questions are paraphrased for the checklist; they carry no licensed wording.
    """

    urge_to_move: bool | None = None  # urge to move the legs, with unpleasant leg sensations
    worse_at_rest: bool | None = None  # begins or worsens at rest or inactivity
    relieved_by_movement: bool | None = None  # partly or totally relieved by movement
    evening_or_night: bool | None = None  # only or mostly in the evening or night
    not_another_condition: bool | None = None  # not solely accounted for by another condition

    def answers(self) -> tuple[bool | None, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))


@dataclass(frozen=True, slots=True)
class AugmentationAnswers:
    """The augmentation screening questions for a patient on a dopaminergic drug."""

    earlier_onset: bool | None = None  # symptoms start earlier in the day than before
    spread: bool | None = None  # symptoms spread to the arms or trunk
    shorter_effect: bool | None = None  # each dose helps for a shorter time
    more_intense: bool | None = None  # symptoms are more intense than before
    higher_doses: bool | None = None  # higher doses are needed for the same relief

    def answered(self) -> bool:
        # Written out: `fields()` costs more than the answers, and the engine asks every visit.
        return not (
            self.earlier_onset is None
            and self.spread is None
            and self.shorter_effect is None
            and self.more_intense is None
            and self.higher_doses is None
        )


@dataclass(frozen=True, slots=True)
class Visit:
    date: date
    irls_total: int | None = None  # 0–40; the score only, never the licensed item wording
    criteria: CriteriaAnswers | None = None
    augmentation: AugmentationAnswers | None = None
    ref: str = ""


class IronRoute(StrEnum):
    ORAL = "oral"
    IV = "iv"


@dataclass(frozen=True, slots=True)
class IronTherapy:
    """A course of iron on the medication list: its route and the day it started."""

    route: IronRoute
    started_on: date
    name: str = ""  # the medication line, for the evidence
    ref: str = ""


class CriteriaStatus(StrEnum):
    MET = "met"
    NOT_MET = "not met"
    NOT_ASSESSED = "not assessed"


class Trend(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class CriteriaResult:
    status: CriteriaStatus
    date: date | None = None  # the visit the status comes from; None when never assessed


def criteria_status(answers: CriteriaAnswers | None) -> CriteriaStatus:
    """Return MET when all five criteria are present, NOT_MET when any is absent, else NOT_ASSESSED.

    IRLSSG 2014: the diagnosis needs all five essential criteria, so one "no" rules it out
    while one unanswered question leaves it open.
    """
    if answers is None:
        return CriteriaStatus.NOT_ASSESSED
    values = answers.answers()
    if False in values:
        return CriteriaStatus.NOT_MET
    if all(values):
        return CriteriaStatus.MET
    return CriteriaStatus.NOT_ASSESSED


def latest_criteria(visits: tuple[Visit, ...], as_of: date) -> CriteriaResult:
    """Return the status of the latest visit up to `as_of` whose checklist decided it.

    A visit that left some criteria unasked (and none absent) decides nothing, so a brief
    follow-up check does not hide the diagnosis an earlier full assessment made.
    """
    for visit in sorted(visits, key=lambda v: v.date, reverse=True):
        if visit.date > as_of:
            continue
        status = criteria_status(visit.criteria)
        if status != CriteriaStatus.NOT_ASSESSED:
            return CriteriaResult(status, visit.date)
    return CriteriaResult(CriteriaStatus.NOT_ASSESSED)


_BAND_RANK = {"none": 0, "mild": 1, "moderate": 2, "severe": 3, "very severe": 4}


def irls_trend(previous: int, latest: int) -> Trend:
    """Return the trend between two IRLS totals, judged by their bands.

    A move to a milder band is BETTER, to a more severe band WORSE; a change within a band is
    UNCHANGED, so a point or two of day-to-day variation is not reported as a change of course.
    """
    before, after = _BAND_RANK[irls_band(previous)], _BAND_RANK[irls_band(latest)]
    if after < before:
        return Trend.BETTER
    if after > before:
        return Trend.WORSE
    return Trend.UNCHANGED


def irls_series(visits: tuple[Visit, ...], as_of: date) -> tuple[tuple[date, int], ...]:
    """Return (date, IRLS total) of every visit up to `as_of` that recorded one, oldest first."""
    scored = [(v.date, v.irls_total) for v in visits if v.irls_total is not None]
    return tuple(sorted((d, total) for d, total in scored if d <= as_of))


def latest_trend(visits: tuple[Visit, ...], as_of: date) -> Trend | None:
    """Return the trend between the last two scored visits, or None with fewer than two."""
    series = irls_series(visits, as_of)
    if len(series) < 2:
        return None
    return irls_trend(series[-2][1], series[-1][1])
