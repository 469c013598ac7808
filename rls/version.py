"""Which findings rules these are: a fingerprint of the engine and its knowledge tables.

Stored findings are only as current as the rules that wrote them. A release that changes a
rule, a threshold or a drug name changes this fingerprint, and the clinic's task workers then
refresh every patient's stored findings (`clinic.tasks.refresh_if_rules_changed`) instead of
leaving the caseload on the old rules until the daily refresh.

The fingerprint covers the package's source, so no one has to remember to bump a number; a
change that alters nothing (a comment) costs one needless refresh, never a stale caseload.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# Not rules: the engine's benchmark.
NOT_RULES = frozenset({"bench.py"})


def rules_fingerprint(root: Path = PACKAGE) -> str:
    """Return 12 hex digits of SHA-256 over every rules source file's path and content."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        if path.name in NOT_RULES:
            continue
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:12]


RULES_VERSION = rules_fingerprint()
