"""The findings rules' fingerprint: it changes with any rule's source, and only with that."""

from __future__ import annotations

import re

from rls import RULES_VERSION
from rls.version import PACKAGE, rules_fingerprint


def rules_copy(tmp_path):
    for name, text in {"engine.py": "LIMIT = 75\n", "knowledge/codes.py": "CODES = ()\n"}.items():
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_it_fingerprints_the_rules_in_twelve_hex_digits():
    assert re.fullmatch(r"[0-9a-f]{12}", RULES_VERSION)
    assert rules_fingerprint(PACKAGE) == RULES_VERSION


def test_it_changes_when_a_rule_changes(tmp_path):
    root = rules_copy(tmp_path)
    before = rules_fingerprint(root)

    (root / "knowledge" / "codes.py").write_text("CODES = ('cause.new',)\n")

    assert rules_fingerprint(root) != before


def test_it_changes_when_a_rules_file_is_added_or_moved(tmp_path):
    root = rules_copy(tmp_path)
    before = rules_fingerprint(root)

    (root / "engine.py").rename(root / "knowledge" / "engine.py")

    assert rules_fingerprint(root) != before


def test_it_ignores_the_benchmark_and_files_that_are_not_source(tmp_path):
    root = rules_copy(tmp_path)
    before = rules_fingerprint(root)

    (root / "bench.py").write_text("print('timing')\n")
    (root / "notes.txt").write_text("not a rule\n")

    assert rules_fingerprint(root) == before
