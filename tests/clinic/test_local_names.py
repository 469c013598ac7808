"""Local names added in the admin reach the engine on the next evaluation, without a restart."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import (
    Condition,
    FindingsRefresh,
    LocalName,
    Medication,
    Patient,
    StoredFinding,
)
from clinic.selectors.findings import patient_findings
from clinic.snapshots import with_snapshot_data

ADD_URL = reverse("admin:clinic_localname_add")


def codes_of(patient: Patient) -> set[str]:
    fresh = with_snapshot_data(Patient.objects.filter(pk=patient.pk)).get()
    return {finding.code for finding in patient_findings(fresh, as_of=timezone.localdate())}


@pytest.fixture
def admin_client(client, clinic_admin):
    client.force_login(clinic_admin)
    return client


def preview(admin_client, data: dict[str, object]):
    """Post a local name once: the admin answers with the preview instead of saving."""
    return admin_client.post(ADD_URL, data)


def save_local_name(admin_client, data: dict[str, object]):
    """Post a local name, read the preview, and confirm it: what an admin does."""
    shown = preview(admin_client, data)
    previewed_as = shown.context["adminform"].form.data.get("previewed_as", "")
    return admin_client.post(ADD_URL, data | {"previewed_as": previewed_as, "preview_seen": "on"})


def test_it_maps_a_regional_brand_to_a_generic_on_the_next_evaluation(
    admin_client, patient, doctor
):
    Medication.objects.create(
        patient=patient, line="Nauseastop 10 mg", created_by=doctor, updated_by=doctor
    )
    assert "drug.antiemetic-dopamine-antagonist" not in codes_of(patient)

    response = save_local_name(
        admin_client, {"kind": "medication", "name": "Nauseastop", "target": "metoclopramide"}
    )

    assert response.status_code == 302
    assert "drug.antiemetic-dopamine-antagonist" in codes_of(patient)


def test_it_maps_a_local_condition_name_to_a_family(admin_client, patient, doctor):
    Condition.objects.create(
        patient=patient, name="Sugar sickness", created_by=doctor, updated_by=doctor
    )

    save_local_name(
        admin_client, {"kind": "condition", "name": "sugar sickness", "target": "cause.diabetes"}
    )

    assert "cause.diabetes" in codes_of(patient)


def test_it_refuses_a_target_of_the_other_kind(admin_client):
    response = admin_client.post(
        ADD_URL, {"kind": "condition", "name": "Nauseastop", "target": "metoclopramide"}
    )

    assert response.status_code == 200
    assert "is not a known condition" in response.content.decode()
    assert not LocalName.objects.exists()


def test_it_refuses_a_second_spelling_of_the_same_name(admin_client):
    save_local_name(
        admin_client, {"kind": "medication", "name": "Nauseastop", "target": "metoclopramide"}
    )

    response = admin_client.post(
        ADD_URL, {"kind": "medication", "name": "NAUSEASTOP", "target": "phenytoin"}
    )

    assert response.status_code == 200
    assert "already mapped for this kind" in response.content.decode()
    assert LocalName.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "field", "reason"),
    [
        ("mg", "name", "at least 3 letters"),
        ("10", "name", "at least 3 letters"),
        ("tab", "name", "a unit, a dose or a common word"),
        ("10 mg tab", "name", "a unit, a dose or a common word"),
        ("daily", "name", "a unit, a dose or a common word"),
        ("Zyrtec", "overrides_knowledge_base", "cetirizine, a safer alternative"),
        ("Requip", "overrides_knowledge_base", "ropinirole, an RLS treatment"),
    ],
)
def test_it_refuses_a_name_that_is_no_name_or_already_known(admin_client, name, field, reason):
    data = {"kind": "medication", "name": name, "target": "metoclopramide"}

    response = save_local_name(admin_client, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert reason in " ".join(errors[field])
    assert not LocalName.objects.exists()


def test_it_maps_a_known_name_only_with_the_override_ticked(admin_client):
    data = {"kind": "medication", "name": "Zyrtec", "target": "metoclopramide"}

    response = save_local_name(admin_client, data | {"overrides_knowledge_base": "on"})

    assert response.status_code == 302
    assert LocalName.objects.get().overrides_knowledge_base


def test_it_accepts_a_real_regional_brand(admin_client):
    data = {"kind": "medication", "name": "Cerucal", "target": "metoclopramide"}

    assert save_local_name(admin_client, data).status_code == 302


def test_it_previews_what_the_name_would_newly_match_before_saving(admin_client, make_patient):
    doctor_rows = {"created_by": None, "updated_by": None}
    lines = ["Nauseastop 10 mg", "Nauseastop 5 mg", "Ondansetron 4 mg", "Nauseastop drops"]
    for line in lines:
        patient = make_patient()
        rows = doctor_rows | {
            "created_by": patient.primary_doctor,
            "updated_by": patient.primary_doctor,
        }
        status = "stopped" if line.endswith("drops") else "active"
        stopped_on = timezone.localdate() if status == "stopped" else None
        Medication.objects.create(
            patient=patient, line=line, status=status, stopped_on=stopped_on, **rows
        )
    data = {"kind": "medication", "name": "Nauseastop", "target": "metoclopramide"}

    response = preview(admin_client, data)

    assert response.status_code == 200
    (message,) = response.context["adminform"].form.errors["preview_seen"]
    assert message.startswith("It newly matches 2 active medication lines in the clinic")
    assert "“Nauseastop 10 mg”" in message
    assert "Ondansetron" not in message
    assert not LocalName.objects.exists()


def test_it_asks_again_when_the_name_changed_after_the_preview(admin_client):
    shown = preview(
        admin_client, {"kind": "medication", "name": "Cerucal", "target": "metoclopramide"}
    )
    previewed_as = shown.context["adminform"].form.data["previewed_as"]

    response = admin_client.post(
        ADD_URL,
        {"kind": "medication", "name": "Gastrosil", "target": "metoclopramide"}
        | {"previewed_as": previewed_as, "preview_seen": "on"},
    )

    assert response.status_code == 200
    assert not LocalName.objects.exists()


def test_it_shows_the_new_finding_on_the_caseload_at_once(
    admin_client, client, patient, doctor, django_capture_on_commit_callbacks
):
    Medication.objects.create(
        patient=patient, line="Nauseastop 10 mg", created_by=doctor, updated_by=doctor
    )

    with django_capture_on_commit_callbacks(execute=True):
        save_local_name(
            admin_client, {"kind": "medication", "name": "Nauseastop", "target": "metoclopramide"}
        )

    stored = StoredFinding.objects.filter(patient=patient).values_list("code", flat=True)
    assert "drug.antiemetic-dopamine-antagonist" in stored
    client.force_login(doctor)
    caseload = client.get(reverse("clinic:caseload"), {"aggravating_drug": "on"})
    assert patient.family_name in caseload.content.decode()
    run = FindingsRefresh.objects.get()
    assert (run.reason, run.patients_done, run.patients_total) == ("local-names", 1, 1)


def test_it_refreshes_the_caseload_when_a_local_name_is_deleted(
    admin_client, patient, doctor, django_capture_on_commit_callbacks
):
    Medication.objects.create(
        patient=patient, line="Nauseastop 10 mg", created_by=doctor, updated_by=doctor
    )
    with django_capture_on_commit_callbacks(execute=True):
        save_local_name(
            admin_client, {"kind": "medication", "name": "Nauseastop", "target": "metoclopramide"}
        )
    local_name = LocalName.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:clinic_localname_delete", args=[local_name.pk]), {"post": "yes"}
        )

    stored = StoredFinding.objects.filter(patient=patient).values_list("code", flat=True)
    assert "drug.antiemetic-dopamine-antagonist" not in stored
