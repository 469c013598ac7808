"""Only clinic admins (clinic.reassign_patient) move a patient to another doctor in the admin."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from clinic.services.follow_up import follow_up_task_create
from clinic.services.patients import patient_update
from tests.conftest import NOW, make_user


@pytest.fixture
def staff_doctor(db):
    """A doctor who was given admin access but not the reassign permission."""
    return make_user("staffdoctor", "Doctors", staff=True)


def _change_url(patient) -> str:
    return reverse("admin:clinic_patient_change", args=[patient.pk])


def _submitted(response, **changes) -> dict:
    """Return the admin change form's own values, with `changes`, as a browser would post them."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form.initial.get(name)
        if isinstance(value, list):
            data[name] = [getattr(item, "pk", item) for item in value]
        elif value is not None and value is not False:
            data[name] = getattr(value, "pk", value)
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management.initial.get(name, 0)
    return data | changes


def test_it_refuses_a_reassignment_by_a_doctor_with_admin_access(
    client, staff_doctor, other_doctor, make_patient
):
    patient = make_patient(primary_doctor=staff_doctor)
    client.force_login(staff_doctor)
    page = client.get(_change_url(patient))

    response = client.post(
        _change_url(patient), _submitted(page, primary_doctor=other_doctor.pk, given_name="Ann")
    )

    assert page.status_code == 200
    assert "primary_doctor" not in page.context["adminform"].form.fields
    assert response.status_code == 302
    patient.refresh_from_db()
    assert patient.given_name == "Ann"  # the rest of the form was saved
    assert patient.primary_doctor == staff_doctor


def test_it_lets_a_clinic_admin_reassign_a_patient(client, clinic_admin, other_doctor, patient):
    client.force_login(clinic_admin)
    page = client.get(_change_url(patient))

    response = client.post(_change_url(patient), _submitted(page, primary_doctor=other_doctor.pk))

    assert response.status_code == 302, response.context["adminform"].form.errors
    patient.refresh_from_db()
    assert patient.primary_doctor == other_doctor


def test_it_keeps_the_care_team_out_of_a_doctors_hands_in_the_admin(
    client, staff_doctor, colleague, make_patient
):
    patient = make_patient(primary_doctor=staff_doctor)
    client.force_login(staff_doctor)
    page = client.get(_change_url(patient))

    client.post(_change_url(patient), _submitted(page, care_team=[colleague.pk]))

    assert list(patient.care_team.all()) == []


def test_it_shows_a_doctor_with_admin_access_only_their_own_caseload(
    client, staff_doctor, patient, make_patient, doctor
):
    own = make_patient(primary_doctor=staff_doctor, family_name="Ownpatient")
    client.force_login(staff_doctor)

    listing = client.get(reverse("admin:clinic_patient_changelist"))
    elsewhere = client.get(_change_url(patient))

    assert list(listing.context["cl"].result_list) == [own]
    assert elsewhere.status_code == 302  # the admin's answer for an object it cannot find
    assert patient.full_name not in client.get(elsewhere.url).content.decode()


def test_it_offers_only_active_doctors_by_full_name(
    client, clinic_admin, patient, doctor, other_doctor
):
    retired = make_user("retired", "Doctors")
    retired.is_active = False
    retired.save()
    other_doctor.first_name, other_doctor.last_name = "Astrid", "Berg"
    other_doctor.save()
    client.force_login(clinic_admin)

    form = client.get(_change_url(patient)).context["adminform"].form
    choices = {label for _, label in form.fields["primary_doctor"].choices if label != "---------"}
    team = {label for _, label in form.fields["care_team"].choices}

    assert choices == team
    assert "Astrid Berg" in choices
    assert "Doctor" in choices
    assert not {"Clinicadmin", "clinicadmin", "Retired", "retired"} & choices


def test_it_refuses_to_give_a_caseload_to_a_user_who_is_not_a_doctor(
    client, clinic_admin, patient, doctor
):
    client.force_login(clinic_admin)
    page = client.get(_change_url(patient))

    response = client.post(_change_url(patient), _submitted(page, primary_doctor=clinic_admin.pk))

    assert response.status_code == 200
    assert "primary_doctor" in response.context["adminform"].form.errors
    patient.refresh_from_db()
    assert patient.primary_doctor == doctor


def test_it_tells_whose_caseload_the_patient_leaves_and_enters_and_audits_it(
    client, clinic_admin, patient, doctor, other_doctor
):
    client.force_login(clinic_admin)
    page = client.get(_change_url(patient))

    response = client.post(
        _change_url(patient), _submitted(page, primary_doctor=other_doctor.pk), follow=True
    )

    said = [str(message) for message in response.context["messages"]]
    assert f"{patient.full_name} leaves Doctor’s caseload and enters Outsider’s caseload." in said
    change = LogEntry.objects.get_for_object(patient).filter(action=LogEntry.Action.UPDATE).get()
    assert change.changes_dict["primary_doctor"] == [str(doctor.pk), str(other_doctor.pk)]


def test_it_refuses_a_care_team_member_who_is_not_a_doctor_in_the_service(
    patient, doctor, clinic_admin
):
    with pytest.raises(ValidationError) as refused:
        patient_update(
            at=NOW, patient=patient, user=doctor, expected_version=1, care_team=[clinic_admin]
        )

    assert "care_team" in refused.value.message_dict
    assert list(patient.care_team.all()) == []


def _reassigned_by_admin(client, clinic_admin, patient, doctor, **changes):
    """Give `doctor` an open task on the patient, then save the admin form with `changes`."""
    waiting = follow_up_task_create(
        patient=patient, user=doctor, as_of=NOW.date(), description="Recheck ferritin",
        due_on=NOW.date(), owner=doctor,
    )  # fmt: skip
    client.force_login(clinic_admin)
    page = client.get(_change_url(patient))
    response = client.post(_change_url(patient), _submitted(page, **changes), follow=True)
    waiting.refresh_from_db()
    return waiting, " ".join(str(m) for m in response.context["messages"])


def test_a_reassignment_hands_the_previous_doctors_open_tasks_to_the_new_one(
    client, clinic_admin, patient, doctor, other_doctor
):
    waiting, said = _reassigned_by_admin(
        client, clinic_admin, patient, doctor, primary_doctor=other_doctor.pk
    )

    assert (waiting.owner, waiting.version, waiting.updated_by) == (other_doctor, 2, clinic_admin)
    assert f"Outsider now owns 1 open task of {patient.full_name}" in said


def test_a_previous_doctor_kept_on_the_care_team_keeps_their_tasks(
    client, clinic_admin, patient, doctor, other_doctor
):
    waiting, said = _reassigned_by_admin(
        client, clinic_admin, patient, doctor, primary_doctor=other_doctor.pk, care_team=[doctor.pk]
    )

    assert (waiting.owner, waiting.version) == (doctor, 1)
    assert "open task" not in said
