"""The one arrow that matters: clinic imports rls through its front door; rls imports no Django."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _imports(package: str) -> list[tuple[Path, str]]:
    found = []
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((path.relative_to(ROOT), node.module))
            elif isinstance(node, ast.Import):
                found.extend((path.relative_to(ROOT), alias.name) for alias in node.names)
    return found


def test_it_imports_rls_only_through_its_front_door():
    deeper = [(str(p), m) for p, m in _imports("clinic") if m.startswith("rls.")]

    assert deeper == []


@pytest.mark.parametrize("forbidden", ["django", "clinic"])
def test_it_keeps_the_engine_free_of_the_application(forbidden):
    leaks = [(str(p), m) for p, m in _imports("rls") if m.split(".")[0] == forbidden]

    assert leaks == []


def test_it_keeps_page_reads_apart_from_writes():
    writes = [
        (str(p), m) for p, m in _imports("clinic/selectors") if m.startswith("clinic.services")
    ]

    assert writes == []
