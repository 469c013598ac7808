"""The caseload's per-patient summaries, stored on the patient and kept current by the writes.

The caseload sorts a doctor's whole caseload by open critical and warning findings, by IRLS
trend or by last visit on every page. Counted per patient in SQL, those sorts cost a subquery
per patient per column (40 of the triage page's 52 ms at 2,000 patients); stored here, they are
plain columns. Two writes keep them: the findings refresh that every record write runs
(`summaries_update`), and acknowledging a finding, which closes it without re-evaluating
(`open_counts_update`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Exists, F

from clinic.models import FindingAcknowledgement, Patient, StoredFinding
from clinic.models.lookups import AnyOf
from rls import Finding, Severity

# What `summaries_update` writes; the refresh loads these columns with the patients.
SUMMARY_FIELDS = (
    "stored_finding_count",
    "critical_finding_count",
    "warning_finding_count",
    "open_critical_count",
    "open_warning_count",
    "last_visit_on",
    "latest_irls_score",
    "previous_irls_score",
)

# code -> the fingerprints under which it was acknowledged (an acknowledgement holds only while
# the evidence is unchanged, i.e. for the fingerprint it was given for).
Acknowledged = dict[str, set[str]]


def summaries_update(evaluated: Sequence[tuple[Any, list[Finding], Iterable[Any]]]) -> None:
    """Store the evaluated patients' summaries where they changed (one query to read, one to write).

    `evaluated`: the patients (Patients or named rows, with pk and SUMMARY_FIELDS), their
    findings as just stored, and the current visits their snapshot was built from.
    """
    acknowledged = _acknowledged([patient.pk for patient, _, _ in evaluated])
    changed = []
    for patient, findings, visits in evaluated:
        summary = patient_summary(findings, visits, acknowledged.get(patient.pk, {}))
        if any(getattr(patient, name) != value for name, value in summary.items()):
            changed.append(Patient(pk=patient.pk, **summary))
    Patient.objects.bulk_update(changed, SUMMARY_FIELDS)


def open_counts_update(patient_pk: int) -> None:
    """Recount a patient's open findings from the stored ones, as after an acknowledgement."""
    acknowledged = FindingAcknowledgement.objects.of_stored_finding()
    stored = StoredFinding.objects.filter(patient_id=patient_pk).exclude(Exists(acknowledged))
    open_ = Counter(stored.values_list("severity", flat=True))
    Patient.objects.filter(pk=patient_pk).update(
        open_critical_count=open_[Severity.CRITICAL], open_warning_count=open_[Severity.WARNING]
    )


def patient_summary(
    findings: list[Finding], visits: Iterable[Any], acknowledged: Acknowledged
) -> dict[str, Any]:
    """Return the summary columns of one patient, in SUMMARY_FIELDS order."""
    critical = warning = open_critical = open_warning = 0
    # One pass, comparing with plain strings: a refresh summarises every patient, and counting
    # enum members by hash (a Counter) cost more than the rest of the summary.
    for finding in findings:
        severity = finding.severity
        if severity == _INFO:
            continue
        # A fingerprint costs a hash of the evidence: computed only where an acknowledgement
        # may match (an acknowledgement holds for the evidence it was given for).
        fingerprints = acknowledged.get(finding.code)
        is_open = not fingerprints or finding.fingerprint() not in fingerprints
        if severity == _CRITICAL:
            critical += 1
            open_critical += 1 if is_open else 0
        elif severity == _WARNING:
            warning += 1
            open_warning += 1 if is_open else 0
    latest, previous = _latest_irls(visits)
    return {
        "stored_finding_count": len(findings),
        "critical_finding_count": critical,
        "warning_finding_count": warning,
        "open_critical_count": open_critical,
        "open_warning_count": open_warning,
        "last_visit_on": max((v.visit_date for v in visits), default=None),
        "latest_irls_score": latest,
        "previous_irls_score": previous,
    }


_CRITICAL, _WARNING, _INFO = str(Severity.CRITICAL), str(Severity.WARNING), str(Severity.INFO)


def _latest_irls(visits: Iterable[Any]) -> tuple[int | None, int | None]:
    """The latest and the previous IRLS totals of these visits, by visit date, then entry."""
    scored = sorted((v.visit_date, v.pk, v.irls_score) for v in visits if v.irls_score is not None)
    latest = scored[-1][2] if scored else None
    previous = scored[-2][2] if len(scored) > 1 else None
    return latest, previous


def _acknowledged(patient_pks: list[int]) -> dict[int, Acknowledged]:
    acknowledgements = FindingAcknowledgement.objects.filter(AnyOf(F("patient_id"), patient_pks))
    rows = acknowledgements.values_list("patient_id", "code", "fingerprint")
    acknowledged: dict[int, Acknowledged] = defaultdict(lambda: defaultdict(set))
    for patient_pk, code, fingerprint in rows:
        acknowledged[patient_pk][code].add(fingerprint)
    return acknowledged
