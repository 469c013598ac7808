"""Build FHIR R4 bundles in the shape Synthea writes: transaction bundles of urn:uuid entries.

Each builder returns a resource dict; `bundle` wraps resources as Synthea does (fullUrl
urn:uuid:<id>, request POST <type>) and adds the claim and billing resources Synthea writes
beside the clinical ones, which an import must skip.
"""

from __future__ import annotations

import itertools
import json
import uuid
from pathlib import Path
from typing import Any

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
UCUM = "http://unitsofmeasure.org"
ATC = "http://www.whocc.no/atc"
_ids = itertools.count(1)


def new_id() -> str:
    return str(uuid.UUID(int=next(_ids)))


def patient(
    pid: str, mrn: str, *, given="Maria", family="Lopez", sex="female", born="1971-03-14", **extra
) -> dict[str, Any]:
    return {
        "resourceType": "Patient",
        "id": pid,
        "meta": {"profile": ["http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient"]},
        "identifier": [
            {"system": "https://github.com/synthetichealth/synthea", "value": pid},
            {
                "type": {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/v2-0203",
                            "code": "MR",
                            "display": "Medical Record Number",
                        }
                    ],
                    "text": "Medical Record Number",
                },
                "system": "http://hospital.smarthealthit.org",
                "value": mrn,
            },
        ],
        "name": [{"use": "official", "family": family, "given": [given], "prefix": ["Mrs."]}],
        "gender": sex,
        "birthDate": born,
        "address": [{"city": "Boston", "state": "MA", "country": "US"}],
        **extra,
    }


def _subject(pid: str) -> dict[str, str]:
    return {"reference": f"urn:uuid:{pid}"}


def encounter(pid: str, start: str, *, text="General examination of patient (procedure)"):
    return {
        "resourceType": "Encounter",
        "id": new_id(),
        "status": "finished",
        "class": {
            "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
            "code": "AMB",
        },
        "type": [{"coding": [{"system": SNOMED, "code": "162673000", "display": text}]}],
        "subject": _subject(pid),
        "period": {"start": f"{start}T09:00:00-05:00", "end": f"{start}T09:30:00-05:00"},
    }


def condition(
    pid: str, code: str, display: str, onset: str, *, abated=None, system=SNOMED, **extra
):
    resource = {
        "resourceType": "Condition",
        "id": new_id(),
        "clinicalStatus": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                    "code": "resolved" if abated else "active",
                }
            ]
        },
        "verificationStatus": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                    "code": "confirmed",
                }
            ]
        },
        "category": [{"coding": [{"code": "encounter-diagnosis"}]}],
        "code": {"coding": [{"system": system, "code": code, "display": display}], "text": display},
        "subject": _subject(pid),
        "onsetDateTime": f"{onset}T10:00:00-05:00",
        "recordedDate": f"{onset}T10:00:00-05:00",
        **extra,
    }
    if abated:
        resource["abatementDateTime"] = f"{abated}T10:00:00-05:00"
    return resource


def observation(pid: str, loinc: str, display: str, value: float, unit: str, day: str, **extra):
    return {
        "resourceType": "Observation",
        "id": new_id(),
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "laboratory",
                    }
                ]
            }
        ],
        "code": {"coding": [{"system": LOINC, "code": loinc, "display": display}], "text": display},
        "subject": _subject(pid),
        "effectiveDateTime": f"{day}T10:00:00-05:00",
        "issued": f"{day}T10:00:00.000-05:00",
        "valueQuantity": {"value": value, "unit": unit, "system": UCUM, "code": unit},
        **extra,
    }


def medication_request(pid: str, rxnorm: str, display: str, authored: str, *, status="active"):
    return {
        "resourceType": "MedicationRequest",
        "id": new_id(),
        "status": status,
        "intent": "order",
        "medicationCodeableConcept": {
            "coding": [{"system": RXNORM, "code": rxnorm, "display": display}],
            "text": display,
        },
        "subject": _subject(pid),
        "authoredOn": f"{authored}T10:00:00-05:00",
    }


def medication(rxnorm: str, display: str, *, atc: str | None = None, mid: str | None = None):
    """A Medication resource, as Epic and Synthea's US Core profile write the drug of an order."""
    codings = [{"system": RXNORM, "code": rxnorm, "display": display}]
    if atc:
        codings.append({"system": ATC, "code": atc})
    return {
        "resourceType": "Medication",
        "id": mid or new_id(),
        "code": {"coding": codings, "text": display},
    }


def medication_request_by_reference(
    pid: str, reference: str, authored: str, *, display=None, contained=(), status="active"
):
    """A MedicationRequest naming its drug by medicationReference instead of a coded concept."""
    ref = {"reference": reference} | ({"display": display} if display else {})
    return {
        "resourceType": "MedicationRequest",
        "id": new_id(),
        "status": status,
        "intent": "order",
        **({"contained": list(contained)} if contained else {}),
        "medicationReference": ref,
        "subject": _subject(pid),
        "authoredOn": f"{authored}T10:00:00-05:00",
    }


def smoking_status(pid: str, snomed: str, display: str, day: str, **extra) -> dict[str, Any]:
    """A smoking status as Synthea writes it: LOINC 72166-2 answered in SNOMED CT."""
    return {
        "resourceType": "Observation",
        "id": new_id(),
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "social-history",
                    }
                ]
            }
        ],
        "code": {
            "coding": [{"system": LOINC, "code": "72166-2"}],
            "text": "Tobacco smoking status",
        },
        "subject": _subject(pid),
        "effectiveDateTime": f"{day}T10:00:00-05:00",
        "valueCodeableConcept": {
            "coding": [{"system": SNOMED, "code": snomed, "display": display}]
        },
        **extra,
    }


def family_history(pid: str, code: str, display: str, *, system=SNOMED, status="completed"):
    return {
        "resourceType": "FamilyMemberHistory",
        "id": new_id(),
        "status": status,
        "patient": _subject(pid),
        "relationship": {
            "coding": [
                {"system": "http://terminology.hl7.org/CodeSystem/v3-RoleCode", "code": "MTH"}
            ]
        },
        "condition": [{"code": {"coding": [{"system": system, "code": code, "display": display}]}}],
    }


def irls_total(pid: str, encounter_id: str, score: Any, day: str) -> dict[str, Any]:
    """An IRLS total in Ekbom's own code, recorded at the encounter named."""
    return {
        "resourceType": "Observation",
        "id": new_id(),
        "status": "final",
        "code": {"coding": [{"system": "urn:ekbom:observation", "code": "irls-score"}]},
        "subject": _subject(pid),
        "encounter": {"reference": f"urn:uuid:{encounter_id}"},
        "effectiveDateTime": day,
        "valueInteger": score,
    }


def allergy(pid: str, **extra: Any) -> dict[str, Any]:
    """A penicillin allergy in the shape Synthea writes; `extra` replaces or adds elements."""
    return {
        "resourceType": "AllergyIntolerance",
        "id": new_id(),
        "patient": _subject(pid),
        "code": {"coding": [{"system": SNOMED, "code": "91936005", "display": "Penicillin"}]},
    } | extra


def claim(pid: str) -> dict[str, Any]:
    return {
        "resourceType": "Claim",
        "id": new_id(),
        "status": "active",
        "type": {"coding": [{"code": "professional"}]},
        "use": "claim",
        "patient": _subject(pid),
        "created": "2025-01-01T10:00:00-05:00",
        "provider": {"display": "Clinic"},
        "priority": {"coding": [{"code": "normal"}]},
        "insurance": [{"sequence": 1, "focal": True, "coverage": {"display": "Medicare"}}],
    }


def organization() -> dict[str, Any]:
    return {"resourceType": "Organization", "id": new_id(), "name": "Boston Clinic"}


def bundle(*resources: dict[str, Any], kind: str = "transaction") -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": kind,
        "entry": [
            {
                "fullUrl": f"urn:uuid:{r['id']}",
                "resource": r,
                "request": {"method": "POST", "url": r["resourceType"]},
            }
            for r in resources
        ],
    }


def write(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def anemic_patient(mrn: str = "SYN-1") -> list[dict[str, Any]]:
    """A woman with anemia, CKD, diabetes, a sedating antihistamine, an SSRI, a stopped drug."""
    pid = new_id()
    return [
        patient(pid, mrn),
        organization(),
        encounter(pid, "2026-10-01"),
        condition(pid, "271737000", "Anemia (disorder)", "2025-02-01"),
        condition(pid, "433144002", "Chronic kidney disease stage 3 (disorder)", "2024-05-01"),
        condition(pid, "44054006", "Diabetes mellitus type 2 (disorder)", "2019-01-01"),
        observation(pid, "718-7", "Hemoglobin [Mass/volume] in Blood", 10.1, "g/dL", "2026-10-01"),
        observation(
            pid, "2276-4", "Ferritin [Mass/volume] in Serum or Plasma", 40, "ng/mL", "2026-10-01"
        ),
        observation(pid, "8302-2", "Body Height", 165.0, "cm", "2026-10-01"),
        medication_request(
            pid, "1049630", "Diphenhydramine Hydrochloride 25 MG Oral Tablet", "2026-09-01"
        ),
        medication_request(pid, "312940", "Sertraline 50 MG Oral Tablet", "2026-09-01"),
        medication_request(
            pid, "311670", "Metoclopramide 10 MG Oral Tablet", "2025-01-01", status="stopped"
        ),
        claim(pid),
    ]
