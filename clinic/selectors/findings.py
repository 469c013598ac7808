"""Live findings: the engine's verdict on a patient's record as it stands on a given day."""

from __future__ import annotations

from datetime import date

import rls
from clinic.models import Patient
from clinic.snapshots import build_snapshot, load_local_names, with_snapshot_data
from rls import Finding, evaluate


def patient_findings(
    patient: Patient,
    *,
    as_of: date,
    local_names: tuple[rls.LocalName, ...] | None = None,
) -> list[Finding]:
    """Return the live findings for one patient (prefetched with `with_snapshot_data`)."""
    names = load_local_names() if local_names is None else local_names
    return evaluate(build_snapshot(patient, as_of), names)


def live_finding(patient: Patient, code: str, *, as_of: date) -> Finding | None:
    """Return the patient's live finding with this code, or None if it does not apply."""
    current = with_snapshot_data(Patient.objects.filter(pk=patient.pk)).get()
    return next((f for f in patient_findings(current, as_of=as_of) if f.code == code), None)
