"""The finding catalogue (docs/findings.md) is the engine's own, generated from its tables."""

import re
from pathlib import Path

from rls import CODES
from rls.catalogue import catalogue
from rls.knowledge.sources import SOURCES

FILE_NAME = re.compile(r"\w\.(md|py|txt|json)\b|\.\./")
CATALOGUE = Path(__file__).resolve().parents[2] / "docs" / "findings.md"


def test_it_keeps_the_committed_catalogue_in_step_with_the_tables():
    assert CATALOGUE.read_text(encoding="utf-8") == catalogue(), (
        "docs/findings.md is stale: run `python -m rls.catalogue > docs/findings.md`"
    )


def test_it_lists_every_code_the_engine_can_emit_once():
    text = catalogue()

    for code in CODES:
        assert text.count(f"| `{code}` |") == 1, code


def test_it_gives_a_full_reference_for_every_source_a_finding_cites():
    labels = {source.label for source in SOURCES}
    for info in CODES.values():
        for cited in info.source.replace("thresholds ", "").split("; "):
            assert cited.startswith("Article:") or cited in labels, (info.code, cited)


def test_it_never_cites_a_file_as_a_source():
    for info in CODES.values():
        assert not FILE_NAME.search(info.source), info.code
