"""Acknowledging a finding: stored for good, valid only while the evidence is unchanged."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from clinic.formats import evidence_text
from clinic.models import FindingAcknowledgement, Patient
from clinic.selectors.findings import live_finding
from clinic.services.findings import lock_patients
from clinic.services.summaries import open_counts_update

EVIDENCE_CHANGED = (
    "The evidence behind this finding changed while you were reading it; "
    "review it again before acknowledging."
)


@transaction.atomic
def finding_acknowledge(
    *, patient: Patient, user: Any, code: str, fingerprint: str, reason: str, as_of: date
) -> FindingAcknowledgement:
    """Acknowledge a live finding as seen, with a reason; it reopens when its evidence changes."""
    # In turn with the patient's other writes: a findings refresh running alongside would
    # otherwise store open counts that miss this acknowledgement.
    lock_patients([patient.pk])
    finding = live_finding(patient, code, as_of=as_of)
    if finding is None:
        raise ValidationError("This finding no longer applies to the patient.")
    if finding.fingerprint() != fingerprint:
        raise ValidationError(EVIDENCE_CHANGED)
    acknowledgement = FindingAcknowledgement(
        patient=patient,
        code=code,
        fingerprint=fingerprint,
        reason=reason.strip(),
        acknowledged_by=user,
        evidence=[evidence_text(e) for e in finding.evidence],
    )
    acknowledgement.full_clean()
    acknowledgement.save()
    open_counts_update(patient.pk)
    return acknowledgement
