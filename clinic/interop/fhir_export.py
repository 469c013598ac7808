"""Export a patient as a FHIR R4 collection Bundle: the record, and its findings as DetectedIssues.

The record is all the engine reads: labs, conditions, medications, the pregnancy, the habits
(social-history Observations), RLS in the family (a FamilyMemberHistory), and the visits
(Encounters, with the IRLS total and the visit's answers as Observations of the Encounter);
and the allergies the EHR stated (AllergyIntolerances), which the engine does not read.

The bundle imports back with `import_fhir` (a collection bundle, each resource after its
Patient), and gives the same findings: the round trip is tested. Each resource is validated
by its fhir.resources model before it is written out.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fhir.resources.R4B import get_fhir_model_class

from clinic.interop.fhir_allergy import ALLERGY_CLINICAL, ALLERGY_VERIFICATION
from clinic.interop.fhir_history import (
    ALCOHOL_USE,
    CAFFEINE_INTAKE,
    DATA_ABSENT_REASON,
    DRINKER,
    EKBOM_FAMILY_HISTORY,
    EKBOM_OBSERVATION,
    FAMILY_MEMBER,
    NO_FAMILY_RLS,
    OBSERVATION_CATEGORY,
    RLS_ICD10,
    RLS_SNOMED,
    ROLE_CODE,
    SMOKER,
    SMOKING_STATUS,
    SMOKING_UNKNOWN,
    VISIT_ITEM_FIELDS,
)
from clinic.interop.fhir_read import ATC, ICD10_SYSTEMS, LOINC, MR_TYPE
from clinic.interop.ucum import UCUM, to_ucum
from clinic.models import Allergy, Condition, LabResult, Medication, Patient, VisitNote
from clinic.selectors.findings import patient_findings
from rls import ANALYTES, SNOMED_CT, TERM_DAYS, Finding

# Our finding codes (docs/findings.md) as a FHIR code system.
FINDING_SYSTEM = "urn:ekbom:finding-code"
MRN_SYSTEM = "urn:ekbom:mrn"
PREGNANCY_CONCEPT = ("77386006", "Pregnancy")
_SEVERITY = {"critical": "high", "warning": "moderate", "info": "low"}
_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"


def patient_bundle(patient: Patient, *, as_of: date) -> dict[str, Any]:
    """Return the FHIR Bundle of a patient prefetched with `with_snapshot_data`."""
    subject = f"Patient/{_id('patient', patient.pk)}"
    resources = [
        _patient(patient),
        *_pregnancy(patient, subject),
        *_family_history(patient, subject),
        *_habits(patient, subject),
        *(_observation(lab, subject) for lab in patient.labresults.all()),
        *(_condition(c, subject) for c in patient.conditions.all()),
        *(_medication(m, subject) for m in patient.medications.all()),
        # Prefetched current by the record page's read; a plain read holds the withdrawn too.
        *(_allergy(a, subject) for a in patient.allergies.all() if not a.is_entered_in_error),
    ]
    for visit in patient.visitnotes.all():
        resources += [_encounter(visit, subject), *_visit_items(visit, subject)]
    findings = patient_findings(patient, as_of=as_of)
    resources += [_detected_issue(f, subject, as_of) for f in findings]
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": f"{as_of.isoformat()}T00:00:00Z",
        "entry": [
            {"fullUrl": f"urn:ekbom:{r['resourceType']}/{r['id']}", "resource": _valid(r)}
            for r in resources
        ],
    }
    return _valid(bundle)


def _valid(resource: dict[str, Any]) -> dict[str, Any]:
    model = get_fhir_model_class(resource["resourceType"])
    return model.model_validate(resource).model_dump(mode="json", exclude_none=True)


def _id(kind: str, pk: int | None) -> str:
    return f"ekbom-{kind}-{pk}"


def _patient(patient: Patient) -> dict[str, Any]:
    return {
        "resourceType": "Patient",
        "id": _id("patient", patient.pk),
        "identifier": [
            {
                "type": {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/v2-0203",
                            "code": MR_TYPE,
                        }
                    ]
                },
                "system": MRN_SYSTEM,
                "value": patient.mrn,
            }
        ],
        "name": [{"use": "official", "family": patient.family_name, "given": [patient.given_name]}],
        "gender": patient.sex,
        "birthDate": patient.birth_date.isoformat(),
        **(
            {"deceasedDateTime": patient.date_of_death.isoformat()}
            if patient.date_of_death
            else {"deceasedBoolean": patient.status == "deceased"}
        ),
    }


def _pregnancy(patient: Patient, subject: str) -> list[dict[str, Any]]:
    """Return the current (or last) pregnancy as a Condition the import reads back."""
    due, delivered = patient.pregnancy_due_date, patient.last_delivery_date
    if due is None and delivered is None:
        return []
    concept, display = PREGNANCY_CONCEPT
    resource: dict[str, Any] = {
        "resourceType": "Condition",
        "id": _id("pregnancy", patient.pk),
        "clinicalStatus": _coded(_CLINICAL, "active" if due else "resolved"),
        "verificationStatus": _coded(_VERIFICATION, "confirmed"),
        "code": {"coding": [{"system": SNOMED_CT, "code": concept}], "text": display},
        "subject": {"reference": subject},
    }
    if due is not None:
        resource["onsetDateTime"] = (due - timedelta(days=TERM_DAYS)).isoformat()
    else:
        resource["abatementDateTime"] = delivered.isoformat() if delivered else None
    return [resource]


def _observation(lab: LabResult, subject: str) -> dict[str, Any]:
    analyte = ANALYTES[lab.analyte]
    return {
        "resourceType": "Observation",
        "id": _id("lab", lab.pk),
        "status": "final",
        "category": [
            _coded("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory")
        ],
        "code": {
            "coding": [{"system": LOINC, "code": lab.loinc or analyte.loinc[0]}],
            "text": analyte.label,
        },
        "subject": {"reference": subject},
        "effectiveDateTime": lab.collected_on.isoformat(),
        "valueQuantity": {
            "value": float(lab.value),
            "unit": lab.unit,
            "system": UCUM,
            "code": to_ucum(lab.unit),
        },
    }


def _condition(condition: Condition, subject: str) -> dict[str, Any]:
    coding = [{"system": ICD10_SYSTEMS[0], "code": condition.icd10}] if condition.icd10 else []
    resource: dict[str, Any] = {
        "resourceType": "Condition",
        "id": _id("condition", condition.pk),
        "clinicalStatus": _coded(_CLINICAL, condition.status),
        "verificationStatus": _coded(_VERIFICATION, "confirmed"),
        "code": {"coding": coding, "text": condition.name} if coding else {"text": condition.name},
        "subject": {"reference": subject},
    }
    if condition.onset_date:
        resource["onsetDateTime"] = condition.onset_date.isoformat()
    if condition.resolved_on:
        resource["abatementDateTime"] = condition.resolved_on.isoformat()
    return resource


def _medication(medication: Medication, subject: str) -> dict[str, Any]:
    concept: dict[str, Any] = {"text": medication.line}
    if medication.atc:
        concept["coding"] = [{"system": ATC, "code": medication.atc}]
    resource: dict[str, Any] = {
        "resourceType": "MedicationStatement",
        "id": _id("medication", medication.pk),
        "status": "active" if medication.status == "active" else "stopped",
        "medicationCodeableConcept": concept,
        "subject": {"reference": subject},
    }
    period = {
        key: day.isoformat()
        for key, day in (("start", medication.started_on), ("end", medication.stopped_on))
        if day
    }
    if period:
        resource["effectivePeriod"] = period
    dosage = " ".join(filter(None, [medication.dose, medication.frequency]))
    if dosage:
        resource["dosage"] = [{"text": dosage}]
    return resource


def _allergy(allergy: Allergy, subject: str) -> dict[str, Any]:
    concept: dict[str, Any] = {"text": allergy.substance}
    system, _, code = allergy.code.rpartition("|")
    if code:
        concept["coding"] = [{"system": system, "code": code} if system else {"code": code}]
    resource: dict[str, Any] = {
        "resourceType": "AllergyIntolerance",
        "id": _id("allergy", allergy.pk),
        "clinicalStatus": _coded(ALLERGY_CLINICAL, allergy.status),
        "verificationStatus": _coded(ALLERGY_VERIFICATION, "confirmed"),
        "code": concept,
        "patient": {"reference": subject},
    }
    if allergy.category:
        resource["category"] = [allergy.category]
    if allergy.criticality:
        resource["criticality"] = allergy.criticality
    if allergy.recorded_on:
        resource["recordedDate"] = allergy.recorded_on.isoformat()
    if allergy.reaction:
        # One manifestation carrying the reaction as Ekbom keeps it: the import reads it back.
        resource["reaction"] = [{"manifestation": [{"text": allergy.reaction}]}]
    return resource


def _detected_issue(finding: Finding, subject: str, as_of: date) -> dict[str, Any]:
    implicated = [_reference(e.ref) for e in finding.evidence if _reference(e.ref)]
    resource: dict[str, Any] = {
        "resourceType": "DetectedIssue",
        "id": f"ekbom-finding-{finding.code.replace('.', '-')}",
        "status": "final",
        "code": {
            "coding": [{"system": FINDING_SYSTEM, "code": finding.code, "display": finding.title}],
            "text": finding.title,
        },
        "severity": _SEVERITY[str(finding.severity)],
        "patient": {"reference": subject},
        "identifiedDateTime": as_of.isoformat(),
        "detail": " ".join(filter(None, [finding.title + ".", finding.advice, finding.source])),
    }
    if implicated:
        resource["implicated"] = implicated
    if finding.alternatives:
        resource["mitigation"] = [
            {"action": {"text": f"Consider instead: {', '.join(finding.alternatives)}"}}
        ]
    return resource


def _reference(ref: str) -> dict[str, str] | None:
    """Point at the exported resource behind a piece of evidence ("lab:12" → Observation)."""
    kind, _, pk = ref.partition(":")
    types = {
        "lab": "Observation",
        "condition": "Condition",
        "medication": "MedicationStatement",
        "visit": "Encounter",
    }
    if kind not in types or not pk.isdigit():
        return None
    return {"reference": f"{types[kind]}/{_id(kind, int(pk))}"}


def _coded(system: str, code: str) -> dict[str, Any]:
    return {"coding": [{"system": system, "code": code}]}


def _family_history(patient: Patient, subject: str) -> list[dict[str, Any]]:
    """Return RLS in the family (or its recorded absence); "unknown" has nothing to say."""
    answer = patient.family_history_rls
    if answer not in {"yes", "no"}:
        return []
    if answer == "yes":
        snomed, display = RLS_SNOMED
        coding = [
            {"system": SNOMED_CT, "code": snomed, "display": display},
            {"system": ICD10_SYSTEMS[0], "code": RLS_ICD10},
        ]
    else:
        code, display = NO_FAMILY_RLS
        coding = [{"system": EKBOM_FAMILY_HISTORY, "code": code, "display": display}]
    return [
        {
            "resourceType": "FamilyMemberHistory",
            "id": _id("family-history", patient.pk),
            "status": "completed",
            "patient": {"reference": subject},
            "relationship": _coded(ROLE_CODE, FAMILY_MEMBER),
            "condition": [{"code": {"coding": coding, "text": display}}],
        }
    ]


def _habits(patient: Patient, subject: str) -> list[dict[str, Any]]:
    """Return smoking, alcohol and caffeine as social-history Observations, each always written.

    A habit not recorded is written as unknown, so an updated export clears it on re-import.
    """
    smoking = SMOKER if patient.smokes else SMOKING_UNKNOWN
    return [
        _social_history(
            patient, subject, "smoking", (LOINC, *SMOKING_STATUS), _snomed_value(smoking)
        ),
        _social_history(
            patient,
            subject,
            "alcohol",
            (LOINC, *ALCOHOL_USE),
            _snomed_value(DRINKER) if patient.uses_alcohol else _unknown(),
        ),
        _social_history(
            patient,
            subject,
            "caffeine",
            (EKBOM_OBSERVATION, *CAFFEINE_INTAKE),
            {"valueBoolean": True} if patient.uses_caffeine else _unknown(),
        ),
    ]


def _social_history(
    patient: Patient, subject: str, habit: str, code: tuple[str, str, str], value: dict[str, Any]
) -> dict[str, Any]:
    system, concept, display = code
    return {
        "resourceType": "Observation",
        "id": _id(habit, patient.pk),
        "status": "final",
        "category": [_coded(OBSERVATION_CATEGORY, "social-history")],
        "code": {
            "coding": [{"system": system, "code": concept, "display": display}],
            "text": display,
        },
        "subject": {"reference": subject},
        **value,
    }


def _snomed_value(concept: tuple[str, str]) -> dict[str, Any]:
    code, display = concept
    coding = {"system": SNOMED_CT, "code": code, "display": display}
    return {"valueCodeableConcept": {"coding": [coding]}}


def _unknown() -> dict[str, Any]:
    return {"dataAbsentReason": _coded(DATA_ABSENT_REASON, "unknown")}


def _encounter(visit: VisitNote, subject: str) -> dict[str, Any]:
    return {
        "resourceType": "Encounter",
        "id": _id("visit", visit.pk),
        "status": "finished",
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"},
        "type": [{"text": "RLS visit"}],
        "subject": {"reference": subject},
        "period": {"start": visit.visit_date.isoformat()},
    }


def _visit_items(visit: VisitNote, subject: str) -> list[dict[str, Any]]:
    """Return the IRLS total and each answered question of a visit as Observations."""
    items = []
    for code, name in VISIT_ITEM_FIELDS.items():
        value = getattr(visit, name)
        if value is None:
            continue
        label = str(getattr(VisitNote._meta.get_field(name), "verbose_name", name))
        items.append(
            {
                "resourceType": "Observation",
                "id": f"{_id('visit', visit.pk)}-{code}",
                "status": "final",
                "category": [_coded(OBSERVATION_CATEGORY, "survey")],
                "code": {"coding": [{"system": EKBOM_OBSERVATION, "code": code}], "text": label},
                "subject": {"reference": subject},
                "encounter": {"reference": f"Encounter/{_id('visit', visit.pk)}"},
                "effectiveDateTime": visit.visit_date.isoformat(),
                "valueInteger" if name == "irls_score" else "valueBoolean": value,
            }
        )
    return items
