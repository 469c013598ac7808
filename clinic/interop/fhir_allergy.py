"""Translate an AllergyIntolerance into an Ekbom allergy: a read-only fact of the EHR's.

The codes are shared with the export, so what Ekbom writes it reads back.
"""

from __future__ import annotations

import re
from typing import Any

from clinic.interop.fhir_read import Refused, Row, Skip, first_code, optional_day
from clinic.models.allergies import (
    CODE_MAX_LENGTH,
    REACTION_MAX_LENGTH,
    SUBSTANCE_MAX_LENGTH,
    AllergyCategory,
    AllergyCriticality,
    AllergyStatus,
)

ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"
ALLERGY_VERIFICATION = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"
_VERIFICATION_KEPT = frozenset({"confirmed", "unconfirmed"})
_VERIFICATION_WITHDRAWN = frozenset({"entered-in-error", "refuted"})
_STATUSES = frozenset(AllergyStatus.values)
_CATEGORIES = frozenset(AllergyCategory.values)
_CRITICALITIES = frozenset(AllergyCriticality.values)


def allergy(resource: Any) -> Row | Skip:
    """Return the allergy row an AllergyIntolerance becomes, or why it does not count."""
    verification = first_code(resource.verificationStatus) or "confirmed"
    if verification in _VERIFICATION_WITHDRAWN:
        return Skip(f"verification status {verification}", withdraw=True)
    if verification not in _VERIFICATION_KEPT:
        raise Refused("AllergyIntolerance.verificationStatus", f"{verification!r} is not a status")
    status = first_code(resource.clinicalStatus) or AllergyStatus.ACTIVE
    if status not in _STATUSES:
        raise Refused("AllergyIntolerance.clinicalStatus", f"{status!r} is not a clinical status")
    categories = list(resource.category or [])
    category = str(categories[0]) if categories else ""
    if category and category not in _CATEGORIES:
        raise Refused("AllergyIntolerance.category", f"{category!r} is not a category")
    criticality = str(resource.criticality or "")
    if criticality and criticality not in _CRITICALITIES:
        raise Refused("AllergyIntolerance.criticality", f"{criticality!r} is not a criticality")
    substance, code = _substance(resource.code)
    return Row(
        "allergy",
        {
            "substance": substance,
            "code": code,
            "category": category,
            "criticality": criticality,
            "status": status,
            "recorded_on": optional_day(resource.recordedDate, "AllergyIntolerance.recordedDate"),
            "reaction": _reaction(resource.reaction or []),
        },
    )


def _substance(code: Any) -> tuple[str, str]:
    """Return what the patient reacts to, in words, and its first coding as "system|code"."""
    where = "AllergyIntolerance.code"
    if code is None:
        raise Refused(where, "an allergy needs a code naming its substance")
    name = code.text or next((c.display for c in code.coding or [] if c.display), "")
    name = re.sub(r"\s*\((substance|product|finding|disorder)\)$", "", (name or "").strip())
    if not name:
        raise Refused(where, "an allergy needs a text or a coding display naming its substance")
    coding = next((c for c in code.coding or [] if c.code), None)
    coded = "" if coding is None else "|".join(filter(None, [coding.system, coding.code]))
    return _fits(name, SUBSTANCE_MAX_LENGTH, f"{where}.text"), _fits(
        coded, CODE_MAX_LENGTH, f"{where}.coding"
    )


def _reaction(reactions: list[Any]) -> str:
    """Return the reactions in words: each one's manifestations, or its description."""
    texts = []
    for reaction in reactions:
        shown = [m.text or _display(m) for m in reaction.manifestation or []]
        text = ", ".join(s for s in shown if s) or (reaction.description or "")
        if text:
            texts.append(text.strip())
    return _fits("; ".join(texts), REACTION_MAX_LENGTH, "AllergyIntolerance.reaction")


def _display(concept: Any) -> str:
    return next((c.display for c in concept.coding or [] if c.display), "")


def _fits(value: str, limit: int, where: str) -> str:
    if len(value) > limit:
        raise Refused(where, f"longer than {limit} characters")
    return value
