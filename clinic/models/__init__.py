"""The clinic's data model: patients and their clinical records, local names, stored findings."""

from clinic.models.base import ClinicalEntry, ClinicalEntryQuerySet, Tracked
from clinic.models.findings import FindingAcknowledgement, StoredFinding
from clinic.models.knowledge import LocalName
from clinic.models.patients import Patient, PatientQuerySet
from clinic.models.records import Condition, LabResult, Medication, VisitNote

__all__ = [
    "ClinicalEntry",
    "ClinicalEntryQuerySet",
    "Condition",
    "FindingAcknowledgement",
    "LabResult",
    "LocalName",
    "Medication",
    "Patient",
    "PatientQuerySet",
    "StoredFinding",
    "Tracked",
    "VisitNote",
]
