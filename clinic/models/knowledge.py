"""Local names: a clinic's own drug and condition names, mapped onto the knowledge base."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower

from clinic.models.base import Tracked
from rls import local_name_targets, protected_drug

MIN_NAME_LETTERS = 3
# Words of a medication line that are never a name: a local name made of them would match
# nearly every line ("mg" once matched "Lexapro 10mg" and "Ropinirole 0.5 mg" alike).
_UNITS = (
    "mg mcg ug µg g kg ml l dl iu units unit mmol meq tab tabs tablet tablets cap caps capsule "
    "capsules drop drops puff puffs patch patches spray sachet amp ampoule vial dose doses"
)
_STOPS = (
    "and or the for with per of in on to by at as a an x daily once twice bid tid qid qd od prn "
    "po iv im sc sl oral night nightly morning evening bedtime hs nocte mane before after take "
    "use apply needed retard sr xr er cr mr la forte plus syrup cream gel drug medication "
    "medicine tablet pill disease syndrome condition chronic acute"
)
UNIT_WORDS = frozenset(_UNITS.split())
STOP_WORDS = frozenset(_STOPS.split())
_WORDS = re.compile(r"[^\W\d_]+|\d+")


class LocalNameKind(models.TextChoices):
    MEDICATION = "medication", "Medication"
    CONDITION = "condition", "Condition"


def name_errors(name: str) -> list[str]:
    """Return why `name` cannot be a local name: too short, or only units, doses, common words."""
    words = _WORDS.findall(name.lower())
    if sum(ch.isalpha() for ch in name) < MIN_NAME_LETTERS:
        return [f"A local name needs at least {MIN_NAME_LETTERS} letters."]
    if all(w.isdigit() or w in UNIT_WORDS or w in STOP_WORDS for w in words):
        return [
            f"“{name}” is a unit, a dose or a common word, not a drug or condition name: "
            "it would match records it does not name."
        ]
    return []


class LocalName(Tracked):
    """A regional brand or local condition name; the engine reads these on every evaluation."""

    kind = models.CharField(max_length=12, choices=LocalNameKind.choices)
    name = models.CharField(max_length=120, help_text="As it appears in records, e.g. Cerucal")
    target = models.CharField(
        max_length=80,
        help_text="The generic drug, drug class or condition family this name stands for",
    )
    note = models.CharField(max_length=200, blank=True)
    overrides_knowledge_base = models.BooleanField(
        "map a name the knowledge base already knows",
        default=False,
        help_text="Only for a name this clinic really uses otherwise: the knowledge base knows "
        "it as an RLS treatment or a safer alternative.",
    )

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
        errors: dict[str, list[str]] = {}
        valid = {value for value, _label in local_name_targets(self.kind)} if self.kind else set()
        if self.target and self.target not in valid:
            errors["target"] = [f"{self.target!r} is not a known {self.kind or 'target'}."]
        if self.name:
            self.name = " ".join(self.name.split())
            if messages := name_errors(self.name):
                errors["name"] = messages
        known_as = protected_drug(self.name) if self.kind == LocalNameKind.MEDICATION else None
        if known_as and not self.overrides_knowledge_base and "name" not in errors:
            errors["overrides_knowledge_base"] = [
                f"The knowledge base knows “{self.name}” as {known_as}; mapping it to "
                f"{self.target} would change its findings. Tick the box only if this clinic "
                "really uses the name that way."
            ]
        if errors:
            raise ValidationError(errors)
