"""Frozen rows built by setting their slots: the same value as the constructor's, or refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

import rls
from rls import slot_setters


def test_it_builds_the_value_the_constructor_builds():
    values = ("ferritin", 30.0, "ng/mL", date(2026, 11, 1), "lab:1")
    setters = slot_setters(rls.LabResult, "analyte", "value", "unit", "date", "ref")
    built = object.__new__(rls.LabResult)
    for setter, value in zip(setters, values, strict=True):
        setter(built, value)

    assert built == rls.LabResult(*values)
    assert hash(built) == hash(rls.LabResult(*values))


def test_it_refuses_a_row_whose_fields_it_does_not_list():
    with pytest.raises(TypeError, match="LabResult"):
        slot_setters(rls.LabResult, "analyte", "value", "unit", "date")


def test_it_refuses_a_row_with_a_post_init_it_would_skip():
    @dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    with pytest.raises(TypeError, match="Checked"):
        slot_setters(Checked, "value")
