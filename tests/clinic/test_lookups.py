"""Our own lookups answer what Django's built-in ones would, on SQLite and PostgreSQL."""

from __future__ import annotations

from django.db.models import F

from clinic.models import Patient
from clinic.models.lookups import AnyOf


def test_any_of_finds_the_rows_whose_column_is_one_of_the_ids(make_patient):
    first, second, third = make_patient(), make_patient(), make_patient()

    found = Patient.objects.filter(AnyOf(F("pk"), [first.pk, third.pk, 0]))

    assert set(found) == {first, third}
    assert not Patient.objects.filter(AnyOf(F("pk"), []))
    assert second not in Patient.objects.filter(AnyOf(F("pk"), [first.pk]))
