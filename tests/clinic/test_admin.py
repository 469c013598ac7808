"""The Django admin as a clinic admin uses it: every page answers, search and filters work,
saves stamp who changed what, and clinical rows cannot be deleted."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission, User
from django.db.models import Model
from django.test import RequestFactory
from django.urls import reverse

from clinic.models import (
    Allergy,
    Condition,
    FhirLink,
    FindingAcknowledgement,
    FindingsRefresh,
    FollowUpTask,
    HookCall,
    LabResult,
    LocalName,
    Medication,
    Patient,
    StoredFinding,
    VisitNote,
)
from tests.conftest import TODAY

ADMIN_MODELS = [
    *(model for model in admin.site._registry if model._meta.app_label == "clinic"),
    User,
]
CLINICAL_MODELS = [Patient, LabResult, Condition, Medication, VisitNote]


def admin_url(model: type[Model], view: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def may_add(model: type[Model], user: User) -> bool:
    request = RequestFactory().get("/admin/")
    request.user = user
    return admin.site._registry[model].has_add_permission(request)


@pytest.fixture
def admin_client(client, clinic_admin):
    """A browser logged in as a clinic admin (not a superuser)."""
    client.force_login(clinic_admin)
    return client


@pytest.fixture
def every_row(doctor, make_patient) -> dict[type[Model], Model]:
    """Return one row of every model the admin shows, in the doctor's caseload."""
    patient = make_patient(given_name="Ingrid", family_name="Halvorsen", mrn="HAL-0042")
    by = {"created_by": doctor, "updated_by": doctor}
    rows: dict[type[Model], Model] = {
        User: doctor,
        Patient: patient,
        LabResult: LabResult.objects.create(
            patient=patient, analyte="ferritin", value=Decimal("31"), unit="ng/mL",
            collected_on=TODAY, **by,
        ),
        Condition: Condition.objects.create(
            patient=patient, name="Hypothyroidism", icd10="E03.9", **by
        ),
        Medication: Medication.objects.create(patient=patient, line="Reglan 10 mg tab", **by),
        VisitNote: VisitNote.objects.create(
            patient=patient, visit_date=TODAY, author=doctor, irls_score=22, text="Worse.", **by
        ),
        LocalName: LocalName.objects.create(
            kind="medication", name="Cerucal", target="metoclopramide", **by
        ),
        StoredFinding: StoredFinding.objects.create(
            patient=patient, code="cause.iron-deficiency", category="secondary_cause",
            severity="warning", title="Iron deficiency", fingerprint="f" * 32, evaluated_on=TODAY,
        ),
        FindingAcknowledgement: FindingAcknowledgement.objects.create(
            patient=patient, code="cause.iron-deficiency", fingerprint="f" * 32,
            reason="IV iron booked.", acknowledged_by=doctor,
        ),
        FindingsRefresh: FindingsRefresh.objects.create(
            reason="daily", as_of=TODAY, patients_total=1, patients_done=1,
        ),
        FhirLink: FhirLink.objects.create(
            resource_type="Patient", resource_id="synthea-1", patient=patient,
            object_id=patient.pk, digest="0" * 64,
        ),
        HookCall: HookCall.objects.create(service="ekbom-order-select", status=200, cards=1),
        Allergy: Allergy.objects.create(
            patient=patient, substance="Penicillin", criticality="high", reaction="Hives", **by
        ),
        FollowUpTask: FollowUpTask.objects.create(
            patient=patient, description="Recheck ferritin", due_on=TODAY, set_on=TODAY,
            owner=doctor, **by,
        ),
    }  # fmt: skip
    return rows


def result_list(response) -> list[Model]:
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


class TestEveryPage:
    @pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda m: m._meta.label)
    def test_it_answers_the_changelist_and_change_page(self, admin_client, every_row, model):
        assert model in every_row, f"add a {model.__name__} to the every_row fixture"
        row = every_row[model]

        assert admin_client.get(admin_url(model, "changelist")).status_code == 200
        assert admin_client.get(admin_url(model, "change", row.pk)).status_code == 200

    @pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda m: m._meta.label)
    def test_it_answers_the_add_page_only_where_admins_may_add(
        self, admin_client, clinic_admin, model
    ):
        expected = 200 if may_add(model, clinic_admin) else 403

        assert admin_client.get(admin_url(model, "add")).status_code == expected

    def test_it_lets_admins_add_the_clinical_records_but_not_findings(self, clinic_admin):
        addable = {model for model in ADMIN_MODELS if may_add(model, clinic_admin)}

        assert {*CLINICAL_MODELS, LocalName, User} <= addable
        assert not {StoredFinding, FindingAcknowledgement} & addable


class TestPatientList:
    def test_it_finds_a_patient_by_name_and_by_mrn(self, admin_client, make_patient):
        wanted = make_patient(given_name="Ingrid", family_name="Halvorsen", mrn="HAL-0042")
        make_patient(given_name="Olga", family_name="Petrova", mrn="PET-0007")
        url = admin_url(Patient, "changelist")

        for query in ("halvorsen", "Ingrid", "HAL-0042"):
            assert result_list(admin_client.get(url, {"q": query})) == [wanted]

    def test_it_filters_patients_by_doctor_and_status(
        self, admin_client, doctor, other_doctor, make_patient
    ):
        mine = make_patient(mrn="MINE")
        theirs = make_patient(mrn="THEIRS", primary_doctor=other_doctor)
        gone = make_patient(mrn="GONE", primary_doctor=other_doctor, status="deceased")
        url = admin_url(Patient, "changelist")

        by_doctor = result_list(admin_client.get(url, {"primary_doctor__id__exact": doctor.pk}))
        by_status = result_list(admin_client.get(url, {"status__exact": "deceased"}))

        assert by_doctor == [mine]
        assert by_status == [gone]
        assert theirs not in by_doctor + by_status

    def test_it_filters_lab_results_by_analyte_and_doctor(
        self, admin_client, every_row, other_doctor, make_patient
    ):
        ferritin = every_row[LabResult]
        other = make_patient(primary_doctor=other_doctor)
        LabResult.objects.create(
            patient=other, analyte="hemoglobin", value=Decimal("12"), unit="g/dL",
            collected_on=TODAY, created_by=other_doctor, updated_by=other_doctor,
        )  # fmt: skip
        url = admin_url(LabResult, "changelist")

        by_analyte = result_list(admin_client.get(url, {"analyte__exact": "ferritin"}))
        by_doctor = result_list(
            admin_client.get(
                url, {"patient__primary_doctor__id__exact": ferritin.patient.primary_doctor_id}
            )
        )

        assert by_analyte == [ferritin]
        assert by_doctor == [ferritin]


def change_form_data(response) -> dict[str, object]:
    """Return the POST data that saves a patient's change form unchanged, inlines included."""
    patient = response.context["original"]
    data: dict[str, object] = {
        "mrn": patient.mrn,
        "given_name": patient.given_name,
        "family_name": patient.family_name,
        "birth_date": patient.birth_date.isoformat(),
        "sex": patient.sex,
        "status": patient.status,
        "primary_doctor": patient.primary_doctor_id,
        "care_team": [user.pk for user in patient.care_team.all()],
        "family_history_rls": patient.family_history_rls,
        "expected_version": patient.version,
        "_save": "Save",
    }
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data |= {
            f"{formset.prefix}-TOTAL_FORMS": formset.total_form_count(),
            f"{formset.prefix}-INITIAL_FORMS": formset.initial_form_count(),
            f"{formset.prefix}-MIN_NUM_FORMS": 0,
            f"{formset.prefix}-MAX_NUM_FORMS": 1000,
        }
        for form in formset.initial_forms:
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                if name == "id":
                    value = form.instance.pk
                data[form.add_prefix(name)] = "" if value is None else value
    return data


class TestSavingAPatient:
    def test_it_stamps_new_and_changed_inline_rows_and_bumps_versions(
        self, admin_client, clinic_admin, doctor, every_row
    ):
        patient, note = every_row[Patient], every_row[VisitNote]
        url = admin_url(Patient, "change", patient.pk)
        data = change_form_data(admin_client.get(url))
        data |= {
            "given_name": "Inga",
            "visitnotes-0-irls_score": "25",
            "conditions-TOTAL_FORMS": 2,
            "conditions-1-name": "Type 2 diabetes mellitus",
            "conditions-1-icd10": "E11.9",
            "conditions-1-status": "active",
            "conditions-1-patient": patient.pk,
        }

        response = admin_client.post(url, data)

        assert response.status_code == 302, response.context["adminform"].form.errors
        patient.refresh_from_db()
        note.refresh_from_db()
        new = Condition.objects.get(patient=patient, icd10="E11.9")
        assert (patient.given_name, patient.version, patient.updated_by) == (
            "Inga",
            2,
            clinic_admin,
        )
        assert (note.irls_score, note.version, note.created_by, note.updated_by) == (
            25,
            2,
            doctor,
            clinic_admin,
        )
        assert (new.created_by, new.updated_by, new.version) == (clinic_admin, clinic_admin, 1)
        untouched = every_row[Condition]
        untouched.refresh_from_db()
        assert (untouched.version, untouched.updated_by) == (1, doctor)

    def test_it_keeps_the_form_and_names_the_field_on_a_bad_inline_row(
        self, admin_client, every_row
    ):
        patient = every_row[Patient]
        url = admin_url(Patient, "change", patient.pk)
        data = change_form_data(admin_client.get(url))
        data |= {"visitnotes-0-irls_score": "41"}

        response = admin_client.post(url, data)

        assert response.status_code == 200
        errors = [inline.formset.errors for inline in response.context["inline_admin_formsets"]]
        assert any("irls_score" in form_errors for group in errors for form_errors in group)
        assert VisitNote.objects.get().irls_score == 22

    def test_it_records_a_new_patient_as_created_by_the_admin(
        self, admin_client, clinic_admin, doctor
    ):
        data = {
            "mrn": "NEW-0001",
            "given_name": "Astrid",
            "family_name": "Nilsen",
            "birth_date": (TODAY - timedelta(days=40 * 365)).isoformat(),
            "sex": "female",
            "status": "active",
            "primary_doctor": doctor.pk,
            "family_history_rls": "unknown",
            **{
                f"{prefix}-{key}": value
                for prefix in ("labresults", "conditions", "medications", "visitnotes")
                for key, value in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))
            },
        }

        response = admin_client.post(admin_url(Patient, "add"), data)

        assert response.status_code == 302, response.context["adminform"].form.errors
        created = Patient.objects.get(mrn="NEW-0001")
        assert (created.created_by, created.updated_by, created.version) == (
            clinic_admin,
            clinic_admin,
            1,
        )

    def test_it_refreshes_the_stored_findings_of_the_saved_patient(self, admin_client, every_row):
        patient = every_row[Patient]
        url = admin_url(Patient, "change", patient.pk)
        data = change_form_data(admin_client.get(url)) | {"uses_caffeine": "on"}

        admin_client.post(url, data)

        stored = set(StoredFinding.objects.filter(patient=patient).values_list("code", flat=True))
        assert {"lifestyle.caffeine", "drug.antiemetic-dopamine-antagonist"} <= stored

    def test_it_refreshes_stored_findings_when_a_record_is_saved_on_its_own(
        self, admin_client, every_row
    ):
        medication = every_row[Medication]
        data = {"patient": medication.patient_id, "line": "Tramadol 50mg", "status": "active"}
        data["expected_version"] = medication.version

        response = admin_client.post(admin_url(Medication, "change", medication.pk), data)

        assert response.status_code == 302
        stored = set(
            StoredFinding.objects.filter(patient=medication.patient).values_list("code", flat=True)
        )
        assert stored == {
            "caution.opioid",
            "cause.endocrine-disorder",
            "cause.iron-deficiency",
            "gap.hemoglobin",
        }


class TestNothingClinicalIsDeleted:
    @pytest.mark.parametrize(
        "model",
        [*CLINICAL_MODELS, StoredFinding, FindingAcknowledgement],
        ids=lambda m: m._meta.label,
    )
    def test_it_refuses_the_delete_page(self, admin_client, every_row, model):
        row = every_row[model]

        response = admin_client.post(admin_url(model, "delete", row.pk), {"post": "yes"})

        assert response.status_code == 403
        assert model.objects.filter(pk=row.pk).exists()

    def test_it_offers_no_bulk_delete_of_patients(self, admin_client, every_row):
        patient = every_row[Patient]
        url = admin_url(Patient, "changelist")
        offered = admin_client.get(url)

        response = admin_client.post(
            url, {"action": "delete_selected", "_selected_action": [patient.pk], "post": "yes"}
        )

        model_admin = offered.context["cl"].model_admin
        assert "delete_selected" not in model_admin.get_actions(offered.wsgi_request)
        assert response.status_code in (200, 302)
        assert Patient.objects.filter(pk=patient.pk).exists()

    def test_it_lets_admins_delete_a_local_name(self, admin_client, every_row):
        name = every_row[LocalName]

        response = admin_client.post(admin_url(LocalName, "delete", name.pk), {"post": "yes"})

        assert response.status_code == 302
        assert not LocalName.objects.filter(pk=name.pk).exists()


class TestAccounts:
    def user_form_data(self, user: User, **changes: object) -> dict[str, object]:
        return {
            "username": user.username,
            "first_name": user.first_name,
            "is_active": "on",
            "is_staff": "on",
            "date_joined_0": TODAY.isoformat(),
            "date_joined_1": "09:00:00",
            "groups": [group.pk for group in user.groups.all()],
            **changes,
        }

    def test_it_keeps_a_clinic_admin_from_making_anyone_a_superuser(
        self, admin_client, clinic_admin
    ):
        delete_patient = Permission.objects.get(codename="delete_patient")
        data = self.user_form_data(
            clinic_admin, is_superuser="on", user_permissions=[delete_patient.pk]
        )

        response = admin_client.post(admin_url(User, "change", clinic_admin.pk), data)

        assert response.status_code == 302
        clinic_admin.refresh_from_db()
        assert not clinic_admin.is_superuser
        assert not clinic_admin.user_permissions.exists()

    def test_it_keeps_a_clinic_admin_off_a_superusers_account(self, admin_client):
        root = User.objects.create_superuser("root", password="a-long-root-passphrase")

        change = admin_client.post(admin_url(User, "change", root.pk), self.user_form_data(root))
        password = admin_client.get(admin_url(User, "password_change", root.pk))

        assert (change.status_code, password.status_code) == (403, 403)
        assert admin_client.get(admin_url(User, "change", root.pk)).status_code == 200
