"""A Signal: one piece of evidence for one finding code, as the rules produce it."""

from __future__ import annotations

from typing import Any

from rls.findings import Evidence


class Signal:
    """Evidence for a finding code; the engine gathers signals into one Finding per code.

    A value: nothing changes a signal once built, and signals with equal fields are equal. It
    hashes once, when first hashed: the engine looks each finding up by its signals on every
    evaluation, and an Evidence's dataclass hash runs in Python (a NamedTuple, as this was,
    rehashed it on every look-up: a seventh of a warm evaluation). Not when built: a refresh,
    which remembers nothing (`evaluate(remember=False)`), never hashes a signal.
    """

    __slots__ = ("_hash", "code", "critical", "drug_names", "evidence", "minor", "note", "stale")

    def __init__(
        self,
        code: str,
        evidence: Evidence,
        critical: bool = False,  # far across a limit, or a drug that "significantly" aggravates
        drug_names: tuple[str, ...] = (),  # generics named in the finding's title
        stale: bool = False,  # a lab result older than the data-gap window: information at most
        minor: bool = False,  # the family's mildest member (plain essential hypertension)
        note: str = "",  # a sentence for the finding's advice (what to replace: "vitamin D")
    ) -> None:
        self.code = code
        self.evidence = evidence
        self.critical = critical
        self.drug_names = drug_names
        self.stale = stale
        self.minor = minor
        self.note = note
        self._hash: int | None = None

    def _fields(self) -> tuple[Any, ...]:
        return (
            self.code,
            self.evidence,
            self.critical,
            self.drug_names,
            self.stale,
            self.minor,
            self.note,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Signal) and self._fields() == other._fields()

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(self._fields())
        return self._hash

    def __repr__(self) -> str:
        return f"Signal{self._fields()!r}"
