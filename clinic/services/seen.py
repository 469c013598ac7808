"""Remembering what a doctor saw when they opened a record, for "new since last seen"."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from clinic.models import Patient, RecordSeen, SeenFinding
from rls import Finding


def record_seen_update(
    *,
    user: Any,
    patient: Patient,
    findings: list[Finding],
    at: datetime,
    previously: dict[str, str] | None,
) -> None:
    """Note that `user` saw the record with these findings at `at`.

    `previously` is what they saw before (code -> fingerprint; None if never): the findings
    are rewritten only when they changed, so an ordinary visit costs one UPDATE.
    """
    now = {f.code: f.fingerprint() for f in findings}
    with transaction.atomic():
        if previously is None:
            seen = RecordSeen.objects.create(user=user, patient=patient, seen_at=at)
        else:
            RecordSeen.objects.filter(user=user, patient=patient).update(seen_at=at)
            if now == previously:
                return
            seen = RecordSeen.objects.get(user=user, patient=patient)
            seen.findings.all().delete()
        SeenFinding.objects.bulk_create(
            SeenFinding(seen=seen, code=code, fingerprint=fingerprint)
            for code, fingerprint in now.items()
        )
