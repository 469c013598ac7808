"""The patient admin at clinic scale: no wrapped queryset for clinic admins, one count a page."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


def patient_queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("admin:clinic_patient_changelist"))
    assert response.status_code == 200
    return [q["sql"] for q in captured if '"clinic_patient"' in q["sql"]]


def test_a_clinic_admin_lists_patients_without_a_subquery_and_counts_once(
    client, clinic_admin, make_patient
):
    make_patient()
    client.force_login(clinic_admin)

    queries = patient_queries(client)

    assert not [q for q in queries if "IN (SELECT" in q.upper()]
    assert len([q for q in queries if "COUNT(" in q.upper()]) == 1


def test_a_doctor_in_the_admin_still_sees_only_their_caseload(
    client, doctor, other_doctor, make_patient
):
    mine = make_patient(family_name="Mine")
    make_patient(family_name="Theirs", primary_doctor=other_doctor)
    doctor.is_staff = True
    doctor.save()
    client.force_login(doctor)

    response = client.get(reverse("admin:clinic_patient_changelist"))

    assert list(response.context["cl"].result_list) == [mine]
