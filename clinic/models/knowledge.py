"""Local names: a clinic's own drug and condition names, mapped onto the knowledge base."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower

from clinic.models.base import Tracked
from rls import local_name_targets


class LocalNameKind(models.TextChoices):
    MEDICATION = "medication", "Medication"
    CONDITION = "condition", "Condition"


class LocalName(Tracked):
    """A regional brand or local condition name; the engine reads these on every evaluation."""

    kind = models.CharField(max_length=12, choices=LocalNameKind.choices)
    name = models.CharField(max_length=120, help_text="As it appears in records, e.g. Cerucal")
    target = models.CharField(
        max_length=80,
        help_text="The generic drug, drug class or condition family this name stands for",
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                "kind",
                Lower("name"),
                name="clinic_localname_unique_name_per_kind",
                violation_error_message="This name is already mapped for this kind.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.target}"

    def clean(self) -> None:
        valid = {value for value, _label in local_name_targets(self.kind)} if self.kind else set()
        if self.target and self.target not in valid:
            raise ValidationError(
                {"target": f"{self.target!r} is not a known {self.kind or 'target'}."}
            )
