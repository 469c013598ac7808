"""What the engine returns: findings with their evidence, advice and source."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from rls.slots import slot_setters


class Category(StrEnum):
    SECONDARY_CAUSE = "secondary_cause"
    ASSOCIATED_CONDITION = "associated_condition"
    AGGRAVATING_DRUG = "aggravating_drug"
    TREATMENT_CAUTION = "treatment_caution"
    LIFESTYLE = "lifestyle"
    HEREDITARY = "hereditary"
    DATA_GAP = "data_gap"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


SEVERITY_RANK = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One fact from the snapshot that made a finding fire."""

    kind: str  # "medication", "condition", "lab", "patient" or "missing"
    text: str  # as the record has it: the medication line, condition name, "Ferritin 30 ng/mL"
    ref: str = ""  # the caller's handle from the snapshot row, if any
    date: date | None = None
    value: float | None = None  # labs: in the analyte's canonical unit
    unit: str = ""  # canonical unit of `value`
    threshold: str = ""  # human-readable limit crossed, e.g. "ferritin ≤ 75 µg/L"
    matched: str = ""  # what the knowledge base recognised: a generic, an ICD-10 family

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "ref": self.ref,
            "date": self.date.isoformat() if self.date else None,
            "value": self.value,
            "unit": self.unit,
            "threshold": self.threshold,
            "matched": self.matched,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    code: str  # stable (docs/findings.md); never renamed
    category: Category
    severity: Severity
    title: str
    evidence: tuple[Evidence, ...]
    advice: str
    alternatives: tuple[str, ...]
    source: str  # article section, or guideline and year

    def fingerprint(self) -> str:
        """Return a digest of the evidence, which changes when the facts behind the finding do."""
        parts = [
            f"{e.kind}|{e.ref}|{e.text}|{e.date}|{e.value}|{e.threshold}" for e in self.evidence
        ]
        return hashlib.sha256("\n".join([self.code, *sorted(parts)]).encode()).hexdigest()[:32]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "category": str(self.category),
            "severity": str(self.severity),
            "title": self.title,
            "evidence": [e.to_dict() for e in self.evidence],
            "advice": self.advice,
            "alternatives": list(self.alternatives),
            "source": self.source,
        }


# The engine builds a dozen findings and pieces of evidence a patient, a refresh of the clinic
# a million: `build_evidence` and `build_finding` set the slots of a new one directly
# (rls.slots; the same value as the constructor's, tested).
_EVIDENCE_SLOTS = slot_setters(
    Evidence, "kind", "text", "ref", "date", "value", "unit", "threshold", "matched"
)
_FINDING_SLOTS = slot_setters(
    Finding, "code", "category", "severity", "title", "evidence", "advice", "alternatives", "source"
)


def build_evidence(
    kind: str,
    text: str,
    ref: str = "",
    date: date | None = None,
    value: float | None = None,
    unit: str = "",
    threshold: str = "",
    matched: str = "",
) -> Evidence:
    """Return Evidence(...) of these fields, built faster (for the engine's rules)."""
    (
        set_kind,
        set_text,
        set_ref,
        set_date,
        set_value,
        set_unit,
        set_threshold,
        set_matched,
    ) = _EVIDENCE_SLOTS
    evidence = object.__new__(Evidence)
    set_kind(evidence, kind)
    set_text(evidence, text)
    set_ref(evidence, ref)
    set_date(evidence, date)
    set_value(evidence, value)
    set_unit(evidence, unit)
    set_threshold(evidence, threshold)
    set_matched(evidence, matched)
    return evidence


def build_finding(
    code: str,
    category: Category,
    severity: Severity,
    title: str,
    evidence: tuple[Evidence, ...],
    advice: str,
    alternatives: tuple[str, ...],
    source: str,
) -> Finding:
    """Return Finding(...) of these fields, built faster (for the engine)."""
    (
        set_code,
        set_category,
        set_severity,
        set_title,
        set_evidence,
        set_advice,
        set_alternatives,
        set_source,
    ) = _FINDING_SLOTS
    finding = object.__new__(Finding)
    set_code(finding, code)
    set_category(finding, category)
    set_severity(finding, severity)
    set_title(finding, title)
    set_evidence(finding, evidence)
    set_advice(finding, advice)
    set_alternatives(finding, alternatives)
    set_source(finding, source)
    return finding
