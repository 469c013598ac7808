"""Follow-up findings: augmentation on a dopaminergic drug, and an overdue iron recheck.

Augmentation (IRLSSG 2016, Max Planck Institute criteria): the hallmark is symptoms starting
earlier in the day; with one more sign (spread to the arms or trunk, a shorter effect of each
dose, more intense symptoms, the need for higher doses) the answers point to augmentation. The
other signs without an earlier onset fit tolerance or the natural course as well, so they alone
raise nothing. Only the latest visit that asked the questions counts, and only while a
dopaminergic drug is active.

Iron recheck (IRLSSG 2018 iron consensus): ferritin and transferrin saturation are rechecked
about 12 weeks after starting oral iron and 4–8 weeks after an IV infusion. The recheck is
overdue the day after the interval ends (oral: day 85; IV: day 57) when no ferritin or TSAT
result has come since. After IV iron, ferritin rises for weeks from the infusion itself, so a
result in the first 4 weeks does not count as the recheck.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from rls.findings import Evidence
from rls.signal import Signal
from rls.snapshot import Snapshot
from rls.visits import AugmentationAnswers, IronRoute, IronTherapy, Visit

AUGMENTATION_CODE = "caution.augmentation"
IRON_RECHECK_CODE = "gap.iron-recheck"
DOPAMINERGIC_CODE = "caution.dopaminergic"
RECHECK_DUE = {IronRoute.ORAL: timedelta(weeks=12), IronRoute.IV: timedelta(weeks=8)}
# Results before this count as the infusion's own effect, not as the recheck.
RECHECK_COUNTS_FROM = {IronRoute.ORAL: timedelta(0), IronRoute.IV: timedelta(weeks=4)}
RECHECK_ANALYTES = frozenset({"ferritin", "transferrin_saturation"})
_OTHER_SIGNS = ("spread", "shorter_effect", "more_intense", "higher_doses")
_SIGN_TEXT = {
    "earlier_onset": "symptoms start earlier in the day",
    "spread": "symptoms spread to the arms or trunk",
    "shorter_effect": "shorter effect of each dose",
    "more_intense": "symptoms more intense",
    "higher_doses": "higher doses needed",
}


def followup_signals(snapshot: Snapshot, signals: Iterable[Signal]) -> list[Signal]:
    """Return the follow-up signals, given the signals the medication list already raised."""
    dopaminergic = [s.evidence for s in signals if s.code == DOPAMINERGIC_CODE]
    found = _augmentation_signals(snapshot, dopaminergic)
    for therapy in snapshot.iron_therapies:
        signal = _recheck_signal(therapy, snapshot)
        if signal is not None:
            found.append(signal)
    return found


def points_to_augmentation(answers: AugmentationAnswers) -> bool:
    """Return whether the answers point to augmentation: an earlier onset and one more sign."""
    return bool(answers.earlier_onset) and any(getattr(answers, s) for s in _OTHER_SIGNS)


def recheck_due_on(therapy: IronTherapy) -> date:
    """Return the last day the ferritin/TSAT recheck after this iron therapy is on time."""
    return therapy.started_on + RECHECK_DUE[therapy.route]


def _augmentation_signals(snapshot: Snapshot, dopaminergic: list[Evidence]) -> list[Signal]:
    if not dopaminergic:
        return []
    visit = _latest_screened_visit(snapshot.visits, snapshot.as_of)
    if visit is None or visit.augmentation is None:
        return []
    if not points_to_augmentation(visit.augmentation):
        return []
    yes = [text for sign, text in _SIGN_TEXT.items() if getattr(visit.augmentation, sign)]
    answers = Evidence(
        kind="visit",
        text=f"Augmentation screening: {', '.join(yes)}",
        ref=visit.ref,
        date=visit.date,
    )
    return [Signal(AUGMENTATION_CODE, e) for e in (answers, *dopaminergic)]


def _latest_screened_visit(visits: tuple[Visit, ...], as_of: date) -> Visit | None:
    """Return the latest visit by as_of that asked the questions (the first of a tie)."""
    latest = None
    for visit in visits:
        screened = visit.date <= as_of and visit.augmentation and visit.augmentation.answered()
        if screened and (latest is None or visit.date > latest.date):
            latest = visit
    return latest


def _recheck_signal(therapy: IronTherapy, snapshot: Snapshot) -> Signal | None:
    due = recheck_due_on(therapy)
    if therapy.started_on > snapshot.as_of or snapshot.as_of <= due:
        return None
    counts_from = therapy.started_on + RECHECK_COUNTS_FROM[therapy.route]
    rechecked = any(
        lab.analyte in RECHECK_ANALYTES and counts_from <= lab.date <= snapshot.as_of
        for lab in snapshot.labs
    )
    if rechecked:
        return None
    route = "IV" if therapy.route == IronRoute.IV else "oral"
    text = (
        f"{therapy.name or 'Iron'} ({route}) started {therapy.started_on.isoformat()}: "
        f"no ferritin or TSAT since {counts_from.isoformat()}, recheck was due by "
        f"{due.isoformat()}"
    )
    evidence = Evidence(kind="missing", text=text, ref=therapy.ref, date=therapy.started_on)
    return Signal(IRON_RECHECK_CODE, evidence)
