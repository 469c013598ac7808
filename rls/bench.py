"""Measure findings-engine throughput on one core: `python -m rls.bench`.

A typical record has 10 medications, 8 conditions and 30 lab results; the large record is ten
times that. Cost should grow linearly with record size.
"""

from __future__ import annotations

import timeit
from datetime import date, timedelta

from rls.engine import clear_caches, evaluate
from rls.snapshot import (
    Condition,
    ConditionStatus,
    Habit,
    LabResult,
    LocalName,
    Medication,
    MedicationStatus,
    Sex,
    Snapshot,
)

AS_OF = date(2026, 11, 24)
_MEDICATIONS = (
    ("Reglan 10 mg tab PO TID", "A03FA01"),
    ("Sertraline HCl 50mg daily", ""),
    ("Losartan-HCTZ 50/12.5 mg", ""),
    ("Metformin ER 500 mg BID", "A10BA02"),
    ("Pramipexole 0.25 mg at night", ""),
    ("Atorvastatin 20 mg", "C10AA05"),
    ("Zofran ODT 4 mg PRN", ""),
    ("Levothyroxine 75 mcg", "H03AA01"),
    ("Gabapentin 300 mg TID", ""),
    ("Excedrin Migraine 2 tabs PRN", ""),
)
_CONDITIONS = (
    ("Type 2 diabetes mellitus", "E11.9"),
    ("Essential hypertension", "I10"),
    ("Hypothyroidism", "E03.9"),
    ("Restless legs syndrome", "G25.81"),
    ("CKD stage 3", ""),
    ("Osteoarthritis of knee", "M17.1"),
    ("Major depressive disorder", "F32.1"),
    ("Iron deficiency anemia", "D50.9"),
)
_LABS = (
    ("hemoglobin", 11.8, "g/dL"),
    ("ferritin", 42, "ng/mL"),
    ("transferrin_saturation", 18, "%"),
    ("hba1c", 53, "mmol/mol"),
    ("tsh", 2.1, "mIU/L"),
    ("egfr", 55, "mL/min/1.73 m2"),
    ("vitamin_b12", 310, "pg/mL"),
    ("folate", 12, "nmol/L"),
    ("vitamin_d", 45, "nmol/L"),
    ("creatinine", 110, "µmol/L"),
)


def sample_snapshot(scale: int = 1) -> Snapshot:
    """Return a realistic snapshot: 10 medications, 8 conditions and 30 labs per scale unit."""
    medications = tuple(
        Medication(f"{name} #{i}", atc, MedicationStatus.ACTIVE, ref=f"medication:{i}")
        for i, (name, atc) in enumerate(_MEDICATIONS * scale)
    )
    conditions = tuple(
        Condition(name, icd10, ConditionStatus.ACTIVE, ref=f"condition:{i}")
        for i, (name, icd10) in enumerate(_CONDITIONS * scale)
    )
    labs = tuple(
        LabResult(analyte, value, unit, AS_OF - timedelta(days=30 * i), ref=f"lab:{i}")
        for i, (analyte, value, unit) in enumerate(_LABS * 3 * scale)
    )
    return Snapshot(
        as_of=AS_OF,
        sex=Sex.FEMALE,
        birth_date=date(1962, 5, 17),
        family_history_rls=True,
        habits=frozenset({Habit.CAFFEINE}),
        conditions=conditions,
        medications=medications,
        labs=labs,
    )


def evaluations_per_second(
    snapshot: Snapshot, local_names: tuple[LocalName, ...], *, cold: bool = False
) -> float:
    """Return evaluations per second on this snapshot: the best of several timed runs.

    Warm: rows seen before are remembered, as when a page re-evaluates a record. Cold: every
    evaluation starts from forgotten rows (the compiled matchers are kept).
    """
    evaluate(snapshot, local_names)  # compile the matchers outside the timing
    number = max(1, 20_000 // (len(snapshot.medications) + len(snapshot.labs)))
    if cold:
        number = max(1, number // 10)

    def run() -> None:
        if cold:
            clear_caches()
        evaluate(snapshot, local_names)

    return number / min(timeit.repeat(run, number=number, repeat=7))


def main() -> None:
    """Print evaluations per second for a typical and a large record, warm and cold."""
    local_names = (LocalName("medication", "Nauseastop", "metoclopramide"),)
    print("RLS findings engine, one core (best of 7 runs)")
    rates = {}
    for label, scale in (("typical (10 meds, 8 conditions, 30 labs)", 1), ("large (10x)", 10)):
        for cold in (False, True):
            rate = evaluations_per_second(sample_snapshot(scale), local_names, cold=cold)
            rates[scale, cold] = rate
            mode = "cold" if cold else "warm"
            print(f"  {label:42} {mode}: {rate:>9,.0f} evaluations/s  ({1e6 / rate:7.1f} µs)")
    for cold in (False, True):
        mode = "cold" if cold else "warm"
        ratio = rates[1, cold] / rates[10, cold]
        print(f"  cost ratio large/typical, {mode}: {ratio:.1f} (10 = linear)")
    verdict = "met" if rates[1, False] >= 20_000 else "NOT met"
    print(f"  target ≥ 20,000 typical evaluations/s (warm): {verdict}")


if __name__ == "__main__":
    main()
