"""Read a FHIR Bundle entry by entry, and group the entries by the patient they are about.

ijson parses the file as a stream, so a 50 MB bundle costs the memory of one patient's
entries, not of the whole document. Exporters (Synthea, bulk data, our own export) write a
patient's resources together; entries are grouped while they keep naming the same patient.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

import ijson

from clinic.interop.fhir_medication import MedicationIndex, outside_reference
from clinic.interop.fhir_read import patient_reference

BUNDLE_TYPES = frozenset({"transaction", "batch", "collection", "searchset"})


class BundleError(Exception):
    """The file is not a FHIR Bundle Ekbom reads; nothing in it was imported."""


@dataclass(slots=True)
class Entry:
    """One resource of the bundle with the names other entries may use for it."""

    resource: dict[str, Any]
    full_url: str
    position: int

    @property
    def resource_type(self) -> str:
        return str(self.resource.get("resourceType", ""))

    @property
    def identity(self) -> str:
        """Return "Type/id", or the fullUrl for a resource without an id."""
        rid = self.resource.get("id")
        return f"{self.resource_type}/{rid}" if rid else self.full_url or f"#{self.position}"

    @property
    def label(self) -> str:
        return self.identity if self.resource.get("id") else f"entry {self.position}"


@dataclass(slots=True)
class PatientGroup:
    """A patient's entries that came together in the file (the Patient itself may be absent)."""

    key: str  # the Patient's identity
    entries: list[Entry] = field(default_factory=list)

    @property
    def patient_entry(self) -> Entry | None:
        return next((e for e in self.entries if e.resource_type == "Patient"), None)

    def medications_missing(self, medications: MedicationIndex) -> set[str]:
        """Return the references of this group's orders to Medications not read yet."""
        references = (outside_reference(e.resource) for e in self.entries)
        return {r for r in references if r is not None and r not in medications}


def read_entries(stream: IO[bytes]) -> Iterator[Entry]:
    """Yield the bundle's entries one at a time; raise BundleError for what is not a bundle."""
    try:
        yield from _entries(stream)
    except ijson.JSONError as error:
        raise BundleError(f"not valid JSON ({error})") from None


_DEPTH = {"start_map": 1, "start_array": 1, "end_map": -1, "end_array": -1}


def _entries(stream: IO[bytes]) -> Iterator[Entry]:
    """Walk the parser's events, checking the bundle's header and building each entry."""
    builder: ijson.ObjectBuilder | None = None
    depth = position = 0
    for prefix, event, value in ijson.parse(stream, use_float=True):
        if builder is not None:
            builder.event(event, value)
            depth += _DEPTH.get(event, 0)
            if depth == 0:
                position += 1
                yield _entry(builder.value, position)
                builder = None
        elif prefix == "resourceType" and value != "Bundle":
            raise BundleError(f"resourceType: {value!r}, expected 'Bundle'")
        elif prefix == "type" and value not in BUNDLE_TYPES:
            raise BundleError(f"type: {value!r}, expected one of {', '.join(sorted(BUNDLE_TYPES))}")
        elif prefix == "entry.item" and event == "start_map":
            builder = ijson.ObjectBuilder()
            builder.event(event, value)
            depth = 1


def _entry(raw: Any, position: int) -> Entry:
    resource = raw.get("resource") if isinstance(raw, dict) else None
    full_url = raw.get("fullUrl", "") if isinstance(raw, dict) else ""
    return Entry(resource if isinstance(resource, dict) else {}, str(full_url or ""), position)


# Entries held for patients the file has not reached yet, or for the Medication resources their
# orders name that the file has not reached yet. A patient's resources usually come together,
# so this holds one patient's (a Synthea patient: a few thousand); past it, the oldest run goes
# on alone: refused if its patient never came before, its orders named by their display if
# their Medication never came.
PENDING_LIMIT = 20_000


def group_by_patient(
    entries: Iterator[Entry], medications: MedicationIndex | None = None
) -> Iterator[PatientGroup | Entry]:
    """Yield runs of entries about one patient; an entry about no patient is yielded alone.

    A run about a patient the file has not reached yet waits for that Patient (a bundle need
    not put the Patient first), and a run whose orders name a Medication resource not read yet
    waits for it; runs still waiting are yielded at the end. Medication resources go into
    `medications`, where the orders that name them find them.
    """
    grouping = _Grouping(medications=medications if medications is not None else MedicationIndex())
    for entry in entries:
        key = _patient_key(entry, grouping.aliases)
        if key is None:
            if entry.resource_type == "Medication":
                yield from grouping.medication(entry)
            yield entry
            continue
        if grouping.current is not None and grouping.current.key != key:
            yield from grouping.close()
        grouping.add(key, entry)
        yield from grouping.overflow()
    yield from grouping.close()
    yield from (group for group, _ in grouping.awaiting)
    yield from grouping.pending.values()


@dataclass
class _Grouping:
    """The run being read, and the runs waiting for their Patient or their Medications."""

    medications: MedicationIndex
    aliases: dict[str, str] = field(default_factory=dict)  # fullUrl, "Patient/id" → identity
    current: PatientGroup | None = None
    pending: dict[str, PatientGroup] = field(default_factory=dict)
    # Runs with their Patient whose orders name Medications not read yet, with those names.
    awaiting: list[tuple[PatientGroup, set[str]]] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)  # the patients whose Patient entry came
    held: int = 0

    def add(self, key: str, entry: Entry) -> None:
        self.current = self.current or PatientGroup(key)
        if entry.resource_type == "Patient":
            self.seen.add(key)
            for alias in {entry.full_url, entry.identity, key} - {""}:
                if (waiting := self.pending.pop(alias, None)) is not None:
                    self.held -= len(waiting.entries)
                    self.current.entries.extend(waiting.entries)
        self.current.entries.append(entry)

    def close(self) -> Iterator[PatientGroup]:
        group, self.current = self.current, None
        if group is None:
            return
        if group.patient_entry is None and self.aliases.get(group.key, group.key) not in self.seen:
            waiting = self.pending.setdefault(group.key, PatientGroup(group.key))
            waiting.entries.extend(group.entries)
            self.held += len(group.entries)
            return
        if missing := group.medications_missing(self.medications):
            self.awaiting.append((group, missing))
            self.held += len(group.entries)
            return
        yield group

    def medication(self, entry: Entry) -> Iterator[PatientGroup]:
        """Remember a Medication; yield the waiting runs that now have all theirs."""
        names = self.medications.add(entry.resource, entry.full_url)
        still: list[tuple[PatientGroup, set[str]]] = []
        for group, missing in self.awaiting:
            missing -= names
            if missing:
                still.append((group, missing))
            else:
                self.held -= len(group.entries)
                yield group
        self.awaiting = still

    def overflow(self) -> Iterator[PatientGroup]:
        while self.held > PENDING_LIMIT and (self.awaiting or self.pending):
            if self.awaiting:
                oldest, _ = self.awaiting.pop(0)
            else:
                oldest = self.pending.pop(next(iter(self.pending)))
            self.held -= len(oldest.entries)
            yield oldest


def _patient_key(entry: Entry, aliases: dict[str, str]) -> str | None:
    if entry.resource_type == "Patient":
        key = entry.identity
        for alias in (entry.full_url, key):
            if alias:
                aliases[alias] = key
        return key
    reference = patient_reference(entry.resource)
    if reference is None:
        return None
    return aliases.get(reference, reference)
