"""A Signal: one piece of evidence for one finding code, as the rules produce it."""

from __future__ import annotations

from typing import NamedTuple

from rls.findings import Evidence


class Signal(NamedTuple):
    """Evidence for a finding code; the engine gathers signals into one Finding per code."""

    code: str
    evidence: Evidence
    critical: bool = False  # far across a limit, or a drug the article says "significantly" worsens
    drug_names: tuple[str, ...] = ()  # generics named in the finding's title
    stale: bool = False  # a lab result older than the data-gap window: information at most
    minor: bool = False  # the family's mildest member (plain essential hypertension)
    note: str = ""  # a sentence for the finding's advice (what to replace: "vitamin D")
