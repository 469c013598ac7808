"""Data entry through the workspace: each save shows in the findings at once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from clinic.models import Condition, LabResult, Medication, Patient, StoredFinding, VisitNote
from clinic.services.records import lab_result_create, lab_result_update
from tests.conftest import NOW

pytestmark = pytest.mark.usefixtures("frozen_today")
ANTIEMETIC = "drug.antiemetic-dopamine-antagonist"


@pytest.fixture
def logged_in(client, doctor):
    client.force_login(doctor)
    return client


def url(name, *args):
    return reverse(f"clinic:{name}", args=args)


def codes(patient) -> set[str]:
    return set(StoredFinding.objects.filter(patient=patient).values_list("code", flat=True))


def test_it_creates_a_patient_in_the_doctors_caseload(logged_in, doctor, colleague):
    data = {
        "mrn": "new-1",
        "given_name": "Ines",
        "family_name": "Moreau",
        "birth_date": "1990-04-02",
        "sex": "female",
        "family_history_rls": "yes",
        "gestational_weeks": "30",
        "gestational_days": "0",
        "care_team": [colleague.pk],
    }

    response = logged_in.post(url("patient_create"), data)

    patient = Patient.objects.get(mrn="NEW-1")
    assert response.url == patient.get_absolute_url()
    assert patient.primary_doctor == doctor
    assert patient.gestational_week_on(date(2026, 11, 24)) == 30
    assert {"cause.pregnancy", "hereditary.family-history"} <= codes(patient)


def test_it_names_the_field_of_a_duplicate_mrn(logged_in, patient):
    data = {
        "mrn": patient.mrn.lower(),
        "given_name": "Ines",
        "family_name": "Moreau",
        "birth_date": "1990-04-02",
        "sex": "female",
        "family_history_rls": "unknown",
    }

    response = logged_in.post(url("patient_create"), data)

    assert response.status_code == 422
    assert "mrn" in response.context["form"].errors


def test_it_shows_what_a_colleague_changed_meanwhile(logged_in, patient, colleague):
    patient.care_team.add(colleague)
    form = logged_in.get(url("patient_edit", patient.pk)).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data |= {"given_name": "Mine", "care_team": [], "status": "active"}
    logged_in.post(url("patient_edit", patient.pk), data | {"given_name": "Theirs"})

    response = logged_in.post(url("patient_edit", patient.pk), data)

    html = response.content.decode()
    assert response.status_code == 422
    assert "Someone else changed this" in html
    assert "<td>Theirs</td><td>Mine</td>" in html
    assert Patient.objects.get().given_name == "Theirs"


def test_it_adds_a_lab_result_and_the_finding_appears(logged_in, patient):
    data = {"analyte": "ferritin", "value": "30", "unit": "ng/mL", "collected_on": "2026-11-20"}

    response = logged_in.post(url("lab_create", patient.pk), data)
    record = logged_in.get(response.url).content.decode()

    assert response.status_code == 302
    assert 'data-finding-code="cause.iron-deficiency"' in record
    assert LabResult.objects.get().created_by.username == "doctor"


def test_it_names_the_field_of_an_implausible_lab_value(logged_in, patient):
    data = {"analyte": "hemoglobin", "value": "1000", "unit": "g/L", "collected_on": "2026-11-20"}

    response = logged_in.post(url("lab_create", patient.pk), data)

    assert response.status_code == 422
    assert "outside the plausible range" in response.content.decode()
    assert not LabResult.objects.exists()


def test_it_refuses_a_stale_lab_correction(logged_in, patient, doctor, colleague):
    lab = lab_result_create(
        at=NOW,
        patient=patient,
        user=doctor,
        analyte="ferritin",
        value=Decimal("30"),
        unit="ng/mL",
        collected_on=date(2026, 11, 1),
    )
    lab_result_update(at=NOW, lab=lab, user=colleague, expected_version=1, value=Decimal("35"))
    data = {
        "analyte": "ferritin",
        "value": "300",
        "unit": "ng/mL",
        "collected_on": "2026-11-01",
        "version": "1",
    }

    refused = logged_in.post(url("lab_edit", patient.pk, lab.pk), data)
    saved = logged_in.post(url("lab_edit", patient.pk, lab.pk), refused.context["form"].data)

    assert "<td>35</td><td>300</td>" in refused.content.decode()
    assert saved.status_code == 302
    assert LabResult.objects.get().value == Decimal("300")


def test_it_warns_before_saving_an_aggravating_drug_then_records_the_confirmation(
    logged_in, patient, doctor
):
    first = logged_in.post(url("medication_create", patient.pk), {"line": "Reglan 10 mg"})
    html = first.content.decode()
    warned = first.context["form"].data["warned_codes"]

    confirmed = logged_in.post(
        url("medication_create", patient.pk),
        {"line": "Reglan 10 mg", "warned_codes": warned, "confirm_warning": "on"},
    )

    assert first.status_code == 422
    assert "ondansetron, granisetron" in html
    assert "dopamine-antagonist antiemetic" in html
    assert 'name="confirm_warning"' in html
    assert "modal" not in html
    assert confirmed.status_code == 302
    medication = Medication.objects.get()
    assert (medication.warning_codes, medication.warning_confirmed_by) == ([ANTIEMETIC], doctor)
    assert ANTIEMETIC in codes(patient)


def test_it_saves_a_safe_medication_at_once(logged_in, patient):
    response = logged_in.post(url("medication_create", patient.pk), {"line": "Zofran 4 mg"})

    assert response.status_code == 302
    assert Medication.objects.get().warning_codes == []


def test_it_stops_a_medication(logged_in, patient, doctor):
    logged_in.post(
        url("medication_create", patient.pk),
        {"line": "Reglan 10 mg", "warned_codes": ANTIEMETIC, "confirm_warning": "on"},
    )
    medication = Medication.objects.get()

    logged_in.post(
        url("medication_stop", patient.pk, medication.pk),
        {"stopped_on": "2026-11-23", "version": "1"},
    )

    assert Medication.objects.get().status == "stopped"
    assert ANTIEMETIC not in codes(patient)


def test_it_adds_and_resolves_a_condition(logged_in, patient):
    logged_in.post(url("condition_create", patient.pk), {"name": "Diabetes", "icd10": "e11"})
    condition = Condition.objects.get()
    assert "cause.diabetes" in codes(patient)

    logged_in.post(
        url("condition_resolve", patient.pk, condition.pk),
        {"resolved_on": "2026-11-01", "version": "1"},
    )

    assert Condition.objects.get().status == "resolved"
    assert "cause.diabetes" not in codes(patient)


def test_it_adds_a_visit_note_signed_by_the_doctor(logged_in, patient, doctor):
    response = logged_in.post(
        url("visit_create", patient.pk),
        {"visit_date": "2026-11-24", "irls_score": "18", "text": "Better with iron"},
    )

    assert response.status_code == 302
    assert VisitNote.objects.get().author == doctor


def test_it_marks_an_entry_in_error_with_a_reason(logged_in, patient):
    logged_in.post(url("condition_create", patient.pk), {"name": "Diabetes", "icd10": "E11"})
    condition = Condition.objects.get()

    missing = logged_in.post(url("condition_error", patient.pk, condition.pk), {"reason": ""})
    marked = logged_in.post(
        url("condition_error", patient.pk, condition.pk), {"reason": "Wrong patient"}
    )

    assert missing.status_code == 422
    assert marked.status_code == 302
    assert Condition.objects.get().entered_in_error_reason == "Wrong patient"
    assert "cause.diabetes" not in codes(patient)


def test_it_records_a_delivery(logged_in, make_patient):
    patient = make_patient(pregnancy_due_date=date(2026, 12, 1))

    logged_in.post(
        url("patient_delivery", patient.pk), {"delivered_on": "2026-11-20", "version": "1"}
    )
    html = logged_in.get(patient.get_absolute_url()).content.decode()

    assert Patient.objects.get().pregnancy_due_date is None
    assert "0 weeks since delivery" in html
