"""Import FHIR R4 bundles through the validated services, one transaction per patient.

A resource is found again by its identity (FhirLink), so importing a bundle twice changes
nothing and an updated bundle updates rows. A bad resource refuses its whole patient, with
the resource, the field and the reason; the file's other patients still import. Imported
patients join the caseload of the doctor the import names, and a patient already in another
caseload is refused rather than shown to them.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from clinic.access import patients_for_user
from clinic.interop.bundles import Entry, PatientGroup, group_by_patient, read_entries
from clinic.interop.fhir_history import KEPT_TYPES, NOT_KEPT_REASONS, translate
from clinic.interop.fhir_medication import MedicationIndex
from clinic.interop.fhir_read import Refused, Row, Skip, parse
from clinic.models import (
    Allergy,
    ClinicalEntry,
    Condition,
    FhirLink,
    LabResult,
    Medication,
    Patient,
    RefreshReason,
    VisitNote,
)
from clinic.services import entries, medications, patients, records
from clinic.services.editing import StaleEditError
from clinic.services.findings import findings_refresh_deferred, findings_refresh_patients
from clinic.tasks import start_findings_refresh

EHR_ERROR_REASON = "Withdrawn by the EHR: the FHIR resource is now {why}."
_MODELS: dict[str, type[ClinicalEntry]] = {
    "lab": LabResult,
    "condition": Condition,
    "medication": Medication,
    "visit": VisitNote,
    "allergy": Allergy,
}
NO_VISIT_REASON = "no visit of this patient for the encounter it names"
MEDICATION_REASON = "read as the drug of the orders that name it"
# Up to this many changed patients, an import refreshes their stored findings before it
# reports; more run as background tasks.
REFRESHED_AT_ONCE = 200


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a patient's resources were not imported."""

    patient: str
    resource: str
    field: str
    reason: str

    def __str__(self) -> str:
        where = "" if self.resource == self.patient else f"{self.resource}, "
        return f"{self.patient}: {where}{self.field}: {self.reason}"


@dataclass
class ImportSummary:
    """What an import did: patients by outcome, resources kept and skipped by type and reason."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: list[Refusal] = field(default_factory=list)
    kept: Counter[str] = field(default_factory=Counter)
    skipped: Counter[tuple[str, str]] = field(default_factory=Counter)
    resources: int = 0
    findings: str = ""  # how the imported patients' stored findings were refreshed

    def lines(self) -> list[str]:
        """Return the summary as lines of text, refusals first."""
        out = [f"Refused {r}" for r in self.refused]
        out.append(
            f"Patients: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.refused)} refused."
        )
        out += [f"Kept {n} {kind}" for kind, n in sorted(self.kept.items())]
        out += [f"Skipped {n} {kind}: {why}" for (kind, why), n in sorted(self.skipped.items())]
        if self.findings:
            out.append(self.findings)
        return out


@dataclass
class _Tally:
    """One patient's counts, added to the summary only if the patient's transaction commits."""

    outcome: str = "unchanged"
    kept: Counter[str] = field(default_factory=Counter)
    skipped: Counter[tuple[str, str]] = field(default_factory=Counter)
    # Patient fields set after the entries: a pregnancy read from a condition, and the date of
    # death, which closes the record to further entries.
    late: dict[str, Any] = field(default_factory=dict)
    # Habits and the family history, each field with the precedence of the fact that set it
    # (the newest smoking status wins over older ones in the file, whatever their order).
    facts: dict[str, tuple[tuple[Any, ...], Any]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # field → the resource that set it

    def offer(self, row: Row, source: str) -> None:
        """Keep each field of a fact unless a fact of higher precedence set it already."""
        for name, value in row.fields.items():
            if name not in self.facts or row.precedence >= self.facts[name][0]:
                self.facts[name] = (row.precedence, value)
                self.sources[name] = source

    def late_fields(self) -> dict[str, Any]:
        return {name: value for name, (_, value) in self.facts.items()} | self.late


class FhirImporter:
    """Import bundles into `doctor`'s caseload, accumulating one summary across files."""

    def __init__(self, *, doctor: Any, at: datetime) -> None:
        self.doctor = doctor
        self.at = at  # when the import runs: its writes' moment and the findings' day
        self.changed: set[int] = set()  # patients whose stored findings are now out of date
        self.summary = ImportSummary()
        self.medications = MedicationIndex()

    def import_stream(self, stream: IO[bytes], on_entry: Callable[[], None] | None = None) -> None:
        """Import one bundle read from a binary stream (raises BundleError for a non-bundle)."""
        # A reference names a Medication of the same file: each file starts a new index.
        self.medications = MedicationIndex()
        entries = _counted(read_entries(stream), self.summary, on_entry)
        for item in group_by_patient(entries, self.medications):
            if isinstance(item, Entry):
                reason = (
                    MEDICATION_REASON if item.resource_type == "Medication" else "about no patient"
                )
                self.summary.skipped[(item.resource_type or "entry", reason)] += 1
            else:
                self._import_group(item)

    def refresh_findings(self) -> None:
        """Refresh the stored findings of every patient the import changed: once each.

        A small import (an upload of a few patients) is refreshed at once, so the caseload is
        right when the summary shows; a large one runs as background tasks, chunked so that
        several workers share it, and the admin's Findings refreshes page follows its progress.
        """
        patients = sorted(self.changed)
        self.changed = set()
        if not patients:
            return
        as_of = timezone.localdate(self.at)
        if len(patients) <= REFRESHED_AT_ONCE:
            findings_refresh_patients(patients, as_of=as_of)
            self.summary.findings = f"Stored findings refreshed for {len(patients)} patient(s)."
            return
        run = start_findings_refresh(patients, reason=RefreshReason.IMPORT, as_of=as_of)
        self.summary.findings = (
            f"Stored findings of {len(patients)} patients are being refreshed in the background "
            f"(run {run.pk}; see Findings refreshes in the admin)."
        )

    def _import_group(self, group: PatientGroup) -> None:
        tally = _Tally()
        try:
            # The writes note their patient rather than re-evaluate it after every resource:
            # `refresh_findings` re-evaluates each imported patient once, at the end.
            with transaction.atomic(), findings_refresh_deferred() as noted:
                patient = self._patient(group, tally)
                for entry in sorted(group.entries, key=_processing_order):
                    if entry.resource_type != "Patient":
                        self._entry(patient, entry, tally)
                self._apply_late_fields(patient, tally)
        except _PatientRefused as refused:
            self.summary.refused.append(refused.refusal)
            return
        self.changed |= noted
        setattr(self.summary, tally.outcome, getattr(self.summary, tally.outcome) + 1)
        self.summary.kept.update(tally.kept)
        self.summary.skipped.update(tally.skipped)

    def _patient(self, group: PatientGroup, tally: _Tally) -> Patient:
        entry = group.patient_entry
        if entry is None:
            return self._earlier_patient(group)
        with _refusing(group.key, entry):
            link = _link(entry)
            if link is not None and link.digest == _digest(entry.resource):
                tally.kept["Patient"] += 1
                return self._visible(link.patient, group.key, entry)
            fields = _row(entry).fields
            if (died := fields.pop("date_of_death")) is not None:
                tally.late["date_of_death"] = died
                tally.sources["date_of_death"] = "Patient.deceasedDateTime"
            patient = link.patient if link else Patient.objects.filter(mrn=fields["mrn"]).first()
            if patient is None:
                patient = patients.patient_create(user=self.doctor, at=self.at, **fields)
                tally.outcome = "created"
            else:
                patient = self._visible(patient, group.key, entry)
                patient = self._update_patient(patient, fields, tally)
            _save_link(entry, patient, patient.pk)
            tally.kept["Patient"] += 1
            return patient

    def _earlier_patient(self, group: PatientGroup) -> Patient:
        """Return the patient a run of entries refers to, imported before this run."""
        first = group.entries[0]
        link = FhirLink.objects.filter(
            resource_type="Patient", resource_id__in=[_bare_id(group.key), group.key]
        ).first()
        if link is None:
            raise _PatientRefused(
                Refusal(
                    group.key,
                    first.label,
                    "subject",
                    "the patient is not in the file "
                    "before this resource and was not imported before",
                )
            )
        return self._visible(link.patient, group.key, first)

    def _visible(self, patient: Patient, key: str, entry: Entry) -> Patient:
        if not patients_for_user(self.doctor).filter(pk=patient.pk).exists():
            raise _PatientRefused(
                Refusal(
                    key,
                    entry.label,
                    "Patient.identifier",
                    "this patient is in a caseload the importing doctor cannot see",
                )
            )
        return patient

    def _update_patient(self, patient: Patient, values: dict[str, Any], tally: _Tally) -> Patient:
        changed = {k: v for k, v in values.items() if getattr(patient, k) != v}
        if not changed:
            return patient
        if tally.outcome == "unchanged":  # a patient created by this import stays "created"
            tally.outcome = "updated"
        return patients.patient_update(
            patient=patient,
            user=self.doctor,
            at=self.at,
            expected_version=patient.version,
            **changed,
        )

    def _entry(self, patient: Patient, entry: Entry, tally: _Tally) -> None:
        kind = entry.resource_type
        if kind not in KEPT_TYPES:
            reason = NOT_KEPT_REASONS.get(kind, "not a resource type Ekbom keeps")
            tally.skipped[(kind or "entry", reason)] += 1
            return
        with _refusing(_key(patient), entry):
            link = _link(entry)
            if link is not None and link.patient_id != patient.pk:
                raise Refused("subject", "this resource was imported for another patient")
            digest = self._digest(entry)
            if link is not None and link.digest == digest:
                tally.kept[kind] += 1
                return
            result = translate(parse(entry.resource), self.medications)
            if isinstance(result, Skip):
                self._skip(patient, entry, link, result, tally, digest)
                return
            row_id = self._apply(patient, entry, result, link, tally)
            if row_id is None:
                tally.skipped[(kind, NO_VISIT_REASON)] += 1
                return
            if tally.outcome == "unchanged":
                tally.outcome = "updated"
            _save_link(entry, patient, row_id, digest)
            tally.kept[kind] += 1

    def _digest(self, entry: Entry) -> str:
        """Return the digest of a resource with the Medication it names in the file, if any."""
        # An order naming its drug by reference changes when the Medication it points to does.
        medication = self.medications.referenced(entry.resource)
        if medication is None:
            return _digest(entry.resource)
        return _digest({"resource": entry.resource, "medication": medication})

    def _skip(
        self,
        patient: Patient,
        entry: Entry,
        link: FhirLink | None,
        skip: Skip,
        tally: _Tally,
        digest: str,
    ) -> None:
        tally.skipped[(entry.resource_type, skip.reason)] += 1
        if link is None or not skip.withdraw or link.object_id is None:
            return
        if skip.undo is not None:
            self._undo(patient, entry, skip.undo, link, tally)
        else:
            row = _linked_row(link, _MODEL_BY_TYPE[link.resource_type])
            if row is not None and not row.is_entered_in_error:
                _withdraw(row, self.doctor, self.at, EHR_ERROR_REASON.format(why=skip.reason))
                tally.outcome = "updated"
        _save_link(entry, patient, link.object_id, digest)

    def _undo(
        self, patient: Patient, entry: Entry, undo: Row, link: FhirLink, tally: _Tally
    ) -> None:
        """Put back the fields a withdrawn habit, family history or visit answer had set."""
        tally.outcome = "updated"
        if undo.kind == "patient_fact":
            tally.offer(undo, entry.label)
            return
        note = _linked_row(link, VisitNote)
        if note is not None and not note.is_entered_in_error:
            _update(note, "visit", undo.fields, self.doctor, self.at)

    def _apply(
        self, patient: Patient, entry: Entry, row: Row, link: FhirLink | None, tally: _Tally
    ) -> int | None:
        """Write what a resource says; return the pk of the row it set (None: no such visit)."""
        if row.kind == "patient_fact":
            tally.offer(row, entry.label)
            return patient.pk
        if row.kind == "visit_item":
            return self._set_visit_item(patient, row)
        if row.pregnancy:
            tally.late.update(row.pregnancy)
            tally.sources.update(dict.fromkeys(row.pregnancy, entry.label))
        return self._write(patient, row, link)

    def _set_visit_item(self, patient: Patient, row: Row) -> int | None:
        note = _visit_of(patient, row.encounter)
        if note is None:
            return None
        changed = {k: v for k, v in row.fields.items() if getattr(note, k) != v}
        if changed:
            _update(note, "visit", changed, self.doctor, self.at)
        return note.pk

    def _write(self, patient: Patient, row: Row, link: FhirLink | None) -> int:
        """Create the row, or update the linked one; return its pk."""
        existing = _linked_row(link, _MODELS[row.kind]) if link is not None else None
        if existing is None or existing.is_entered_in_error:
            return _create(patient, row, self.doctor, self.at).pk
        changed = {k: v for k, v in row.fields.items() if getattr(existing, k) != v}
        if changed:
            _update(existing, row.kind, changed, self.doctor, self.at)
        return existing.pk

    def _apply_late_fields(self, patient: Patient, tally: _Tally) -> None:
        late = tally.late_fields()
        if not late:
            return
        fresh = Patient.objects.get(pk=patient.pk)
        try:
            self._update_patient(fresh, late, tally)
        except ValidationError as error:
            name, reason = _first_error(error)
            source = tally.sources.get(name) or next(iter(tally.sources.values()), "Patient")
            raise _PatientRefused(Refusal(_key(patient), source, name, reason)) from None


def _create(patient: Patient, row: Row, user: Any, at: datetime) -> ClinicalEntry:
    fields = row.fields
    if row.kind == "lab":
        return records.lab_result_create(patient=patient, user=user, at=at, **fields)
    if row.kind == "condition":
        return records.condition_create(patient=patient, user=user, at=at, **fields)
    if row.kind == "visit":
        return records.visit_note_create(patient=patient, user=user, at=at, **fields)
    if row.kind == "allergy":
        return records.allergy_create(patient=patient, user=user, at=at, **fields)
    # The EHR already prescribed it: the import records the warning as confirmed by the
    # importing doctor, and the finding stays on the record.
    decision = medications.medication_warning_decision(fields["line"], fields["atc"])
    return medications.medication_create(
        patient=patient,
        user=user,
        at=at,
        confirmed_codes=decision.codes,
        decision=decision,
        **fields,
    )


def _update(row: Any, kind: str, changed: dict[str, Any], user: Any, at: datetime) -> None:
    version = row.version
    if kind == "lab":
        records.lab_result_update(lab=row, user=user, at=at, expected_version=version, **changed)
    elif kind == "condition":
        records.condition_update(
            condition=row, user=user, at=at, expected_version=version, **changed
        )
    elif kind == "visit":
        records.visit_note_update(note=row, user=user, at=at, expected_version=version, **changed)
    elif kind == "allergy":
        records.allergy_update(allergy=row, user=user, at=at, expected_version=version, **changed)
    else:
        line, atc = changed.get("line", row.line), changed.get("atc", row.atc)
        decision = medications.medication_warning_decision(line, atc)
        medications.medication_update(
            medication=row,
            user=user,
            at=at,
            expected_version=version,
            confirmed_codes=decision.codes,
            decision=decision,
            **changed,
        )


def _withdraw(row: Any, user: Any, at: datetime, reason: str) -> None:
    entries.entry_mark_entered_in_error(entry=row, user=user, at=at, reason=reason)


class _PatientRefused(Exception):
    def __init__(self, refusal: Refusal) -> None:
        self.refusal = refusal
        super().__init__(str(refusal))


@contextmanager
def _refusing(patient: str, entry: Entry) -> Iterator[None]:
    """Turn a resource's Refused or a service's ValidationError into the patient's refusal."""
    try:
        yield
    except Refused as error:
        refusal = Refusal(patient, entry.label, error.field, error.reason)
        raise _PatientRefused(refusal) from None
    except ValidationError as error:
        name, reason = _first_error(error)
        refusal = Refusal(patient, entry.label, f"{entry.resource_type} {name}", reason)
        raise _PatientRefused(refusal) from None
    except StaleEditError as error:
        raise _PatientRefused(Refusal(patient, entry.label, "resource", str(error))) from None


def _first_error(error: ValidationError) -> tuple[str, str]:
    if hasattr(error, "error_dict"):
        name, messages = next(iter(error.message_dict.items()))
        return ("record" if name == "__all__" else name), " ".join(messages)
    return "record", " ".join(error.messages)


def _row(entry: Entry) -> Row:
    result = translate(parse(entry.resource))
    if isinstance(result, Skip):
        raise Refused(entry.resource_type, result.reason)
    return result


def _key(patient: Patient) -> str:
    return f"MRN {patient.mrn}"


def _resource_id(entry: Entry) -> str:
    return str(entry.resource.get("id") or entry.full_url or entry.label)


def _link(entry: Entry) -> FhirLink | None:
    return (
        FhirLink.objects.select_related("patient")
        .filter(resource_type=entry.resource_type, resource_id=_resource_id(entry))
        .first()
    )


def _save_link(entry: Entry, patient: Patient, object_id: int, digest: str = "") -> None:
    FhirLink.objects.update_or_create(
        resource_type=entry.resource_type,
        resource_id=_resource_id(entry),
        defaults={
            "patient": patient,
            "object_id": object_id,
            "digest": digest or _digest(entry.resource),
        },
    )


_MODEL_BY_TYPE: dict[str, type[ClinicalEntry]] = {
    "Observation": LabResult,
    "Condition": Condition,
    "MedicationRequest": Medication,
    "MedicationStatement": Medication,
    "Encounter": VisitNote,
    "AllergyIntolerance": Allergy,
}


def _linked_row(link: FhirLink, model: type[ClinicalEntry]) -> Any:
    return model.objects.filter(pk=link.object_id, patient_id=link.patient_id).first()


def _visit_of(patient: Patient, encounter: str) -> VisitNote | None:
    """Return the visit note imported from the Encounter a reference names, if kept."""
    link = FhirLink.objects.filter(
        resource_type="Encounter",
        resource_id__in=[_bare_id(encounter), encounter],
        patient=patient,
    ).first()
    if link is None or link.object_id is None:
        return None
    note = VisitNote.objects.filter(pk=link.object_id, patient=patient).first()
    return None if note is None or note.is_entered_in_error else note


def _bare_id(reference: str) -> str:
    """Return the id a reference ends with: "Encounter/7" and "urn:uuid:7" both name "7"."""
    return reference.rsplit("/", 1)[-1].removeprefix("urn:uuid:")


def _processing_order(entry: Entry) -> int:
    # A visit's answers name its Encounter, which must be a visit note before they land on it.
    return 0 if entry.resource_type == "Encounter" else 1


def _digest(resource: dict[str, Any]) -> str:
    text = json.dumps(resource, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _counted(
    entries: Iterator[Entry], summary: ImportSummary, on_entry: Callable[[], None] | None
) -> Iterator[Entry]:
    for entry in entries:
        summary.resources += 1
        if on_entry is not None:
            on_entry()
        yield entry
