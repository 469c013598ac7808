"""Translate what a patient's history says: smoking, alcohol and caffeine, RLS in the family,
and the answers recorded at a visit (the IRLS total, the diagnostic criteria, augmentation);
allergies are fhir_allergy's.

These resources set fields of the patient or of a visit note rather than own a row: they
become a Row of kind "patient_fact" or "visit_item". Every other resource is fhir_read's.
The codes are shared with the export, so what Ekbom writes it reads back.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from clinic.interop import fhir_read
from clinic.interop.fhir_allergy import allergy
from clinic.interop.fhir_medication import MedicationIndex
from clinic.interop.fhir_read import (
    ICD10_SYSTEMS,
    LOINC,
    NEVER_COUNT,
    RESULT_STATUSES,
    Refused,
    Row,
    Skip,
    first_code,
    optional_day,
)
from clinic.models.records import AUGMENTATION_FIELDS, CRITERIA_FIELDS
from rls import SNOMED_CT

KEPT_TYPES = fhir_read.KEPT_TYPES | {"FamilyMemberHistory", "AllergyIntolerance"}
# Resource types Ekbom has no place for, with the reason the import summary gives (none yet
# more telling than "not a resource type Ekbom keeps").
NOT_KEPT_REASONS: dict[str, str] = {}

OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
DATA_ABSENT_REASON = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
FAMILY_MEMBER = "FAMMEMB"  # v3-RoleCode "family member": Ekbom records no particular relative
# Codes of ours, where no standard code says what Ekbom records (named at each use below).
EKBOM_OBSERVATION = "urn:ekbom:observation"
EKBOM_FAMILY_HISTORY = "urn:ekbom:family-history"

# Smoking: LOINC 72166-2 "Tobacco smoking status", the code of US Core's Smoking Status
# Observation, answered from the US Core Smoking Status value set (SNOMED CT). The current
# smokers' codes mean smoking; never, former and unknown mean Ekbom records no smoking.
SMOKING_STATUS = ("72166-2", "Tobacco smoking status")
CURRENT_SMOKER_CODES = frozenset(
    {"449868002", "428041000124106", "77176002", "428071000124103", "428061000124105"}
)
SMOKER = ("77176002", "Smoker, current status unknown")  # Ekbom's yes: smokes, how much unknown
SMOKING_UNKNOWN = ("266927001", "Unknown if ever smoked")  # Ekbom's no: not recorded as smoking

# Alcohol: LOINC 11331-6 "History of Alcohol use" (US Core's alcohol use status), answered in
# SNOMED CT: 219006 "Current drinker of alcohol", 228276006 "Occasional drinker" mean alcohol
# use. LOINC 74013-4 "Alcoholic drinks per day" (US Core's example) is read too: more than
# none a day is alcohol use.
ALCOHOL_USE = ("11331-6", "History of Alcohol use")
DRINKS_PER_DAY = "74013-4"
CURRENT_DRINKER_CODES = frozenset({"219006", "228276006"})
DRINKER = ("219006", "Current drinker of alcohol")

# Caffeine: neither LOINC nor US Core has a code for caffeine intake as a yes/no (LOINC's
# caffeine codes are drug levels in blood), so it is a code of ours, answered valueBoolean.
CAFFEINE_INTAKE = ("caffeine-intake", "Caffeine intake")

# Which Patient field each habit sets: (system, code) → field.
HABIT_FIELDS = {
    (LOINC, SMOKING_STATUS[0]): "smokes",
    (LOINC, ALCOHOL_USE[0]): "uses_alcohol",
    (LOINC, DRINKS_PER_DAY): "uses_alcohol",
    (EKBOM_OBSERVATION, CAFFEINE_INTAKE[0]): "uses_caffeine",
}

# RLS in the family: SNOMED CT 32914008 "Restless legs", ICD-10-CM G25.81 "Restless legs
# syndrome". FHIR R4 negates a family history with a "no history of …" code, and neither
# terminology has one for RLS: "none in the family" is a code of ours.
RLS_SNOMED = ("32914008", "Restless legs")
RLS_ICD10 = "G25.81"
NO_FAMILY_RLS = ("no-rls", "No family history of restless legs syndrome")
_FAMILY_STRENGTH = {"no": 0, "yes": 1}  # RLS in one relative outweighs its absence in another

# Visit answers: LOINC has no code for the IRLS (the IRLSSG rating scale) total nor for the
# IRLSSG 2014 criteria or the augmentation questions, so each is a code of ours, the visit
# note's field name with dashes ("irls-score", "criterion-urge", "aug-spread").
VISIT_ITEM_FIELDS = {
    name.replace("_", "-"): name for name in ("irls_score", *CRITERIA_FIELDS, *AUGMENTATION_FIELDS)
}


def translate(resource: Any, medications: MedicationIndex | None = None) -> Row | Skip:
    """Return what a parsed resource becomes (a history fact, or fhir_read's row), or why not."""
    kind = resource.get_resource_type()
    if kind == "FamilyMemberHistory":
        return _family_history(resource)
    if kind == "AllergyIntolerance":
        return allergy(resource)
    if kind == "Observation":
        if item := VISIT_ITEM_FIELDS.get(first_code(resource.code, EKBOM_OBSERVATION) or ""):
            return _visit_item(resource, item)
        if (habit := _habit_field(resource.code)) is not None:
            return _habit(resource, habit)
    return fhir_read.translate(resource, medications)


def _habit_field(code: Any) -> str | None:
    for coding in (code.coding if code else None) or []:
        if (found := HABIT_FIELDS.get((coding.system, coding.code))) is not None:
            return found
    return None


def _habit(observation: Any, name: str) -> Row | Skip:
    if observation.status in NEVER_COUNT:
        undo = Row("patient_fact", {name: False})
        return Skip(f"status {observation.status}", withdraw=True, undo=undo)
    if observation.status not in RESULT_STATUSES:
        raise Refused("Observation.status", f"{observation.status!r} is not an observation status")
    when = observation.effectiveDateTime or (
        observation.effectivePeriod.start if observation.effectivePeriod else None
    )
    day = optional_day(when, "Observation.effectiveDateTime") or date.min
    # The newest statement of a habit wins over older ones in the same file.
    return Row("patient_fact", {name: _habit_present(observation)}, precedence=(day,))


def _habit_present(observation: Any) -> bool:
    """Whether the observation says the habit is present; "unknown" is Ekbom's "not recorded"."""
    if observation.dataAbsentReason is not None:
        return False
    if observation.valueBoolean is not None:
        return bool(observation.valueBoolean)
    if observation.valueQuantity is not None and observation.valueQuantity.value is not None:
        return observation.valueQuantity.value > 0
    concept = observation.valueCodeableConcept
    if concept is None:
        raise Refused("Observation.value[x]", "a habit needs a value or a dataAbsentReason")
    answer = first_code(concept, SNOMED_CT) or ""
    return answer in CURRENT_SMOKER_CODES | CURRENT_DRINKER_CODES


def _family_history(history: Any) -> Row | Skip:
    if history.status == "entered-in-error":
        undo = Row("patient_fact", {"family_history_rls": "unknown"})
        return Skip("status entered-in-error", withdraw=True, undo=undo)
    if history.status == "health-unknown":
        return Skip("status health-unknown")
    answers = {_rls_answer(condition.code) for condition in history.condition or []}
    answers.discard(None)
    if not answers:
        return Skip("not about restless legs syndrome")
    answer = "yes" if "yes" in answers else "no"
    return Row(
        "patient_fact",
        {"family_history_rls": answer},
        precedence=(_FAMILY_STRENGTH[answer],),
    )


def _rls_answer(code: Any) -> str | None:
    if first_code(code, EKBOM_FAMILY_HISTORY) == NO_FAMILY_RLS[0]:
        return "no"
    if first_code(code, SNOMED_CT) == RLS_SNOMED[0]:
        return "yes"
    if any(first_code(code, system) == RLS_ICD10 for system in ICD10_SYSTEMS):
        return "yes"
    return None


def _visit_item(observation: Any, name: str) -> Row | Skip:
    encounter = observation.encounter.reference if observation.encounter else None
    if observation.status in NEVER_COUNT:
        undo = Row("visit_item", {name: None}, encounter=encounter or "")
        return Skip(f"status {observation.status}", withdraw=True, undo=undo)
    if observation.status not in RESULT_STATUSES:
        raise Refused("Observation.status", f"{observation.status!r} is not an observation status")
    if not encounter:
        raise Refused("Observation.encounter", "a visit answer needs the encounter it was given at")
    return Row("visit_item", {name: _item_value(observation, name)}, encounter=encounter)


def _item_value(observation: Any, name: str) -> int | bool:
    if name == "irls_score":
        if observation.valueInteger is None:
            raise Refused("Observation.valueInteger", "the IRLS total must be a whole number")
        return int(observation.valueInteger)
    if observation.valueBoolean is None:
        raise Refused("Observation.valueBoolean", "a visit answer must be yes or no")
    return bool(observation.valueBoolean)
