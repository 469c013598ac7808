"""Following a patient: visits with criteria and augmentation answers, recalls, iron therapy,
and the record closing at death. Every write goes through the services."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from clinic.forms.medications import MedicationForm
from clinic.forms.patients import PatientEditForm
from clinic.forms.records import VisitNoteForm
from clinic.models import StoredFinding, VisitNote
from clinic.services import entries
from clinic.services.medications import medication_create
from clinic.services.patients import patient_update
from clinic.services.records import add_months, visit_note_create, visit_note_update
from tests.conftest import NOW

pytestmark = pytest.mark.django_db
DOPAMINERGIC = "caution.dopaminergic"


def stored_codes(patient):
    return set(StoredFinding.objects.filter(patient=patient).values_list("code", flat=True))


def test_it_saves_the_criteria_descriptors_sleep_and_a_recall_with_the_visit(patient, doctor):
    note = visit_note_create(
        at=NOW,
        patient=patient,
        user=doctor,
        visit_date=date(2026, 11, 2),
        irls_score=18,
        text="Follow-up",
        criterion_urge=True,
        criterion_rest=True,
        criterion_movement=True,
        criterion_evening=True,
        criterion_not_other=True,
        course="chronic-persistent",
        descriptors=["crawling", "electric"],
        hours_slept="5.5",
        nights_disturbed=4,
        see_again_months=3,
    )

    note.refresh_from_db()
    patient.refresh_from_db()
    assert note.descriptors == ["crawling", "electric"]
    assert patient.next_visit_on == date(2027, 2, 2)
    assert patient.version == 2  # the recall is a change to the patient, audited as such


def test_it_refuses_an_unknown_descriptor_naming_the_field(patient, doctor):
    with pytest.raises(ValidationError, match="Symptom descriptors: unknown fizzing"):
        visit_note_create(
            at=NOW,
            patient=patient,
            user=doctor,
            visit_date=date(2026, 11, 2),
            text="x",
            descriptors=["crawling", "fizzing"],
        )
    assert not VisitNote.objects.exists()


@pytest.mark.parametrize(("hours", "nights"), [("24.5", None), (None, 8)])
def test_it_refuses_sleep_measures_out_of_range(patient, doctor, hours, nights):
    with pytest.raises(ValidationError):
        visit_note_create(
            at=NOW,
            patient=patient,
            user=doctor,
            visit_date=date(2026, 11, 2),
            text="x",
            hours_slept=hours,
            nights_disturbed=nights,
        )
    assert not VisitNote.objects.exists()


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 11, 30), 3, date(2027, 2, 28)),  # February is shorter
        (date(2028, 11, 30), 3, date(2029, 2, 28)),
        (date(2027, 11, 29), 3, date(2028, 2, 29)),  # leap year
        (date(2026, 1, 15), 12, date(2027, 1, 15)),
        (date(2026, 12, 1), 1, date(2027, 1, 1)),
    ],
)
def test_it_counts_the_recall_in_calendar_months(day, months, expected):
    assert add_months(day, months) == expected


def test_it_raises_augmentation_from_the_visit_answers_on_pramipexole(patient, doctor):
    medication_create(
        at=NOW, patient=patient, user=doctor, line="Mirapex 0.25 mg", confirmed_codes={DOPAMINERGIC}
    )
    answers = {"aug_earlier_onset": True, "aug_spread": False}
    note = visit_note_create(
        at=NOW, patient=patient, user=doctor, visit_date=date(2026, 11, 2), text="x", **answers
    )
    assert "caution.augmentation" not in stored_codes(patient)

    visit_note_update(
        at=NOW, note=note, user=doctor, expected_version=note.version, aug_spread=True, text="x"
    )

    assert "caution.augmentation" in stored_codes(patient)


def test_it_times_the_iron_recheck_from_the_medication_start(patient, doctor):
    medication_create(
        at=NOW,
        patient=patient,
        user=doctor,
        line="Ferrous sulfate 200 mg",
        started_on=date(2025, 6, 1),
        iron_route="oral",
    )

    assert "gap.iron-recheck" in stored_codes(patient)


def test_it_refuses_iron_therapy_without_a_start_date(patient, doctor):
    with pytest.raises(ValidationError, match="iron therapy needs its start date"):
        medication_create(
            at=NOW, patient=patient, user=doctor, line="Ferrous sulfate 200 mg", iron_route="oral"
        )
    form = MedicationForm({"line": "Ferrous sulfate 200 mg", "iron_route": "oral"}, patient=patient)
    assert not form.is_valid()
    assert form.errors["started_on"] == ["Give the start date of iron therapy to time its recheck."]


def test_a_date_of_death_closes_the_record(patient, doctor):
    medication_create(
        at=NOW, patient=patient, user=doctor, line="Mirapex", confirmed_codes={DOPAMINERGIC}
    )
    assert stored_codes(patient)

    patient = patient_update(
        at=NOW,
        patient=patient,
        user=doctor,
        expected_version=patient.version,
        date_of_death=date(2026, 3, 1),
    )

    assert patient.status == "deceased"
    assert stored_codes(patient) == set()  # nothing raised after death
    assert patient.age_on(date(2030, 1, 1)) == patient.age_on(date(2026, 3, 1)) == 55
    with pytest.raises(ValidationError, match="record is closed: the patient died on 01 Mar"):
        visit_note_create(
            at=NOW, patient=patient, user=doctor, visit_date=date(2026, 2, 1), text="x"
        )
    medication = patient.medications.get()
    with pytest.raises(ValidationError, match="record is closed"):
        entries.entry_mark_entered_in_error(at=NOW, entry=medication, user=doctor, reason="wrong")
    assert not VisitNote.objects.exists()


def test_it_refuses_a_date_of_death_before_birth_or_in_the_future(patient):
    data = {
        "mrn": patient.mrn,
        "given_name": "Anna",
        "family_name": "Lindqvist",
        "birth_date": "1970-05-17",
        "sex": "female",
        "family_history_rls": "unknown",
        "status": "active",
        "version": patient.version,
    }
    for day, message in [
        ("1969-01-01", "The date of death cannot be before the patient's birth"),
        ("2999-01-01", "The date of death cannot be in the future."),
    ]:
        form = PatientEditForm(data | {"date_of_death": day}, primary_doctor=patient.primary_doctor)
        assert not form.is_valid()
        assert message in form.errors["date_of_death"][0]


def test_the_visit_form_reads_answers_and_the_recall(patient):
    form = VisitNoteForm(
        {
            "visit_date": "2026-11-02",
            "text": "Seen",
            "criterion_urge": "true",
            "criterion_rest": "false",
            "descriptors": ["burning"],
            "see_again_months": "6",
        },
        patient=patient,
    )

    assert form.is_valid(), form.errors
    values = form.values()
    assert (values["criterion_urge"], values["criterion_rest"]) == (True, False)
    assert values["criterion_evening"] is None  # not asked
    assert values["see_again_months"] == 6
    assert values["descriptors"] == ["burning"]


def test_the_visit_form_refuses_an_unknown_descriptor_and_recall(patient):
    form = VisitNoteForm(
        {
            "visit_date": "2026-11-02",
            "text": "x",
            "descriptors": ["fizzing"],
            "see_again_months": "5",
        },
        patient=patient,
    )

    assert not form.is_valid()
    assert set(form.errors) == {"descriptors", "see_again_months"}
