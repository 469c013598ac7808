"""The RLS knowledge base and findings engine: a patient snapshot in, findings out.

Pure Python: nothing in this package imports Django, so the rules can be tested and
benchmarked without a database, and every caller (pages, admin, commands, imports) gets its
findings from the same `evaluate` call.

This module is the front door: `clinic` imports what it needs from `rls` and from nowhere
deeper, so the engine's inner modules can change without touching the application.
"""

from rls.engine import (
    DrugMatch,
    clear_caches,
    evaluate,
    flagged_codes,
    match_condition,
    match_medication,
    medication_is_flagged,
)
from rls.findings import SEVERITY_RANK, Category, Evidence, Finding, Severity
from rls.irls import IRLS_MAX, irls_band
from rls.knowledge import CATEGORY_ORDER, CODES, CodeInfo, local_name_targets
from rls.knowledge.lab_thresholds import LabLimit
from rls.lab_rules import age_in_months, lab_limits_for, months_before
from rls.labs import ANALYTE_BY_LOINC, ANALYTES, Analyte, Unit, normalize_unit, to_canonical
from rls.pregnancy import TERM_DAYS, due_date_from_gestational_age, gestational_week, trimester
from rls.snapshot import (
    Condition,
    ConditionStatus,
    Habit,
    LabResult,
    LocalName,
    Medication,
    MedicationStatus,
    Pregnancy,
    Sex,
    Snapshot,
)
from rls.snapshot_json import SnapshotError, findings_to_json, parse_snapshot, snapshot_to_json

__all__ = [
    "ANALYTES",
    "ANALYTE_BY_LOINC",
    "CATEGORY_ORDER",
    "CODES",
    "IRLS_MAX",
    "SEVERITY_RANK",
    "TERM_DAYS",
    "Analyte",
    "Category",
    "CodeInfo",
    "Condition",
    "ConditionStatus",
    "DrugMatch",
    "Evidence",
    "Finding",
    "Habit",
    "LabLimit",
    "LabResult",
    "LocalName",
    "Medication",
    "MedicationStatus",
    "Pregnancy",
    "Severity",
    "Sex",
    "Snapshot",
    "SnapshotError",
    "Unit",
    "age_in_months",
    "clear_caches",
    "due_date_from_gestational_age",
    "evaluate",
    "findings_to_json",
    "flagged_codes",
    "gestational_week",
    "irls_band",
    "lab_limits_for",
    "local_name_targets",
    "match_condition",
    "match_medication",
    "medication_is_flagged",
    "months_before",
    "normalize_unit",
    "parse_snapshot",
    "snapshot_to_json",
    "to_canonical",
    "trimester",
]
