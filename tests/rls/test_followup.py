"""Follow-up findings: augmentation screening, the iron recheck after therapy, date of death."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rls import (
    AugmentationAnswers,
    IronRoute,
    IronTherapy,
    Medication,
    MedicationStatus,
    Visit,
    evaluate,
    points_to_augmentation,
    recheck_due_on,
)
from tests.rls.helpers import AS_OF, codes, finding, lab, snapshot

PRAMIPEXOLE = (Medication("Mirapex 0.25 mg at night", ref="medication:7"),)
POINTING = AugmentationAnswers(earlier_onset=True, spread=True)


def screened(answers: AugmentationAnswers, medications=PRAMIPEXOLE, **fields):
    visit = Visit(AS_OF - timedelta(days=3), augmentation=answers, ref="visit:4")
    return snapshot(medications=medications, visits=(visit,), **fields)


@pytest.mark.parametrize("sign", ["spread", "shorter_effect", "more_intense", "higher_doses"])
def test_it_raises_augmentation_for_an_earlier_onset_with_one_more_sign(sign):
    answers = AugmentationAnswers(earlier_onset=True, **{sign: True})

    assert points_to_augmentation(answers)
    assert "caution.augmentation" in codes(screened(answers))


def test_it_does_not_raise_augmentation_for_an_earlier_onset_alone():
    answers = AugmentationAnswers(earlier_onset=True, spread=False, more_intense=None)

    assert not points_to_augmentation(answers)
    assert "caution.augmentation" not in codes(screened(answers))


def test_it_does_not_raise_augmentation_for_every_other_sign_without_an_earlier_onset():
    # Spreading, stronger symptoms needing more drug also fit tolerance or the natural course.
    answers = AugmentationAnswers(False, True, True, True, True)

    assert "caution.augmentation" not in codes(screened(answers))


@pytest.mark.parametrize(
    "medications",
    [
        (),
        (Medication("Mirapex 0.25 mg", status=MedicationStatus.STOPPED),),
        (Medication("Gabapentin 300 mg"),),  # an α2δ ligand does not augment
    ],
)
def test_it_raises_augmentation_only_on_an_active_dopaminergic(medications):
    assert "caution.augmentation" not in codes(screened(POINTING, medications))


def test_it_cites_the_visit_and_the_drug_with_the_aasm_advice():
    result = finding(screened(POINTING), "caution.augmentation")

    visit, drug = result.evidence
    assert (visit.kind, visit.ref, visit.date) == ("visit", "visit:4", AS_OF - timedelta(days=3))
    assert visit.text == (
        "Augmentation screening: symptoms start earlier in the day, "
        "symptoms spread to the arms or trunk"
    )
    assert (drug.ref, drug.matched) == ("medication:7", "pramipexole")
    assert "α2δ ligand" in result.advice
    assert "ferritin" in result.advice
    assert "AASM 2024" in result.source
    assert "IRLSSG 2016" in result.source


def test_it_reads_only_the_latest_screening_up_to_as_of():
    earlier = Visit(AS_OF - timedelta(days=90), augmentation=POINTING)
    later = Visit(AS_OF - timedelta(days=5), augmentation=AugmentationAnswers(earlier_onset=False))
    future = Visit(AS_OF + timedelta(days=5), augmentation=POINTING)
    unasked = Visit(AS_OF - timedelta(days=1), augmentation=AugmentationAnswers())

    cleared = snapshot(medications=PRAMIPEXOLE, visits=(earlier, later, future, unasked))
    assert "caution.augmentation" not in codes(cleared)
    still = snapshot(medications=PRAMIPEXOLE, visits=(earlier, unasked))
    assert "caution.augmentation" in codes(still)


def therapy(route: IronRoute, days_ago: int) -> IronTherapy:
    return IronTherapy(route, AS_OF - timedelta(days=days_ago), "Ferrous sulfate 200 mg", "med:3")


@pytest.mark.parametrize(
    ("route", "days_ago", "overdue"),
    [
        (IronRoute.ORAL, 84, False),  # 12 weeks: still on time
        (IronRoute.ORAL, 85, True),
        (IronRoute.IV, 56, False),  # 8 weeks: still on time
        (IronRoute.IV, 57, True),
        (IronRoute.IV, -1, False),  # starts tomorrow
    ],
)
def test_it_raises_the_iron_recheck_the_day_after_the_interval(route, days_ago, overdue):
    record = snapshot(iron_therapies=(therapy(route, days_ago),))

    assert ("gap.iron-recheck" in codes(record)) is overdue


def test_it_gives_the_due_day_per_route():
    assert recheck_due_on(therapy(IronRoute.ORAL, 0)) == AS_OF + timedelta(weeks=12)
    assert recheck_due_on(therapy(IronRoute.IV, 0)) == AS_OF + timedelta(weeks=8)


@pytest.mark.parametrize(
    ("analyte", "value", "unit"), [("ferritin", 120, "ng/mL"), ("transferrin_saturation", 30, "%")]
)
def test_it_counts_a_ferritin_or_tsat_after_oral_iron_as_the_recheck(analyte, value, unit):
    start = AS_OF - timedelta(days=100)
    same_day = lab(analyte, value, unit, start)
    day_before = lab(analyte, value, unit, start - timedelta(days=1))

    assert "gap.iron-recheck" not in codes(
        snapshot(iron_therapies=(therapy(IronRoute.ORAL, 100),), labs=(same_day,))
    )
    assert "gap.iron-recheck" in codes(
        snapshot(iron_therapies=(therapy(IronRoute.ORAL, 100),), labs=(day_before,))
    )


def test_it_does_not_count_a_ferritin_in_the_first_four_weeks_after_iv_iron():
    start = AS_OF - timedelta(days=70)
    too_soon = lab("ferritin", 400, "ng/mL", start + timedelta(days=27))
    in_time = lab("ferritin", 300, "ng/mL", start + timedelta(days=28))
    iv = (therapy(IronRoute.IV, 70),)

    assert "gap.iron-recheck" in codes(snapshot(iron_therapies=iv, labs=(too_soon,)))
    assert "gap.iron-recheck" not in codes(snapshot(iron_therapies=iv, labs=(in_time,)))


def test_it_does_not_count_a_hemoglobin_as_an_iron_recheck():
    labs = (lab("hemoglobin", 140, "g/L", AS_OF - timedelta(days=10)),)

    assert "gap.iron-recheck" in codes(
        snapshot(iron_therapies=(therapy(IronRoute.ORAL, 100),), labs=labs)
    )


def test_it_names_the_therapy_and_the_due_date_in_the_evidence():
    result = finding(snapshot(iron_therapies=(therapy(IronRoute.IV, 60),)), "gap.iron-recheck")

    (evidence,) = result.evidence
    start = AS_OF - timedelta(days=60)
    assert evidence.ref == "med:3"
    assert evidence.text == (
        f"Ferrous sulfate 200 mg (IV) started {start.isoformat()}: no ferritin or TSAT since "
        f"{(start + timedelta(weeks=4)).isoformat()}, recheck was due by "
        f"{(start + timedelta(weeks=8)).isoformat()}"
    )
    assert result.source == "IRLSSG 2018 iron consensus"


def test_it_raises_findings_up_to_the_day_of_death_and_none_after():
    on_the_day = snapshot(date_of_death=AS_OF)
    the_day_before = snapshot(date_of_death=AS_OF - timedelta(days=1))

    assert codes(on_the_day) == {"gap.hemoglobin", "gap.iron-studies"}
    assert evaluate(the_day_before) == []
    assert evaluate(screened(POINTING, date_of_death=date(2020, 1, 1))) == []
