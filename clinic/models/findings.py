"""Findings kept per patient, and doctors' acknowledgements of them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from clinic.formats import person_name
from clinic.models.checks import ChecksInOneQuery


class StoredFinding(models.Model):
    """A patient's current finding, refreshed with every change to the record.

    The record page evaluates live; this copy lets the caseload filter and sort by findings
    in the database instead of evaluating every patient on each request.
    """

    patient = models.ForeignKey(
        "clinic.Patient", on_delete=models.CASCADE, related_name="stored_findings"
    )
    code = models.CharField(max_length=64)
    category = models.CharField(max_length=32)
    severity = models.CharField(max_length=10)
    title = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)
    evaluated_on = models.DateField()

    class Meta:
        ordering = ["patient", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "code"], name="clinic_storedfinding_one_per_code"
            ),
        ]
        indexes = [
            # Caseload filters: patients having a finding of a category or code.
            models.Index(fields=["category", "patient"], name="clinic_finding_category_idx"),
            models.Index(fields=["code", "patient"], name="clinic_finding_code_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} for patient {self.patient_id}"


class FindingAcknowledgementQuerySet(models.QuerySet["FindingAcknowledgement"]):
    def of_stored_finding(self) -> FindingAcknowledgementQuerySet:
        """The acknowledgements of an outer stored finding as it now stands (for `Exists`).

        An acknowledgement holds only for the evidence it was given for: same patient, code
        and fingerprint.
        """
        return self.filter(
            patient=models.OuterRef("patient"),
            code=models.OuterRef("code"),
            fingerprint=models.OuterRef("fingerprint"),
        )


class FindingAcknowledgement(ChecksInOneQuery):
    """A doctor's acknowledgement of a finding, valid while its evidence is unchanged.

    Never updated or deleted: a newer acknowledgement supersedes an older one, and one whose
    fingerprint no longer matches the finding's evidence no longer collapses it.
    """

    patient = models.ForeignKey(
        "clinic.Patient", on_delete=models.PROTECT, related_name="finding_acknowledgements"
    )
    code = models.CharField(max_length=64)
    fingerprint = models.CharField(max_length=64)
    reason = models.TextField()
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(auto_now_add=True)
    # The evidence lines as the doctor saw them, so a reopened finding can say what changed.
    evidence = models.JSONField(default=list, blank=True, editable=False)

    objects = FindingAcknowledgementQuerySet.as_manager()

    class Meta:
        ordering = ["-acknowledged_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reason=""),
                name="clinic_acknowledgement_has_reason",
                violation_error_message="Reason: say why the finding is acknowledged.",
            ),
        ]
        indexes = [
            # The latest acknowledgement per code for one patient (record page).
            models.Index(
                fields=["patient", "code", "-acknowledged_at"], name="clinic_ack_latest_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} acknowledged by {person_name(self.acknowledged_by)}"

    def get_additional_data(self) -> dict[str, int]:
        """Tag this acknowledgement's audit-trail entries with its patient."""
        return {"patient_id": self.patient_id}


class RefreshReason(models.TextChoices):
    DAILY = "daily", "daily (time alone changes findings)"
    RULES = "rules", "findings rules changed"
    LOCAL_NAMES = "local-names", "local name changed"
    IMPORT = "import", "patients imported"
    MANUAL = "manual", "run by hand"


class FindingsRefresh(models.Model):
    """One run of the stored-findings refresh: what started it, how far it got, when it ended.

    The work is split into chunks of patients run as tasks; each chunk adds its patients to
    `patients_done` in the same transaction as their findings, so the count is exact even when
    a chunk is retried.
    """

    reason = models.CharField(max_length=16, choices=RefreshReason.choices)
    as_of = models.DateField(help_text="The date the findings were evaluated on.")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    patients_total = models.PositiveIntegerField()
    patients_done = models.PositiveIntegerField(default=0)
    rules_version = models.CharField(
        max_length=16,
        blank=True,
        help_text="The findings rules the run evaluated with (rls.RULES_VERSION); blank before "
        "they were recorded.",
    )

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name_plural = "findings refreshes"
        indexes = [models.Index(fields=["reason", "as_of"], name="clinic_refresh_reason_idx")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} refresh started {self.started_at:%Y-%m-%d %H:%M}"


class RecordSeen(models.Model):
    """When a doctor last opened a patient's record: the caseload's "new since last seen"."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    patient = models.ForeignKey(
        "clinic.Patient", on_delete=models.CASCADE, related_name="record_seen"
    )
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "patient"], name="clinic_recordseen_one_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"Patient {self.patient_id} seen by {person_name(self.user)}"


class SeenFinding(models.Model):
    """A finding as a doctor saw it when they last opened the record; another fingerprint is new."""

    seen = models.ForeignKey(RecordSeen, on_delete=models.CASCADE, related_name="findings")
    code = models.CharField(max_length=64)
    fingerprint = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["seen", "code"], name="clinic_seenfinding_one_per_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} as seen"
