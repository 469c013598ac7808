"""Where imported rows came from: the FHIR resource each one was made from."""

from __future__ import annotations

from django.db import models


class FhirLink(models.Model):
    """One imported FHIR resource and the Ekbom row it became (patient or clinical entry).

    A re-import finds the row by the resource's identity and compares the digest, so the same
    bundle twice changes nothing and an updated resource updates its row instead of adding one.
    """

    resource_type = models.CharField(max_length=40)
    resource_id = models.CharField(max_length=255, help_text="The FHIR id, or the fullUrl")
    patient = models.ForeignKey(
        "clinic.Patient", on_delete=models.PROTECT, related_name="fhir_links"
    )
    # The pk of the row in the model the resource type maps to (Patient, LabResult, ...).
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    digest = models.CharField(max_length=64, help_text="SHA-256 of the resource as imported")
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "imported FHIR resource"
        constraints = [
            models.UniqueConstraint(
                fields=["resource_type", "resource_id"],
                name="clinic_fhirlink_unique_resource",
                violation_error_message="This FHIR resource is already linked to a row.",
            ),
        ]
        indexes = [
            # The links of one patient's rows (export writes their ids back out).
            models.Index(fields=["patient", "resource_type"], name="clinic_fhirlink_patient_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.resource_type}/{self.resource_id}"


class HookCall(models.Model):
    """One call to the CDS Hooks service: who called which service, and what came of it.

    The audit trail of the service. It keeps nothing the hook sent about the patient: the
    service answers from the request alone and forgets it.
    """

    called_at = models.DateTimeField(auto_now_add=True)
    service = models.CharField(max_length=64)
    client = models.CharField(max_length=255, blank=True, help_text="The JWT issuer, once verified")
    hook_instance = models.CharField(max_length=100, blank=True)
    status = models.PositiveSmallIntegerField(help_text="The HTTP status answered")
    cards = models.PositiveSmallIntegerField(default=0)
    reason = models.CharField(max_length=300, blank=True, help_text="Why a call was refused")
    remote_addr = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = "CDS Hooks call"
        ordering = ["-called_at"]
        indexes = [
            # The admin's list of calls, newest first, filtered by service.
            models.Index(fields=["-called_at"], name="clinic_hookcall_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.status} at {self.called_at:%Y-%m-%d %H:%M:%S}"


class CdsTokenUse(models.Model):
    """A CDS Hooks token's `jti`, kept until the token expires so it is accepted only once.

    In the database rather than a process's memory: with several server processes, a token
    replayed to another worker must be refused there too. Rows past their expiry are pruned.
    """

    issuer = models.CharField(max_length=255)
    jti = models.CharField(max_length=255)
    expires_at = models.DateTimeField(help_text="When the token expires (with the clock leeway)")

    class Meta:
        verbose_name = "used CDS Hooks token"
        constraints = [
            # The replay check itself: a second insert of the same token fails, in any worker.
            models.UniqueConstraint(fields=["issuer", "jti"], name="clinic_cdstokenuse_unique_jti"),
        ]
        indexes = [
            # The pruning of expired rows (expires_at < now) on each call.
            models.Index(fields=["expires_at"], name="clinic_cdstokenuse_expiry_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.jti}"
