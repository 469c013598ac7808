"""A finding's evidence is written in one line, the same on the record and in acknowledgements."""

from __future__ import annotations

from datetime import date

import pytest
from django.template import Context, Template

from rls.findings import Evidence

FERRITIN = Evidence(
    kind="lab",
    text="Ferritin 24 ng/mL",
    date=date(2026, 1, 15),
    value=24.0,
    unit="µg/L",
    threshold="ferritin ≤ 75 µg/L (AASM 2024 guideline)",
)
CASES = {
    "a lab below its limit": (
        FERRITIN,
        "Ferritin 24 ng/mL on 15 Jan 2026 (24 µg/L)"
        " — crosses ferritin ≤ 75 µg/L (AASM 2024 guideline)",
    ),
    "a medication, no value": (
        Evidence(kind="medication", text="Reglan 10 mg", date=date(2026, 3, 2)),
        "Reglan 10 mg on 2 Mar 2026",
    ),
    "a missing test has no date": (
        Evidence(kind="missing", text="No ferritin in 12 months", date=date(2026, 3, 2)),
        "No ferritin in 12 months",
    ),
    "a value without a unit is not written": (
        Evidence(kind="lab", text="IRLS 24", value=24.0),
        "IRLS 24",
    ),
    "markup in the text is escaped": (
        Evidence(kind="condition", text="<b>Anemia</b>"),
        "&lt;b&gt;Anemia&lt;/b&gt;",
    ),
}


@pytest.mark.parametrize(("evidence", "line"), CASES.values(), ids=CASES.keys())
def test_it_writes_each_piece_of_evidence_in_one_line(evidence, line) -> None:
    template = Template("{% load clinic_tags %}{{ e|evidence_line }}")
    assert template.render(Context({"e": evidence})) == line
