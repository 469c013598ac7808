"""The clinic's data model: patients and their clinical records, local names, stored findings."""

from clinic.models.allergies import Allergy, AllergyStatus
from clinic.models.base import ClinicalEntry, ClinicalEntryQuerySet, Tracked
from clinic.models.care_plan import CarePlanItem
from clinic.models.findings import (
    FindingAcknowledgement,
    FindingsRefresh,
    RecordSeen,
    RefreshReason,
    SeenFinding,
    StoredFinding,
)
from clinic.models.follow_up import Awaited, FollowUpTask
from clinic.models.interop import CdsTokenUse, FhirLink, HookCall
from clinic.models.knowledge import LocalName
from clinic.models.patients import (
    Patient,
    PatientQuerySet,
    gestational_week_from,
    recorded_habits,
)
from clinic.models.records import Condition, LabResult, Medication, VisitNote

__all__ = [
    "Allergy",
    "AllergyStatus",
    "Awaited",
    "CarePlanItem",
    "CdsTokenUse",
    "ClinicalEntry",
    "ClinicalEntryQuerySet",
    "Condition",
    "FhirLink",
    "FindingAcknowledgement",
    "FindingsRefresh",
    "FollowUpTask",
    "HookCall",
    "LabResult",
    "LocalName",
    "Medication",
    "Patient",
    "PatientQuerySet",
    "RecordSeen",
    "RefreshReason",
    "SeenFinding",
    "StoredFinding",
    "Tracked",
    "VisitNote",
    "gestational_week_from",
    "recorded_habits",
]
