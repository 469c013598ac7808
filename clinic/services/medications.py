"""Writes to medications, with the aggravating-drug warning confirmed before a line is saved."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

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


def medication_warnings(line: str, atc: str = "") -> list[DrugWarning]:
    """Return the aggravating-drug classes a medication line matches, one per class."""
    warnings: dict[str, DrugWarning] = {}
    for match in match_medication(line, atc=atc, local_names=load_local_names()):
        code = match.class_code
        if match.category == Category.AGGRAVATING_DRUG and code not in warnings:
            warnings[code] = DrugWarning(
                code=code,
                label=match.class_label,
                generic=match.name,
                alternatives=tuple(match.alternatives),
                advice=CODES[code].advice if code in CODES else "",
            )
    return list(warnings.values())


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
    patient: Patient, line: str, atc: str = "", *, exclude_pk: int | None = None
) -> list[DuplicateTherapy]:
    """Return the patient's active medications that the line repeats, by drug or by class."""
    mine = _identity(line, atc)
    others = Medication.objects.current().filter(patient=patient, status=MedicationStatus.ACTIVE)
    found = []
    for other in others.exclude(pk=exclude_pk) if exclude_pk else others:
        reason = _duplicate_reason(mine, _identity(other.line, other.atc))
        if reason:
            found.append(DuplicateTherapy(other.line, reason))
    return found


def _identity(line: str, atc: str) -> _Identity:
    matches = match_medication(line, atc=atc, local_names=load_local_names())
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
    *, patient: Patient, user: Any, confirmed_codes: Iterable[str] = (), **fields: Any
) -> Medication:
    """Add a medication; an aggravating one needs its warning confirmed, which is recorded."""
    medication = Medication(patient=patient, **fields)
    _record_confirmation(medication, user, set(confirmed_codes), already_confirmed=set())
    return entry_create(medication, user=user)


@transaction.atomic
def medication_update(
    *,
    medication: Medication,
    user: Any,
    expected_version: int,
    confirmed_codes: Iterable[str] = (),
    **fields: Any,
) -> Medication:
    """Change a medication line; a newly matched aggravating class needs confirming again."""
    ensure_not_entered_in_error(medication)
    draft = Medication(
        line=fields.get("line", medication.line),
        atc=fields.get("atc", medication.atc),
        warning_codes=medication.warning_codes,
        warning_confirmed_at=medication.warning_confirmed_at,
        warning_confirmed_by=medication.warning_confirmed_by,
    )
    already = set(filter(None, medication.warning_codes.split(",")))
    _record_confirmation(draft, user, set(confirmed_codes), already_confirmed=already)
    if draft.warning_codes != medication.warning_codes:
        fields |= {
            "warning_codes": draft.warning_codes,
            "warning_confirmed_at": draft.warning_confirmed_at,
            "warning_confirmed_by": draft.warning_confirmed_by,
        }
    return entry_update(medication, user=user, expected_version=expected_version, values=fields)


def _record_confirmation(
    medication: Medication, user: Any, confirmed: set[str], *, already_confirmed: set[str]
) -> None:
    """Refuse an unconfirmed aggravating line; stamp the confirmed codes, who and when."""
    codes = {w.code for w in medication_warnings(medication.line, medication.atc)}
    if codes - confirmed - already_confirmed:
        raise ValidationError({"confirm_warning": CONFIRM_MESSAGE})
    if not codes:
        medication.warning_codes = ""
        medication.warning_confirmed_at = None
        medication.warning_confirmed_by = None
    elif codes - already_confirmed:
        medication.warning_codes = ",".join(sorted(codes))
        medication.warning_confirmed_at = timezone.now()
        medication.warning_confirmed_by = user
