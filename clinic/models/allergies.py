"""A patient's allergies and intolerances: read-only facts kept as the clinic's EHR states them.

They come in with the FHIR import (AllergyIntolerance) and go out with the export; the record
page lists them beside the medications. The findings engine does not read them.
"""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from clinic.models.base import ClinicalEntry

SUBSTANCE_MAX_LENGTH = 200
CODE_MAX_LENGTH = 200
REACTION_MAX_LENGTH = 300


class AllergyCategory(models.TextChoices):
    """FHIR R4 allergy-intolerance-category."""

    MEDICATION = "medication", "Medication"
    FOOD = "food", "Food"
    ENVIRONMENT = "environment", "Environment"
    BIOLOGIC = "biologic", "Biologic"


class AllergyCriticality(models.TextChoices):
    """FHIR R4 allergy-intolerance-criticality."""

    LOW = "low", "Low"
    HIGH = "high", "High"
    UNABLE_TO_ASSESS = "unable-to-assess", "Unable to assess"


class AllergyStatus(models.TextChoices):
    """FHIR R4 allergyintolerance-clinical."""

    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    RESOLVED = "resolved", "Resolved"


class Allergy(ClinicalEntry):
    # Its own name for the reverse relation: "allergys" would read as a typo.
    patient = models.ForeignKey(
        "clinic.Patient", on_delete=models.PROTECT, related_name="allergies"
    )
    substance = models.CharField(max_length=SUBSTANCE_MAX_LENGTH)
    code = models.CharField(
        max_length=CODE_MAX_LENGTH,
        blank=True,
        help_text='The EHR\'s coding as "system|code", e.g. http://snomed.info/sct|91936005',
    )
    category = models.CharField(max_length=12, choices=AllergyCategory.choices, blank=True)
    criticality = models.CharField(max_length=16, choices=AllergyCriticality.choices, blank=True)
    status = models.CharField(
        "clinical status",
        max_length=8,
        choices=AllergyStatus.choices,
        default=AllergyStatus.ACTIVE,
    )
    recorded_on = models.DateField("recorded on", null=True, blank=True)
    reaction = models.CharField(max_length=REACTION_MAX_LENGTH, blank=True)

    CLINICAL_DATES = {"recorded_on": "recorded date"}

    class Meta(ClinicalEntry.Meta):
        verbose_name = "allergy or intolerance"
        verbose_name_plural = "allergies and intolerances"
        ordering = ["status", "substance", "pk"]
        constraints = [
            *ClinicalEntry.Meta.constraints,
            models.CheckConstraint(
                condition=~models.Q(substance=""),
                name="clinic_allergy_has_substance",
                violation_error_message="Substance: say what the patient reacts to.",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("substance"), SUBSTANCE_MAX_LENGTH),
                name="clinic_allergy_substance_length",
                violation_error_message=f"Substance: at most {SUBSTANCE_MAX_LENGTH} characters.",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("code"), CODE_MAX_LENGTH),
                name="clinic_allergy_code_length",
                violation_error_message=f"Code: at most {CODE_MAX_LENGTH} characters.",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("reaction"), REACTION_MAX_LENGTH),
                name="clinic_allergy_reaction_length",
                violation_error_message=f"Reaction: at most {REACTION_MAX_LENGTH} characters.",
            ),
        ]

    def __str__(self) -> str:
        return self.substance

    def get_absolute_url(self) -> str:
        return self.patient.get_absolute_url() + "#allergies"
