"""Small builders for snapshots, so each test states only the facts it is about."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from rls.engine import evaluate
from rls.findings import Finding
from rls.snapshot import (
    Condition,
    ConditionStatus,
    LabResult,
    LocalName,
    Medication,
    MedicationStatus,
    Snapshot,
)

AS_OF = date(2026, 11, 24)
RECENT = AS_OF - timedelta(days=30)


def snapshot(**fields: object) -> Snapshot:
    """Return a snapshot as of AS_OF with the given fields."""
    return Snapshot(as_of=fields.pop("as_of", AS_OF), **fields)  # type: ignore[arg-type]


def meds(*lines: str, status: MedicationStatus = MedicationStatus.ACTIVE) -> Snapshot:
    return snapshot(medications=tuple(Medication(line, status=status) for line in lines))


def conditions(
    *pairs: tuple[str, str], status: ConditionStatus = ConditionStatus.ACTIVE
) -> Snapshot:
    return snapshot(conditions=tuple(Condition(n, c, status=status) for n, c in pairs))


def lab(analyte: str, value: float, unit: str, when: date = RECENT, ref: str = "") -> LabResult:
    return LabResult(analyte, value, unit, when, ref=ref)


def codes(
    target: Snapshot | Iterable[Finding], local_names: tuple[LocalName, ...] = ()
) -> set[str]:
    """Return the finding codes for a snapshot (or a list of findings)."""
    findings = evaluate(target, local_names) if isinstance(target, Snapshot) else target
    return {f.code for f in findings}


def finding(target: Snapshot, code: str) -> Finding:
    """Return the one finding with this code, failing the test if there is none."""
    matches = [f for f in evaluate(target) if f.code == code]
    assert matches, f"no {code} finding"
    return matches[0]
