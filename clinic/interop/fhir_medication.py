"""Find the Medication a MedicationRequest or MedicationStatement points to by reference.

FHIR R4 names the drug either as medicationCodeableConcept or as medicationReference, and
Epic and Synthea's US Core profile send references. A reference points to a Medication
contained in the resource ("#id"), to one elsewhere in the bundle (by its fullUrl or
"Medication/<id>"), or to one on the EHR's server, out of reach: then only the reference's
display may still name the drug (fhir_read decides that, and refuses what names nothing).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from pydantic import ValidationError as PydanticError

MEDICATION_TYPES = frozenset({"MedicationRequest", "MedicationStatement"})
# Medication resources remembered from one file. A file is streamed, so this is bounded: an
# order usually comes near its Medication, and past the limit the oldest are forgotten (an
# order naming one of them falls back to its reference's display).
MEDICATION_LIMIT = 10_000


class UnreadableMedication(Exception):
    """The Medication a reference points to is not a valid FHIR Medication."""

    def __init__(self, field_name: str, reason: str) -> None:
        self.field = field_name
        self.reason = reason
        super().__init__(f"{field_name}: {reason}")


class MedicationIndex:
    """The Medication resources of one file or one hook request, by the names a reference uses."""

    def __init__(self, limit: int = MEDICATION_LIMIT) -> None:
        self.limit = limit
        self._by_name: OrderedDict[str, dict[str, Any]] = OrderedDict()

    def add(self, resource: dict[str, Any], full_url: str = "") -> set[str]:
        """Remember a raw Medication under its names; return the names."""
        names = medication_names(resource, full_url)
        for name in names:
            self._by_name[name] = resource
            self._by_name.move_to_end(name)
        while len(self._by_name) > self.limit:
            self._by_name.popitem(last=False)
        return names

    def get(self, reference: str) -> dict[str, Any] | None:
        return self._by_name.get(reference)

    def __contains__(self, reference: object) -> bool:
        return reference in self._by_name

    def referenced(self, resource: dict[str, Any]) -> dict[str, Any] | None:
        """Return the raw Medication of this index a raw order points to, if any."""
        reference = outside_reference(resource)
        return None if reference is None else self.get(reference)


def medication_names(resource: dict[str, Any], full_url: str = "") -> set[str]:
    """Return the names a reference may use for a Medication: its fullUrl and Medication/<id>."""
    rid = resource.get("id")
    return {full_url, f"Medication/{rid}" if rid else ""} - {""}


def outside_reference(resource: dict[str, Any]) -> str | None:
    """Return a raw order's reference to a Medication outside it (not a "#contained" one)."""
    if resource.get("resourceType") not in MEDICATION_TYPES:
        return None
    ref = resource.get("medicationReference")
    reference = ref.get("reference") if isinstance(ref, dict) else None
    if not isinstance(reference, str) or not reference or reference.startswith("#"):
        return None
    return reference


def referenced_code(order: Any, medications: MedicationIndex) -> Any | None:
    """Return the code of the Medication a parsed order's reference points to (None: not found)."""
    reference = order.medicationReference.reference or ""
    if reference.startswith("#"):
        contained = (
            c
            for c in order.contained or []
            if c.get_resource_type() == "Medication" and c.id == reference[1:]
        )
        medication = next(contained, None)
        return medication.code if medication is not None else None
    raw = medications.get(reference)
    return None if raw is None else _parsed(raw).code


def _parsed(raw: dict[str, Any]) -> Any:
    try:
        return get_fhir_model_class("Medication").model_validate(raw)
    except PydanticError as error:
        first = error.errors()[0]
        where = ".".join(["Medication", *(str(part) for part in first["loc"])])
        raise UnreadableMedication(where, first["msg"].removeprefix("Value error, ")) from None
