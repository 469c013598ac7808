"""The RLS knowledge base and findings engine: a patient snapshot in, findings out.

Pure Python: nothing in this package imports Django, so the rules can be tested and
benchmarked without a database, and every caller (pages, admin, commands, imports) gets its
findings from the same `evaluate` call.

This module is the front door: `clinic` imports what it needs from `rls` and from nowhere
deeper, so the engine's inner modules can change without touching the application.
"""

from rls.engine import (
    DrugMatch,
    MedicationVerdict,
    clear_caches,
    evaluate,
    flagged_codes,
    match_condition,
    match_medication,
    medication_is_flagged,
    medication_verdicts,
    recognise_medication,
)
from rls.findings import SEVERITY_RANK, Category, Evidence, Finding, Severity
from rls.followup import points_to_augmentation, recheck_due_on
from rls.irls import IRLS_BAND_TOPS, IRLS_MAX, irls_band
from rls.knowledge import CATEGORY_ORDER, CODES, CodeInfo, local_name_targets, protected_drug
from rls.knowledge.care_plan import (
    CARE_MEASURE_BY_KEY,
    CARE_MEASURES,
    CareMeasure,
    suggested_replenishment,
)
from rls.knowledge.lab_thresholds import LabLimit
from rls.knowledge.snomed import PREGNANCY_CONCEPTS, SNOMED_BY_CONCEPT, SNOMED_CT, SnomedConcept
from rls.lab_rules import age_in_months, lab_limits_for, months_before
from rls.labs import ANALYTE_BY_LOINC, ANALYTES, Analyte, Unit, normalize_unit, to_canonical
from rls.match_drugs import APPROXIMATE, NOT_RECOGNISED, RECOGNISED, Verdict
from rls.pregnancy import (
    POST_TERM_GRACE_DAYS,
    TERM_DAYS,
    due_date_from_gestational_age,
    gestational_week,
    pregnancy_is_current,
    trimester,
)
from rls.slots import slot_setters
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
from rls.version import RULES_VERSION
from rls.visits import (
    AugmentationAnswers,
    CriteriaAnswers,
    CriteriaResult,
    CriteriaStatus,
    IronRoute,
    IronTherapy,
    Trend,
    Visit,
    criteria_status,
    irls_series,
    irls_trend,
    latest_criteria,
    latest_trend,
)
from rls.vocabulary import TERM_KINDS, Term, TermKind, suggest_terms

__all__ = [
    "ANALYTES",
    "ANALYTE_BY_LOINC",
    "APPROXIMATE",
    "CARE_MEASURES",
    "CARE_MEASURE_BY_KEY",
    "CATEGORY_ORDER",
    "CODES",
    "IRLS_BAND_TOPS",
    "IRLS_MAX",
    "NOT_RECOGNISED",
    "POST_TERM_GRACE_DAYS",
    "PREGNANCY_CONCEPTS",
    "RECOGNISED",
    "RULES_VERSION",
    "SEVERITY_RANK",
    "SNOMED_BY_CONCEPT",
    "SNOMED_CT",
    "TERM_DAYS",
    "TERM_KINDS",
    "Analyte",
    "AugmentationAnswers",
    "CareMeasure",
    "Category",
    "CodeInfo",
    "Condition",
    "ConditionStatus",
    "CriteriaAnswers",
    "CriteriaResult",
    "CriteriaStatus",
    "DrugMatch",
    "Evidence",
    "Finding",
    "Habit",
    "IronRoute",
    "IronTherapy",
    "LabLimit",
    "LabResult",
    "LocalName",
    "Medication",
    "MedicationStatus",
    "MedicationVerdict",
    "Pregnancy",
    "Severity",
    "Sex",
    "Snapshot",
    "SnapshotError",
    "SnomedConcept",
    "Term",
    "TermKind",
    "Trend",
    "Unit",
    "Verdict",
    "Visit",
    "age_in_months",
    "clear_caches",
    "criteria_status",
    "due_date_from_gestational_age",
    "evaluate",
    "findings_to_json",
    "flagged_codes",
    "gestational_week",
    "irls_band",
    "irls_series",
    "irls_trend",
    "lab_limits_for",
    "latest_criteria",
    "latest_trend",
    "local_name_targets",
    "match_condition",
    "match_medication",
    "medication_is_flagged",
    "medication_verdicts",
    "months_before",
    "normalize_unit",
    "parse_snapshot",
    "points_to_augmentation",
    "pregnancy_is_current",
    "protected_drug",
    "recheck_due_on",
    "recognise_medication",
    "slot_setters",
    "snapshot_to_json",
    "suggest_terms",
    "suggested_replenishment",
    "to_canonical",
    "trimester",
]
