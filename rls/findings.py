"""What the engine returns: findings with their evidence, advice and source."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any


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
