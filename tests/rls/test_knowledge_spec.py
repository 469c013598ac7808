"""The engine's finding codes are exactly those of knowledge-spec.md, the team's shared spec.

The spec lives beside the repository (`../shared/`), as it does in CI; this is the one test
that reads it, so the rest of the suite depends only on the engine's own code table.
"""

import re
from pathlib import Path

import pytest

from rls.knowledge import CODES

SPEC = Path(__file__).resolve().parents[2].parent / "shared" / "knowledge-spec.md"
# A code is a backticked `category.name` in the first column of one of the spec's tables.
SPEC_CODE_CELL = re.compile(r"^\|\s*`([a-z_]+\.[a-z0-9-]+)`\s*\|", re.MULTILINE)


def spec_codes() -> set[str]:
    if not SPEC.is_file():
        pytest.fail(f"The knowledge spec is missing at {SPEC}: the engine is checked against it.")
    codes = set(SPEC_CODE_CELL.findall(SPEC.read_text(encoding="utf-8")))
    assert len(codes) >= 40, f"parsed only {len(codes)} codes from {SPEC}"
    return codes


def test_it_knows_every_code_of_the_spec_and_no_other():
    expected = spec_codes()

    assert sorted(expected - set(CODES)) == [], "spec codes the engine cannot produce"
    assert sorted(set(CODES) - expected) == [], "engine codes the spec does not define"
