"""Medications: an aggravating line is refused until its warning is confirmed, then recorded."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from clinic.models import LocalName, Medication, StoredFinding
from clinic.services.entries import entry_end, entry_mark_entered_in_error
from clinic.services.medications import (
    medication_create,
    medication_update,
    medication_warning_decision,
)
from tests.conftest import NOW

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]
ANTIEMETIC = "drug.antiemetic-dopamine-antagonist"


def stored_codes(patient) -> set[str]:
    return set(StoredFinding.objects.filter(patient=patient).values_list("code", flat=True))


def test_it_warns_with_the_class_and_the_safer_alternative():
    (warning,) = list(medication_warning_decision("Reglan 10 mg tab PO TID").warnings)

    assert warning.code == ANTIEMETIC
    assert warning.generic == "metoclopramide"
    assert set(warning.alternatives) == {"ondansetron", "granisetron"}


def test_it_does_not_warn_for_the_alternative():
    assert list(medication_warning_decision("Zofran 4 mg").warnings) == []


def test_it_warns_for_a_local_brand_name(doctor):
    LocalName.objects.create(
        kind="medication",
        name="Gastrofix",
        target="metoclopramide",
        created_by=doctor,
        updated_by=doctor,
    )

    assert [w.code for w in list(medication_warning_decision("Gastrofix 10mg").warnings)] == [
        ANTIEMETIC
    ]


def test_it_refuses_an_unconfirmed_aggravating_medication(patient, doctor):
    with pytest.raises(ValidationError) as refused:
        medication_create(at=NOW, patient=patient, user=doctor, line="Reglan 10 mg")

    assert "confirm_warning" in refused.value.message_dict
    assert not Medication.objects.exists()


def test_it_records_who_confirmed_which_warning_and_when(patient, doctor, frozen_today):
    medication = medication_create(
        at=NOW, patient=patient, user=doctor, line="Reglan 10 mg", confirmed_codes={ANTIEMETIC}
    )

    assert medication.warning_codes == [ANTIEMETIC]
    assert medication.warning_confirmed_by == doctor
    assert medication.warning_confirmed_at.date() == frozen_today
    assert ANTIEMETIC in stored_codes(patient)


def test_it_saves_a_harmless_medication_without_confirmation(patient, doctor):
    medication = medication_create(at=NOW, patient=patient, user=doctor, line="Ondansetron 4 mg")

    assert (medication.warning_codes, medication.warning_confirmed_at) == ([], None)


def test_it_asks_again_when_an_edit_matches_a_new_class(patient, doctor):
    medication = medication_create(at=NOW, patient=patient, user=doctor, line="Ondansetron 4 mg")

    with pytest.raises(ValidationError):
        medication_update(
            at=NOW, medication=medication, user=doctor, expected_version=1, line="Haloperidol 5 mg"
        )

    assert Medication.objects.get().line == "Ondansetron 4 mg"


def test_it_keeps_a_confirmation_when_the_dose_changes(patient, doctor):
    medication = medication_create(
        at=NOW, patient=patient, user=doctor, line="Reglan 10 mg", confirmed_codes={ANTIEMETIC}
    )

    updated = medication_update(
        at=NOW,
        medication=medication,
        user=doctor,
        expected_version=1,
        line="Reglan 5 mg",
        dose="5 mg",
    )

    assert (updated.warning_codes, updated.warning_confirmed_by) == ([ANTIEMETIC], doctor)


def test_it_stops_a_medication_and_drops_its_finding(patient, doctor):
    medication = medication_create(
        at=NOW, patient=patient, user=doctor, line="Reglan 10 mg", confirmed_codes={ANTIEMETIC}
    )

    entry_end(
        at=NOW, entry=medication, user=doctor, ended_on=date(2026, 11, 20), expected_version=1
    )

    assert ANTIEMETIC not in stored_codes(patient)
    assert Medication.objects.get().status == "stopped"


def test_it_marks_a_medication_entered_in_error(patient, doctor):
    medication = medication_create(
        at=NOW, patient=patient, user=doctor, line="Reglan 10 mg", confirmed_codes={ANTIEMETIC}
    )

    entry_mark_entered_in_error(at=NOW, entry=medication, user=doctor, reason="Other patient's")

    assert ANTIEMETIC not in stored_codes(patient)
    with pytest.raises(ValidationError, match="entered in error"):
        entry_end(
            at=NOW,
            entry=Medication.objects.get(),
            user=doctor,
            ended_on=date(2026, 11, 20),
            expected_version=2,
        )
