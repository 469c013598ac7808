"""Translate one FHIR R4 resource into the fields of an Ekbom row, or say why it is not kept.

Parsing and structural validation are fhir.resources' (its R4B models read R4 resources: the
two agree on every element read here). What the models leave open (status codes, which coding
system, whether a unit belongs to the analyte) is checked here, naming the field at fault.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from pydantic import ValidationError as PydanticError

from clinic.interop.fhir_medication import MedicationIndex, UnreadableMedication, referenced_code
from clinic.interop.ucum import from_ucum
from rls import ANALYTE_BY_LOINC, PREGNANCY_CONCEPTS, SNOMED_BY_CONCEPT, SNOMED_CT, TERM_DAYS

LOINC = "http://loinc.org"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
ATC = "http://www.whocc.no/atc"
ICD10_SYSTEMS = ("http://hl7.org/fhir/sid/icd-10-cm", "http://hl7.org/fhir/sid/icd-10")
MR_TYPE = "MR"  # identifier type v2-0203 "Medical record number"

KEPT_TYPES = frozenset(
    {"Patient", "Observation", "Condition", "MedicationRequest", "MedicationStatement", "Encounter"}
)
# Statuses that mean the resource never counts, whatever else it says.
NEVER_COUNT = frozenset({"entered-in-error", "cancelled"})
RESULT_STATUSES = frozenset({"registered", "preliminary", "final", "amended", "corrected"})
_REQUEST_STATUSES: dict[str, str | None] = {
    "active": "active",
    "on-hold": "active",
    "unknown": "active",
    "stopped": "stopped",
    "completed": "stopped",
}
_STATEMENT_STATUSES = _REQUEST_STATUSES | {"intended": None, "not-taken": None}
_CLINICAL_ACTIVE = frozenset({"active", "recurrence", "relapse"})
_CLINICAL_RESOLVED = frozenset({"inactive", "remission", "resolved"})
_VERIFICATION_KEPT = frozenset({"confirmed", "provisional", "differential", "unconfirmed"})
_SEX = {"female": "female", "male": "male", "other": "other", "unknown": "unknown"}


class Refused(Exception):
    """A resource is wrong: the whole patient it belongs to is refused."""

    def __init__(self, field_name: str, reason: str) -> None:
        self.field = field_name
        self.reason = reason
        super().__init__(f"{field_name}: {reason}")


@dataclass(slots=True)
class Row:
    """The fields of the Ekbom row a resource becomes; `kind` names the model."""

    # "patient", "lab", "condition", "medication", "visit", "allergy"; or, for a resource that sets
    # fields of a row it does not own, "patient_fact" (a habit, the family history) and
    # "visit_item" (an answer recorded at the visit `encounter` names).
    kind: str
    fields: dict[str, Any]
    pregnancy: dict[str, Any] = field(default_factory=dict)  # patient fields a condition sets
    # Which of two facts about the same field wins within one import: the higher (the newer
    # smoking status, a family history of RLS over none).
    precedence: tuple[Any, ...] = ()
    encounter: str = ""  # a visit item's reference to its Encounter, as written


@dataclass(frozen=True, slots=True)
class Skip:
    """A well-formed resource Ekbom does not keep (or that no longer counts), and why."""

    reason: str
    withdraw: bool = False  # a resource that once counted and now must not (entered in error)
    # What withdrawing means for a resource that set fields rather than owned a row: the
    # fields put back (a withdrawn smoking status leaves smoking unrecorded).
    undo: Row | None = None


def parse(resource: dict[str, Any]) -> Any:
    """Validate a resource with its fhir.resources model; raise Refused naming the field."""
    resource_type = resource.get("resourceType")
    try:
        model = get_fhir_model_class(str(resource_type))
    except KeyError:
        raise Refused("resourceType", f"{resource_type!r} is not a FHIR resource type") from None
    try:
        return model.model_validate(resource)
    except PydanticError as error:
        first = error.errors()[0]
        where = ".".join([str(resource_type), *(str(part) for part in first["loc"])])
        raise Refused(where, first["msg"].removeprefix("Value error, ")) from None


def translate(resource: Any, medications: MedicationIndex | None = None) -> Row | Skip:
    """Return the Ekbom row a parsed resource becomes, or why it is skipped.

    `medications` holds the Medication resources an order's medicationReference may name.
    """
    kind = resource.get_resource_type()
    if kind == "MedicationRequest":
        return _medication_request(resource, medications or MedicationIndex())
    if kind == "MedicationStatement":
        return _medication_statement(resource, medications or MedicationIndex())
    return _TRANSLATORS[kind](resource)


def patient_reference(resource: dict[str, Any]) -> str | None:
    """Return the reference to the patient a raw resource is about, as written."""
    for key in ("subject", "patient"):
        ref = resource.get(key)
        if isinstance(ref, dict) and isinstance(ref.get("reference"), str):
            return ref["reference"]
    return None


def _patient(patient: Any) -> Row:
    name = _official_name(patient)
    if patient.birthDate is None:
        raise Refused("Patient.birthDate", "a birth date is required")
    deceased = bool(patient.deceasedBoolean) or patient.deceasedDateTime is not None
    return Row(
        "patient",
        {
            "mrn": _mrn(patient),
            "given_name": " ".join(name.given or [])[:100],
            "family_name": (name.family or "")[:100],
            "birth_date": full_day(patient.birthDate, "Patient.birthDate"),
            "sex": _SEX.get(patient.gender or "unknown", "unknown"),
            "status": "deceased" if deceased else "active",
            "date_of_death": optional_day(patient.deceasedDateTime, "Patient.deceasedDateTime"),
        },
    )


def _official_name(patient: Any) -> Any:
    names = patient.name or []
    for name in names:
        if name.use == "official":
            return name
    if not names:
        raise Refused("Patient.name", "a name is required")
    return names[0]


def _mrn(patient: Any) -> str:
    identifiers = [i for i in patient.identifier or [] if i.value]
    for identifier in identifiers:
        codings = identifier.type.coding if identifier.type and identifier.type.coding else []
        if any(c.code == MR_TYPE for c in codings):
            return _fits(identifier.value, 32, "Patient.identifier")
    if not identifiers:
        raise Refused("Patient.identifier", "no identifier to use as the medical record number")
    return _fits(identifiers[0].value, 32, "Patient.identifier")


def _observation(observation: Any) -> Row | Skip:
    if observation.status in NEVER_COUNT:
        return Skip(f"status {observation.status}", withdraw=True)
    if observation.status not in RESULT_STATUSES:
        raise Refused("Observation.status", f"{observation.status!r} is not an observation status")
    loinc = first_code(observation.code, LOINC)
    analyte = ANALYTE_BY_LOINC.get(loinc or "")
    if analyte is None:
        return Skip("not an analyte of the lab catalogue")
    quantity = observation.valueQuantity
    if quantity is None or quantity.value is None:
        return Skip("no numeric value")
    spelling = from_ucum(quantity.code or quantity.unit or "")
    unit = analyte.unit(spelling)
    if unit is None:
        raise Refused(
            "Observation.valueQuantity.unit",
            f"{quantity.code or quantity.unit!r} is not a unit of {analyte.label}",
        )
    when = observation.effectiveDateTime or (
        observation.effectivePeriod.start if observation.effectivePeriod else None
    )
    if when is None:
        when = observation.issued
    if when is None:
        raise Refused("Observation.effectiveDateTime", "a collection date is required")
    return Row(
        "lab",
        {
            "analyte": analyte.key,
            "loinc": loinc,
            "value": Decimal(str(quantity.value)),
            "unit": unit.symbol,
            "collected_on": full_day(when, "Observation.effectiveDateTime"),
        },
    )


def _condition(condition: Any) -> Row | Skip:
    verification = first_code(condition.verificationStatus) or "confirmed"
    if verification in {"entered-in-error", "refuted"}:
        return Skip(f"verification status {verification}", withdraw=True)
    if verification not in _VERIFICATION_KEPT:
        raise Refused("Condition.verificationStatus", f"{verification!r} is not a status")
    clinical = first_code(condition.clinicalStatus) or "active"
    resolved_on = optional_day(condition.abatementDateTime, "Condition.abatementDateTime")
    if clinical in _CLINICAL_ACTIVE and resolved_on is None:
        status = "active"
    elif clinical in _CLINICAL_ACTIVE | _CLINICAL_RESOLVED:
        status = "resolved"
    else:
        raise Refused("Condition.clinicalStatus", f"{clinical!r} is not a clinical status")
    name, icd10, snomed = _condition_code(condition.code)
    onset = optional_day(condition.onsetDateTime, "Condition.onsetDateTime")
    row = Row(
        "condition",
        {
            "name": name,
            "icd10": icd10,
            "onset_date": onset,
            "status": status,
            "resolved_on": resolved_on if status == "resolved" else None,
        },
    )
    if snomed in PREGNANCY_CONCEPTS:
        row.pregnancy = _pregnancy(onset, resolved_on if status == "resolved" else None)
    return row


def _condition_code(code: Any) -> tuple[str, str, str]:
    """Return the name, the ICD-10 code (given, or mapped from SNOMED CT) and the SNOMED code."""
    if code is None:
        raise Refused("Condition.code", "a condition needs a code or a text")
    icd10 = next((c for s in ICD10_SYSTEMS if (c := first_code(code, s))), "")
    snomed = first_code(code, SNOMED_CT) or ""
    if not icd10 and snomed in SNOMED_BY_CONCEPT:
        icd10 = SNOMED_BY_CONCEPT[snomed].icd10
    name = code.text or next((c.display for c in code.coding or [] if c.display), "")
    if not name:
        raise Refused("Condition.code", "a condition needs a text or a coding display")
    return _fits(_strip_tag(name), 200, "Condition.code.text"), icd10, snomed


def _pregnancy(onset: date | None, ended: date | None) -> dict[str, Any]:
    """Return the patient fields a pregnancy sets: its due date, or the date it ended."""
    if ended is not None:
        return {"pregnancy_due_date": None, "last_delivery_date": ended}
    if onset is None:
        raise Refused("Condition.onsetDateTime", "a current pregnancy needs its onset date")
    return {"pregnancy_due_date": onset + timedelta(days=TERM_DAYS)}


def _medication_request(request: Any, medications: MedicationIndex) -> Row | Skip:
    return _medication(
        request,
        "MedicationRequest",
        medications,
        _REQUEST_STATUSES,
        started=optional_day(request.authoredOn, "MedicationRequest.authoredOn"),
        stopped=None,
    )


def _medication_statement(statement: Any, medications: MedicationIndex) -> Row | Skip:
    period = statement.effectivePeriod
    start = statement.effectiveDateTime or (period.start if period else None)
    return _medication(
        statement,
        "MedicationStatement",
        medications,
        _STATEMENT_STATUSES,
        started=optional_day(start, "MedicationStatement.effectivePeriod.start"),
        stopped=optional_day(
            period.end if period else None, "MedicationStatement.effectivePeriod.end"
        ),
    )


def _medication(
    resource: Any,
    kind: str,
    medications: MedicationIndex,
    statuses: dict[str, str | None],
    *,
    started: date | None,
    stopped: date | None,
) -> Row | Skip:
    if resource.status == "entered-in-error":
        return Skip("status entered-in-error", withdraw=True)
    if resource.status not in statuses:
        if resource.status in {"draft", "cancelled"}:
            return Skip(f"status {resource.status}", withdraw=True)
        raise Refused(f"{kind}.status", f"{resource.status!r} is not a status Ekbom reads")
    status = statuses[resource.status]
    if status is None:
        return Skip(f"status {resource.status}", withdraw=True)
    line, atc = _drug(resource, kind, medications)
    return Row(
        "medication",
        {
            "line": line,
            "atc": atc,
            "started_on": started,
            "stopped_on": stopped if status == "stopped" else None,
            "status": status,
        },
    )


def _drug(resource: Any, kind: str, medications: MedicationIndex) -> tuple[str, str]:
    """Return the line and ATC code of the drug an order names, or refuse the order."""
    reference = resource.medicationReference
    if reference is None:
        concept = resource.medicationCodeableConcept
        if concept is None:
            raise Refused(
                f"{kind}.medication[x]", "a medication needs a coded concept or a reference"
            )
        where, why = f"{kind}.medicationCodeableConcept", "no text or display names the drug"
    else:
        where = f"{kind}.medicationReference"
        named_by = reference.reference or "no reference"
        why = f"no contained Medication, Medication in the bundle or display names it ({named_by})"
        try:
            concept = referenced_code(resource, medications)
        except UnreadableMedication as error:
            raise Refused(
                where, f"the Medication it names: {error.field}: {error.reason}"
            ) from None
    # The Medication's own name first; a reference's display only when it names nothing.
    named = (concept.text or _display(concept)) if concept is not None else ""
    line = named or (reference.display if reference is not None else "") or ""
    if not line:
        raise Refused(where, why)
    return _fits(line, 200, f"{where}.text"), first_code(concept, ATC) or ""


def _encounter(encounter: Any) -> Row | Skip:
    if encounter.status in NEVER_COUNT:
        return Skip(f"status {encounter.status}", withdraw=True)
    start = encounter.period.start if encounter.period else None
    if start is None:
        return Skip("no period start: no visit date")
    kinds = [t.text or _display(t) for t in encounter.type or []]
    what = ", ".join(k for k in kinds if k) or "Encounter"
    return Row(
        "visit",
        {
            "visit_date": full_day(start, "Encounter.period.start"),
            "text": f"{_strip_tag(what)} (EHR)",
        },
    )


def first_code(concept: Any, system: str | None = None) -> str | None:
    """Return the first code of a CodeableConcept in `system` (any system when None)."""
    if concept is None:
        return None
    for coding in concept.coding or []:
        if coding.code and (system is None or coding.system == system):
            return str(coding.code)
    return None


def _display(concept: Any) -> str:
    return next((c.display for c in concept.coding or [] if c.display), "")


def _strip_tag(text: str) -> str:
    """Drop a SNOMED semantic tag: "Anemia (disorder)" → "Anemia"."""
    return re.sub(r"\s*\((disorder|finding|procedure|situation)\)$", "", text.strip())


def _fits(value: str, limit: int, where: str) -> str:
    if len(value) > limit:
        raise Refused(where, f"longer than {limit} characters")
    return value


def full_day(value: Any, where: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise Refused(where, f"{value!r} is not a full date")


def optional_day(value: Any, where: str) -> date | None:
    return None if value is None else full_day(value, where)


_TRANSLATORS = {
    "Patient": _patient,
    "Observation": _observation,
    "Condition": _condition,
    "Encounter": _encounter,
}
