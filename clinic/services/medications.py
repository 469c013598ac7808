"""Writes to medications, with the aggravating-drug warning confirmed before a line is saved.

The warning is decided once per request: the form (workspace or admin) asks
`medication_warning_decision` and hands the decision to the service, which only decides again
if it was given none or one for another line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

import rls
from clinic.models import Medication, Patient
from clinic.models.records import MedicationStatus
from clinic.services.editing import ensure_not_entered_in_error
from clinic.services.entries import entry_create, entry_update
from clinic.snapshots import load_local_names
from rls import CODES, Category, match_medication

CONFIRM_MESSAGE = (
    "This medication aggravates RLS: tick the confirmation to add it anyway, "
    "or choose the safer alternative."
)


@dataclass(frozen=True, slots=True)
class DrugWarning:
    """What a medication line matched in the knowledge base, shown before it is saved."""

    code: str
    label: str
    generic: str
    alternatives: tuple[str, ...]
    advice: str = ""


@dataclass(frozen=True, slots=True)
class WarningDecision:
    """The aggravating-drug classes one medication line and ATC code match, decided once."""

    line: str
    atc: str
    warnings: tuple[DrugWarning, ...]
    # The local names it was decided with, for the findings refresh of the same request.
    local_names: tuple[rls.LocalName, ...]

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(w.code for w in self.warnings)

    def is_for(self, line: str, atc: str) -> bool:
        return (self.line, self.atc) == (line, atc)


def medication_warning_decision(
    line: str, atc: str = "", *, local_names: Sequence[rls.LocalName] | None = None
) -> WarningDecision:
    """Match a medication line against the knowledge base; one warning per aggravating class."""
    names = load_local_names() if local_names is None else tuple(local_names)
    warnings: dict[str, DrugWarning] = {}
    for match in match_medication(line, atc=atc, local_names=names):
        code = match.class_code
        if match.category == Category.AGGRAVATING_DRUG and code not in warnings:
            warnings[code] = DrugWarning(
                code=code,
                label=match.class_label,
                generic=match.name,
                alternatives=tuple(match.alternatives),
                advice=CODES[code].advice if code in CODES else "",
            )
    return WarningDecision(line, atc, tuple(warnings.values()), names)


def unconfirmed_codes(
    decision: WarningDecision, *, confirmed: Iterable[str], already: Iterable[str]
) -> set[str]:
    """Return the matched classes neither confirmed now nor confirmed for this line before."""
    return set(decision.codes) - set(confirmed) - set(already)


def medication_confirm(
    medication: Medication,
    *,
    user: Any,
    at: datetime,
    confirmed: Iterable[str],
    decision: WarningDecision | None = None,
) -> WarningDecision:
    """Refuse an unconfirmed aggravating line; stamp the confirmed codes, who and when.

    `medication` carries the line as it will be saved and the codes confirmed before. Returns
    the decision it went by (the one given, if it was for this line). `at`: when it is confirmed.
    """
    if decision is None or not decision.is_for(medication.line, medication.atc):
        decision = medication_warning_decision(medication.line, medication.atc)
    already = set(medication.warning_codes or [])
    if unconfirmed_codes(decision, confirmed=confirmed, already=already):
        raise ValidationError({"confirm_warning": CONFIRM_MESSAGE})
    if not decision.codes:
        medication.warning_codes = []
        medication.warning_confirmed_at = None
        medication.warning_confirmed_by = None
    elif decision.codes - already:
        medication.warning_codes = sorted(decision.codes)
        medication.warning_confirmed_at = at
        medication.warning_confirmed_by = user
    return decision


@dataclass(frozen=True, slots=True)
class DuplicateTherapy:
    """An active medication the new line repeats: the same drug, or another of its class."""

    other: str  # the other medication line, as written
    reason: str  # "the same drug (sertraline)", "the same class (SSRI)"


@dataclass(frozen=True, slots=True)
class _Identity:
    generics: frozenset[str]
    classes: frozenset[str]
    brand: str  # the line's first word, folded: "lasix" in "Lasix 40 mg"
    atc: str


def duplicate_therapies(
    patient: Patient,
    line: str,
    atc: str = "",
    *,
    exclude_pk: int | None = None,
    local_names: Sequence[rls.LocalName] | None = None,
) -> list[DuplicateTherapy]:
    """Return the patient's active medications that the line repeats, by drug or by class.

    `local_names`: those the request already read (a warning decision's), read once otherwise.
    """
    names = load_local_names() if local_names is None else tuple(local_names)
    mine = _identity(line, atc, names)
    others = Medication.objects.current().filter(patient=patient, status=MedicationStatus.ACTIVE)
    found = []
    for other in others.exclude(pk=exclude_pk) if exclude_pk else others:
        reason = _duplicate_reason(mine, _identity(other.line, other.atc, names))
        if reason:
            found.append(DuplicateTherapy(other.line, reason))
    return found


def _identity(line: str, atc: str, local_names: tuple[rls.LocalName, ...]) -> _Identity:
    matches = match_medication(line, atc=atc, local_names=local_names)
    words = line.split()
    return _Identity(
        generics=frozenset(m.generic for m in matches if m.generic),
        classes=frozenset(m.class_label for m in matches),
        brand=words[0].lower() if words else "",
        atc=atc.upper(),
    )


def _duplicate_reason(mine: _Identity, theirs: _Identity) -> str:
    same = sorted(mine.generics & theirs.generics)
    if same:
        return f"the same drug ({', '.join(same)})"
    if mine.atc and mine.atc == theirs.atc:
        return f"the same drug (ATC {mine.atc})"
    if not mine.generics and not theirs.generics and mine.brand and mine.brand == theirs.brand:
        return "the same drug name"
    classes = sorted(mine.classes & theirs.classes)
    if classes:
        return f"the same class ({', '.join(classes)})"
    # ATC's chemical subgroup (5 characters, e.g. N06AB: SSRIs) is a drug class of its own.
    if len(mine.atc) >= 5 and mine.atc[:5] == theirs.atc[:5]:
        return f"the same class (ATC {mine.atc[:5]})"
    return ""


@transaction.atomic
def medication_create(
    *,
    patient: Patient,
    user: Any,
    at: datetime,
    confirmed_codes: Iterable[str] = (),
    decision: WarningDecision | None = None,
    **fields: Any,
) -> Medication:
    """Add a medication; an aggravating one needs its warning confirmed, which is recorded."""
    medication = Medication(patient=patient, **fields)
    decision = medication_confirm(
        medication, user=user, at=at, confirmed=confirmed_codes, decision=decision
    )
    return entry_create(medication, user=user, at=at, local_names=decision.local_names)


@transaction.atomic
def medication_update(
    *,
    medication: Medication,
    user: Any,
    at: datetime,
    expected_version: int,
    confirmed_codes: Iterable[str] = (),
    decision: WarningDecision | None = None,
    **fields: Any,
) -> Medication:
    """Change a medication line; a newly matched aggravating class needs confirming again."""
    ensure_not_entered_in_error(medication)
    draft = Medication(
        line=fields.get("line", medication.line),
        atc=fields.get("atc", medication.atc),
        warning_codes=medication.warning_codes,
        warning_confirmed_at=medication.warning_confirmed_at,
        warning_confirmed_by_id=medication.warning_confirmed_by_id,
    )
    decision = medication_confirm(
        draft, user=user, at=at, confirmed=confirmed_codes, decision=decision
    )
    if draft.warning_codes != medication.warning_codes:
        fields |= {
            "warning_codes": draft.warning_codes,
            "warning_confirmed_at": draft.warning_confirmed_at,
            "warning_confirmed_by": draft.warning_confirmed_by,
        }
    return entry_update(
        medication,
        user=user,
        at=at,
        expected_version=expected_version,
        values=fields,
        local_names=decision.local_names,
    )
