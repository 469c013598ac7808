"""One road in: the workspace form, the admin page, the admin inline and the service refuse the
same bad values with the same words, and the admin warns about an aggravating drug too."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from clinic.models import Condition, LabResult, Medication, StoredFinding
from clinic.services.medications import CONFIRM_MESSAGE, medication_create
from clinic.services.records import condition_create, lab_result_create
from tests.clinic.test_admin import admin_url, change_form_data
from tests.conftest import NOW

pytestmark = pytest.mark.usefixtures("frozen_today")
ANTIEMETIC = "drug.antiemetic-dopamine-antagonist"

# Per kind: the model, the service, the workspace URL name, the inline prefix, valid values.
KINDS = {
    "lab": (
        LabResult,
        lab_result_create,
        "lab_create",
        "labresults",
        {
            "analyte": "hemoglobin",
            "value": Decimal("130"),
            "unit": "g/L",
            "collected_on": date(2026, 11, 1),
            "loinc": "",
        },
    ),
    "condition": (
        Condition,
        condition_create,
        "condition_create",
        "conditions",
        {"name": "Type 2 diabetes", "icd10": "E11", "onset_date": date(2020, 1, 1)},
    ),
    "medication": (
        Medication,
        medication_create,
        "medication_create",
        "medications",
        {"line": "Paracetamol 500 mg", "atc": "", "started_on": date(2026, 1, 1)},
    ),
}
# Only what the admin's forms ask for beyond the workspace's fields.
ADMIN_EXTRA = {"lab": {}, "condition": {"status": "active"}, "medication": {"status": "active"}}
BAD_VALUES = [
    ("lab", {"value": Decimal("9999")}, "value", "9999 g/L is outside the plausible range"),
    ("lab", {"collected_on": date(2030, 1, 1)}, "collected_on", "cannot be in the future"),
    ("lab", {"loinc": "abc"}, "loinc", "Enter a LOINC code such as 2276-4."),
    ("lab", {"loinc": "2276-4"}, "loinc", "LOINC 2276-4 is Ferritin, not Hemoglobin."),
    ("condition", {"icd10": "DIABETES"}, "icd10", "Enter an ICD-10 code such as E11"),
    ("condition", {"onset_date": date(1960, 1, 1)}, "onset_date", "before the patient's birth"),
    ("condition", {"name": "x" * 201}, "name", "at most 200 characters"),
    ("medication", {"line": "x" * 201}, "line", "at most 200 characters"),
    ("medication", {"started_on": date(2030, 1, 1)}, "started_on", "cannot be in the future"),
    ("medication", {"atc": "12345"}, "atc", "Enter an ATC code such as N06AB03."),
]
IDS = [f"{kind}-{field}-{next(iter(bad.values()))!s:.12}" for kind, bad, field, _ in BAD_VALUES]
# Lab results are read-only on the patient page: the admin inline is no road for them.
INLINE_VALUES = [case for case in BAD_VALUES if case[0] != "lab"]
INLINE_IDS = [i for i, case in zip(IDS, BAD_VALUES, strict=True) if case[0] != "lab"]


def form_values(values: dict[str, object]) -> dict[str, object]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def refused_over_http(response, message: str) -> None:
    assert response.status_code in (200, 422), "the bad value was saved"
    assert escape(message) in response.content.decode()


@pytest.mark.parametrize(("kind", "bad", "field", "message"), BAD_VALUES, ids=IDS)
class TestTheSameRefusalOnEveryRoad:
    def test_it_refuses_in_the_service(self, kind, bad, field, message, patient, doctor):
        model, service, *_, values = KINDS[kind]

        with pytest.raises(ValidationError) as refused:
            service(patient=patient, user=doctor, at=NOW, **values | bad)

        assert any(message in text for text in refused.value.message_dict[field])
        assert not model.objects.exists()

    def test_it_refuses_in_the_workspace_form(
        self, kind, bad, field, message, client, patient, doctor
    ):
        model, _, url_name, _, values = KINDS[kind]
        client.force_login(doctor)

        response = client.post(
            reverse(f"clinic:{url_name}", args=[patient.pk]), form_values(values | bad)
        )

        refused_over_http(response, message)
        assert not model.objects.exists()

    def test_it_refuses_on_the_admin_add_page(
        self, kind, bad, field, message, client, clinic_admin, patient
    ):
        model, *_, values = KINDS[kind]
        client.force_login(clinic_admin)
        data = form_values(values | ADMIN_EXTRA[kind] | bad) | {"patient": patient.pk}

        response = client.post(admin_url(model, "add"), data)

        refused_over_http(response, message)
        assert field in response.context["adminform"].form.errors
        assert not model.objects.exists()


@pytest.mark.parametrize(("kind", "bad", "field", "message"), INLINE_VALUES, ids=INLINE_IDS)
def test_it_refuses_in_the_admin_inline(kind, bad, field, message, client, clinic_admin, patient):
    model, _, _, prefix, values = KINDS[kind]
    client.force_login(clinic_admin)
    url = admin_url(type(patient), "change", patient.pk)
    data = change_form_data(client.get(url))
    row = form_values(values | ADMIN_EXTRA[kind] | bad) | {"patient": patient.pk}
    data |= {f"{prefix}-TOTAL_FORMS": 1} | {f"{prefix}-0-{k}": v for k, v in row.items()}

    response = client.post(url, data)

    refused_over_http(response, message)
    assert not model.objects.exists()


def test_it_keeps_lab_rows_read_only_on_the_patient_page(client, clinic_admin, patient, doctor):
    lab = lab_result_create(at=NOW, patient=patient, user=doctor, **KINDS["lab"][4])
    client.force_login(clinic_admin)
    url = admin_url(type(patient), "change", patient.pk)
    data = change_form_data(client.get(url)) | {"labresults-0-value": "9999"}

    client.post(url, data)

    lab.refresh_from_db()
    assert lab.value == Decimal("130")


AGGRAVATING = {"line": "Reglan 10 mg", "atc": "", "status": "active"}


def test_it_warns_in_the_admin_and_records_the_confirmation(client, clinic_admin, patient):
    client.force_login(clinic_admin)
    url = admin_url(Medication, "add")
    data = AGGRAVATING | {"patient": patient.pk}

    warned = client.post(url, data)
    confirmed = client.post(url, data | {"warned_codes": ANTIEMETIC, "confirm_warning": "on"})

    refused_over_http(warned, CONFIRM_MESSAGE)
    assert "safer" in warned.content.decode()
    assert confirmed.status_code == 302
    medication = Medication.objects.get()
    assert (medication.warning_codes, medication.warning_confirmed_by) == (
        [ANTIEMETIC],
        clinic_admin,
    )
    assert StoredFinding.objects.filter(patient=patient, code=ANTIEMETIC).exists()


def test_it_warns_in_the_patient_inline_and_records_the_confirmation(client, clinic_admin, patient):
    client.force_login(clinic_admin)
    url = admin_url(type(patient), "change", patient.pk)
    data = change_form_data(client.get(url)) | {"medications-TOTAL_FORMS": 1}
    data |= {f"medications-0-{k}": v for k, v in AGGRAVATING.items()}

    warned = client.post(url, data)
    confirmed = client.post(
        url,
        data | {"medications-0-warned_codes": ANTIEMETIC, "medications-0-confirm_warning": "on"},
    )

    refused_over_http(warned, CONFIRM_MESSAGE)
    assert confirmed.status_code == 302
    medication = Medication.objects.get()
    assert (medication.warning_codes, medication.warning_confirmed_by) == (
        [ANTIEMETIC],
        clinic_admin,
    )
    assert StoredFinding.objects.filter(patient=patient, code=ANTIEMETIC).exists()


def test_it_does_not_ask_again_when_an_admin_edits_a_confirmed_line(
    client, clinic_admin, doctor, patient
):
    medication = medication_create(
        at=NOW, patient=patient, user=doctor, line="Reglan 10 mg", confirmed_codes={ANTIEMETIC}
    )
    client.force_login(clinic_admin)
    data = AGGRAVATING | {"patient": patient.pk, "dose": "5 mg", "expected_version": 1}

    response = client.post(admin_url(Medication, "change", medication.pk), data)

    assert response.status_code == 302
    medication.refresh_from_db()
    assert (medication.dose, medication.warning_confirmed_by) == ("5 mg", doctor)


def test_it_decides_the_warning_once_per_request(client, doctor, patient):
    """Before: the line was matched three times and local names read three times per POST."""
    client.force_login(doctor)
    data = {"line": "Reglan 10 mg", "warned_codes": ANTIEMETIC, "confirm_warning": "on"}
    url = reverse("clinic:medication_create", args=[patient.pk])

    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)

    assert response.status_code == 302
    local_name_reads = [q for q in queries.captured_queries if "clinic_localname" in q["sql"]]
    assert len(local_name_reads) == 1
    # With the patient summary the findings refresh updates (and the acknowledgements it reads),
    # and the duplicate-therapy check; the session is not written (saved at log-in). The line's
    # CHECK constraints are validated in one query (clinic/models/checks.py), not three each,
    # and its created_by and updated_by stamps not at all (the signed-in user).
    assert len(queries) == 26
