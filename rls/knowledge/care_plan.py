"""The article's care plan: its non-drug measures and the replenishment it names.

The doctor ticks what was agreed with the patient; the patient handout explains each measure in
plain language. The handout wording is Ekbom's own, written for patients, not the article's.
A replenishment is suggested where a finding shows the lack (`shown_by`); magnesium has no lab
in Ekbom, so it is never suggested, only offered.
"""

from __future__ import annotations

from dataclasses import dataclass

from rls.knowledge.sources import ARTICLE_DRUGS, ARTICLE_NON_DRUG


@dataclass(frozen=True, slots=True)
class CareMeasure:
    key: str
    label: str  # for the doctor's checklist
    handout: str  # for the patient, in plain words
    kind: str  # "non-drug" or "replenishment"
    source: str
    shown_by: tuple[str, ...] = ()  # finding codes whose evidence shows the lack


def _measure(key: str, label: str, handout: str) -> CareMeasure:
    return CareMeasure(key, label, handout, "non-drug", ARTICLE_NON_DRUG)


def _replenish(key: str, label: str, handout: str, *shown_by: str) -> CareMeasure:
    return CareMeasure(key, label, handout, "replenishment", ARTICLE_DRUGS, shown_by)


CARE_MEASURES: tuple[CareMeasure, ...] = (
    _measure(
        "exercise",
        "Regular moderate exercise",
        "Move your body most days: a walk, cycling or swimming at a pace you can talk at. "
        "Avoid hard workouts late in the evening.",
    ),
    _measure(
        "evening-stroll",
        "Evening stroll",
        "Take a short, easy walk in the evening, an hour or two before bed.",
    ),
    _measure(
        "contrast-shower",
        "Evening contrast shower",
        "In the evening, shower your legs with warm and then cool water, a few times in turn.",
    ),
    _measure(
        "limit-caffeine",
        "Limit caffeine",
        "Cut down on coffee, strong tea, cola, energy drinks and chocolate, and have none "
        "after midday.",
    ),
    _measure(
        "limit-alcohol",
        "Limit alcohol",
        "Drink little or no alcohol. A drink may seem to calm your legs at first, but it makes "
        "the night worse later.",
    ),
    _measure(
        "stop-smoking",
        "Stop smoking",
        "Stopping smoking helps your legs and your sleep. Ask us about support to quit.",
    ),
    _measure(
        "sleep-schedule",
        "Regular sleep schedule",
        "Go to bed and get up at the same times every day, and sleep in a cool, quiet room.",
    ),
    _measure(
        "foot-bath-massage",
        "Warm foot baths and massage before bed",
        "Before bed, soak your feet in warm water or gently massage your legs to warm them.",
    ),
    _measure(
        "vibromassage",
        "Vibromassage",
        "Vibration massage of the legs, as shown to you at the clinic.",
    ),
    _measure(
        "magnetotherapy",
        "Magnetotherapy",
        "A course of magnetic field treatment (physiotherapy), as booked by the clinic.",
    ),
    _measure(
        "mud-applications",
        "Mud applications",
        "A course of therapeutic mud applications (physiotherapy), as booked by the clinic.",
    ),
    _replenish(
        "iron",
        "Iron replenishment",
        "Take the iron we agreed, as prescribed. We will check your blood again to see that "
        "it worked.",
        "cause.iron-deficiency",
        "cause.anemia",
    ),
    _replenish(
        "folic-acid",
        "Folic acid",
        "Take the folic acid we agreed, as prescribed.",
        "cause.hypovitaminosis",
    ),
    _replenish(
        "vitamins",
        "Vitamins (C, B, E)",
        "Take the vitamins we agreed, as prescribed.",
        "cause.hypovitaminosis",
    ),
    _replenish("magnesium", "Magnesium", "Take the magnesium we agreed, as prescribed."),
)
CARE_MEASURE_BY_KEY = {m.key: m for m in CARE_MEASURES}


def suggested_replenishment(finding_codes: set[str] | frozenset[str]) -> list[CareMeasure]:
    """Return the replenishments a patient's findings show a lack for."""
    return [m for m in CARE_MEASURES if set(m.shown_by) & finding_codes]
