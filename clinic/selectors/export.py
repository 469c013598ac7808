"""The patient export: the record as the engine sees it, with its findings, as one JSON document.

`snapshot` and `findings` follow the `findings` command's contract, so an export can be fed
back to `manage.py findings` and will give the same findings. `allergies` are the ones the EHR
states, as the record page lists them: the engine does not read them, so they sit beside the
snapshot, not in it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from clinic.models import Allergy, Patient
from clinic.selectors.findings import patient_findings
from clinic.snapshots import build_snapshot
from rls import findings_to_json, snapshot_to_json

EXPORT_FORMAT = "ekbom.patient-export.v1"


def patient_export(patient: Patient, *, as_of: date, exported_by: str) -> dict[str, Any]:
    """Return the export document of a patient read with `record_patients` (rows prefetched)."""
    return {
        "format": EXPORT_FORMAT,
        "exported_on": as_of.isoformat(),
        "exported_by": exported_by,
        "patient": {
            "mrn": patient.mrn,
            "given_name": patient.given_name,
            "family_name": patient.family_name,
            "birth_date": patient.birth_date.isoformat(),
            "sex": patient.sex,
            "status": patient.status,
        },
        "allergies": [_allergy(allergy) for allergy in patient.allergies.all()],
        "snapshot": snapshot_to_json(build_snapshot(patient, as_of)),
        **findings_to_json(patient_findings(patient, as_of=as_of)),
    }


def _allergy(allergy: Allergy) -> dict[str, Any]:
    """One current allergy or intolerance; empty fields are "" (or null for the date)."""
    return {
        "substance": allergy.substance,
        "code": allergy.code,
        "category": allergy.category,
        "criticality": allergy.criticality,
        "status": allergy.status,
        "recorded_on": allergy.recorded_on.isoformat() if allergy.recorded_on else None,
        "reaction": allergy.reaction,
    }
