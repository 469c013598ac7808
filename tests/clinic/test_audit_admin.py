"""The audit trail in the admin: clinic admins read and filter it; nobody can alter it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.urls import reverse

from clinic.audit import record_access
from clinic.models import LabResult, VisitNote
from clinic.services.entries import entry_end, entry_mark_entered_in_error
from clinic.services.medications import medication_create
from clinic.services.records import lab_result_create, lab_result_update
from tests.conftest import NOW, PASSWORD

CHANGELIST = reverse("admin:auditlog_logentry_changelist")


def _entry_url(entry: LogEntry, view: str = "change") -> str:
    return reverse(f"admin:auditlog_logentry_{view}", args=[entry.pk])


@pytest.fixture
def admin_client(client, clinic_admin):
    client.force_login(clinic_admin)
    return client


@pytest.fixture
def superuser_client(client, db):
    client.force_login(User.objects.create_superuser("root", password=PASSWORD))
    return client


def _note(patient, author, text="Better since iron"):
    return VisitNote.objects.create(
        patient=patient,
        visit_date=date(2026, 11, 2),
        author=author,
        text=text,
        created_by=author,
        updated_by=author,
    )


def _listed_pks(response) -> set[int]:
    return {entry.pk for entry in response.context["cl"].result_list}


def test_it_lists_the_trail_for_a_clinic_admin(admin_client, patient):
    response = admin_client.get(CHANGELIST)

    assert response.status_code == 200
    assert str(patient) in response.text


def test_it_filters_the_trail_by_patient(admin_client, doctor, make_patient):
    mine, theirs = make_patient(), make_patient()
    note = _note(mine, doctor)
    _note(theirs, doctor)

    response = admin_client.get(CHANGELIST, {"patient": mine.pk})

    expected = LogEntry.objects.filter(additional_data__patient_id=mine.pk)
    assert _listed_pks(response) == set(expected.values_list("pk", flat=True))
    assert LogEntry.objects.get_for_object(note).get().pk in _listed_pks(response)


def test_it_shows_nothing_for_an_unknown_patient(admin_client, patient):
    response = admin_client.get(CHANGELIST, {"patient": "not-a-number"})

    assert response.status_code == 200
    assert _listed_pks(response) == set()


def test_it_filters_the_trail_by_user(admin_client, doctor, colleague, make_patient):
    make_patient()
    theirs = make_patient(primary_doctor=colleague)
    LogEntry.objects.get_for_object(theirs).update(actor=colleague)

    response = admin_client.get(CHANGELIST, {"actor__id__exact": colleague.pk})

    expected = LogEntry.objects.get_for_object(theirs).values_list("pk", flat=True)
    assert _listed_pks(response) == set(expected)


def test_it_filters_by_a_user_who_did_nothing_to_an_empty_trail(admin_client, doctor, patient):
    response = admin_client.get(CHANGELIST, {"actor__id__exact": doctor.pk})

    assert _listed_pks(response) == set()


def test_it_filters_the_trail_by_action(admin_client, doctor, patient):
    patient.status = "inactive"
    patient.save()

    response = admin_client.get(CHANGELIST, {"action__exact": LogEntry.Action.UPDATE})

    assert {entry.action for entry in response.context["cl"].result_list} == {
        LogEntry.Action.UPDATE
    }


def test_it_lists_the_trail_in_a_fixed_number_of_queries(
    admin_client, doctor, make_patient, django_assert_num_queries
):
    admin_client.get(CHANGELIST)  # warm the session and content-type caches
    for _ in range(5):
        _note(make_patient(), doctor)

    with django_assert_num_queries(10):  # the session, saved by the warm-up, is not written
        admin_client.get(CHANGELIST)


def test_it_shows_an_entry_read_only_with_its_text_escaped(admin_client, doctor, patient):
    note = _note(patient, doctor, text="<script>alert(1)</script>")
    entry = LogEntry.objects.get_for_object(note).get()

    response = admin_client.get(_entry_url(entry))

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert 'name="_save"' not in response.text


@pytest.mark.parametrize("as_superuser", [False, True])
def test_it_refuses_to_add_change_or_delete_an_entry(request, as_superuser, patient, clinic_admin):
    client = request.getfixturevalue("superuser_client" if as_superuser else "admin_client")
    entry = LogEntry.objects.get_for_object(patient).get()
    before = LogEntry.objects.count()

    assert client.get(reverse("admin:auditlog_logentry_add")).status_code == 403
    assert client.post(_entry_url(entry), {"changes_text": "forged"}).status_code == 403
    assert client.post(_entry_url(entry, "delete"), {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    client.post(CHANGELIST, bulk)

    assert LogEntry.objects.count() == before
    assert LogEntry.objects.get(pk=entry.pk).changes_text == entry.changes_text


def test_it_keeps_doctors_out_of_the_trail(client, doctor, patient):
    client.force_login(doctor)

    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.fixture
def named_doctor(doctor):
    doctor.first_name, doctor.last_name = "Maria", "Berg"
    doctor.save()
    return doctor


def _hemoglobin(patient, user) -> LabResult:
    return lab_result_create(
        at=NOW,
        patient=patient,
        user=user,
        analyte="hemoglobin",
        value=Decimal("105"),
        unit="g/L",
        collected_on=date(2026, 11, 1),
    )


def _summary(admin_client, entry: LogEntry) -> str:
    response = admin_client.get(CHANGELIST)
    row = next(e for e in response.context["cl"].result_list if e.pk == entry.pk)
    return response.context["cl"].model_admin.msg_short(row)


def test_it_says_what_was_created_in_words(admin_client, named_doctor, patient):
    lab = _hemoglobin(patient, named_doctor)
    entry = LogEntry.objects.get_for_object(lab).get()

    response = admin_client.get(CHANGELIST)

    assert "Created lab result Hemoglobin 105 g/L on 1 Nov 2026" in response.text
    assert _summary(admin_client, entry) == "Created lab result Hemoglobin 105 g/L on 1 Nov 2026"


def test_it_names_the_changed_fields_in_words_without_the_bookkeeping(
    admin_client, named_doctor, patient
):
    lab = _hemoglobin(patient, named_doctor)
    lab_result_update(at=NOW, lab=lab, user=named_doctor, expected_version=1, value=Decimal("110"))
    entry = LogEntry.objects.get_for_object(lab).filter(action=LogEntry.Action.UPDATE).get()

    summary = _summary(admin_client, entry)

    assert summary == "Changed Value of lab result Hemoglobin 110 g/L on 1 Nov 2026"
    assert "version" not in admin_client.get(CHANGELIST).text


def test_it_shows_a_change_with_labels_days_and_full_names(
    admin_client, named_doctor, colleague, patient
):
    medication = medication_create(
        at=NOW, patient=patient, user=named_doctor, line="Ferrous sulfate"
    )
    entry_end(
        at=NOW, entry=medication, user=colleague, ended_on=date(2026, 11, 20), expected_version=1
    )
    entry = LogEntry.objects.get_for_object(medication).filter(action=LogEntry.Action.UPDATE).get()

    response = admin_client.get(_entry_url(entry))

    text = response.text
    assert "Stopped on" in text
    assert "20 Nov 2026" in text
    assert "<td>Active</td><td>Stopped</td>" in text
    assert "<td>Last changed by</td><td>Maria Berg</td><td>Colleague</td>" in text
    assert "stopped_on" not in text
    assert "Version" not in text
    assert "Changed Stopped on, Status of medication Ferrous sulfate" in _summary(
        admin_client, entry
    )


def test_it_says_an_entry_was_marked_entered_in_error(admin_client, named_doctor, patient):
    lab = _hemoglobin(patient, named_doctor)
    entry_mark_entered_in_error(at=NOW, entry=lab, user=named_doctor, reason="Wrong patient")
    entry = LogEntry.objects.get_for_object(lab).filter(action=LogEntry.Action.UPDATE).get()

    assert _summary(admin_client, entry) == (
        "Marked lab result Hemoglobin 105 g/L on 1 Nov 2026 entered in error"
    )
    assert "Wrong patient" in admin_client.get(_entry_url(entry)).text


def test_it_says_a_view_of_the_record_and_who_by_full_name(admin_client, rf, named_doctor, patient):
    request = rf.get("/")
    request.user = named_doctor
    entry = record_access(request, patient, "record")

    response = admin_client.get(CHANGELIST)

    assert _summary(admin_client, entry) == "Viewed the patient record"
    assert ">Maria Berg</a>" in response.text


def test_it_shows_the_confirmed_warning_codes_in_words(admin_client, named_doctor, patient):
    medication = medication_create(
        at=NOW,
        patient=patient,
        user=named_doctor,
        line="Metoclopramide 10 mg",
        confirmed_codes={"drug.antiemetic-dopamine-antagonist"},
    )
    entry = LogEntry.objects.get_for_object(medication).get()

    text = admin_client.get(_entry_url(entry)).text

    assert "Prescribing warnings confirmed" in text
    assert "Warning confirmed by</td><td>—</td><td>Maria Berg" in text
