"""The data model's invariants: database constraints, field validation, and model helpers."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, connection, transaction
from django.utils import timezone

from clinic.models import (
    Allergy,
    Condition,
    LabResult,
    LocalName,
    Medication,
    Patient,
    VisitNote,
)
from clinic.models.records import atc_validator, icd10_validator
from rls import due_date_from_gestational_age, to_canonical
from tests.conftest import TODAY


def audit(patient: Patient) -> dict:
    return {"created_by": patient.primary_doctor, "updated_by": patient.primary_doctor}


def make_lab(patient: Patient, **fields) -> LabResult:
    defaults = {"analyte": "hemoglobin", "value": Decimal("13.5"), "unit": "g/dL"}
    return LabResult.objects.create(
        patient=patient, collected_on=TODAY, **audit(patient), **(defaults | fields)
    )


def make_medication(patient: Patient, **fields) -> Medication:
    return Medication.objects.create(
        patient=patient, **audit(patient), **({"line": "Ropinirole 0.5 mg"} | fields)
    )


def make_condition(patient: Patient, **fields) -> Condition:
    return Condition.objects.create(
        patient=patient, **audit(patient), **({"name": "Hypothyroidism"} | fields)
    )


def make_visit(patient: Patient, **fields) -> VisitNote:
    defaults = {"visit_date": TODAY, "text": "Follow-up.", "author": patient.primary_doctor}
    return VisitNote.objects.create(patient=patient, **audit(patient), **(defaults | fields))


def rejected_by_database():
    """Expect the database to refuse the write; the savepoint keeps the test's transaction."""
    return pytest.raises(IntegrityError)


class TestConstraints:
    def test_it_rejects_a_second_patient_with_the_same_mrn(self, make_patient):
        make_patient(mrn="RLS-0001")

        with rejected_by_database(), transaction.atomic():
            make_patient(mrn="RLS-0001")

    def test_it_rejects_an_irls_score_above_40_in_the_database(self, patient):
        make_visit(patient, irls_score=40)

        with rejected_by_database(), transaction.atomic():
            make_visit(patient, irls_score=41)

    def test_it_rejects_an_irls_score_above_40_in_validation_naming_the_field(self, patient):
        note = VisitNote(
            patient=patient,
            visit_date=TODAY,
            text="x",
            author=patient.primary_doctor,
            irls_score=41,
        )

        with pytest.raises(ValidationError) as error:
            note.full_clean(exclude=["created_by", "updated_by"])

        assert list(error.value.message_dict) == ["irls_score"]
        assert "40" in error.value.message_dict["irls_score"][0]

    def test_it_rejects_a_medication_stopped_before_it_started(self, patient):
        make_medication(patient, started_on=TODAY, stopped_on=TODAY, status="stopped")

        with rejected_by_database(), transaction.atomic():
            make_medication(
                patient, started_on=TODAY, stopped_on=TODAY - timedelta(days=1), status="stopped"
            )

    def test_it_rejects_a_stop_date_on_an_active_medication(self, patient):
        with rejected_by_database(), transaction.atomic():
            make_medication(patient, stopped_on=TODAY, status="active")

    def test_it_rejects_a_condition_resolved_before_its_onset(self, patient):
        make_condition(patient, onset_date=TODAY, resolved_on=TODAY, status="resolved")

        with rejected_by_database(), transaction.atomic():
            make_condition(
                patient, onset_date=TODAY, resolved_on=TODAY - timedelta(days=1), status="resolved"
            )

    def test_it_rejects_a_lab_unit_that_is_not_a_unit_of_its_analyte(self, patient):
        make_lab(patient, analyte="ferritin", value=Decimal("30"), unit="ng/mL")

        with rejected_by_database(), transaction.atomic():
            make_lab(patient, analyte="ferritin", value=Decimal("30"), unit="g/dL")

    def test_it_rejects_a_pregnancy_for_a_male_patient(self, make_patient):
        make_patient(sex="female", pregnancy_due_date=TODAY + timedelta(days=60))

        with rejected_by_database(), transaction.atomic():
            make_patient(sex="male", pregnancy_due_date=TODAY + timedelta(days=60))

    @pytest.mark.parametrize("make_entry", [make_lab, make_medication, make_condition, make_visit])
    def test_it_requires_a_reason_to_mark_an_entry_entered_in_error(self, patient, make_entry):
        error_fields = {
            "entered_in_error_at": timezone.now(),
            "entered_in_error_by": patient.primary_doctor,
        }
        make_entry(patient, **error_fields, entered_in_error_reason="Wrong patient.")

        with rejected_by_database(), transaction.atomic():
            make_entry(patient, **error_fields, entered_in_error_reason="")


class TestCanonicalLabValues:
    @pytest.mark.parametrize(
        ("analyte", "value", "unit", "canonical"),
        [
            ("hemoglobin", "13.5", "g/dL", Decimal("135")),
            ("hemoglobin", "8.0", "mmol/L", Decimal("128.88")),
            ("hemoglobin", "121", "g/L", Decimal("121")),
            ("hba1c", "48", "mmol/mol", Decimal("6.5420")),
            ("serum_iron", "17.91", "µmol/L", Decimal("100")),
            ("vitamin_d", "50", "nmol/L", Decimal("20.0321")),
            ("vitamin_b12", "148", "pmol/L", Decimal("200.5420")),
            ("ferritin", "30", "ng/mL", Decimal("30")),
        ],
    )
    def test_it_computes_the_canonical_value_in_the_database(
        self, patient, analyte, value, unit, canonical
    ):
        result = make_lab(patient, analyte=analyte, value=Decimal(value), unit=unit)
        result.refresh_from_db()

        assert result.value_canonical == pytest.approx(canonical, abs=Decimal("0.0001"))
        assert float(result.value_canonical) == pytest.approx(
            to_canonical(analyte, float(value), unit), abs=0.0001
        )

    def test_it_sorts_labs_of_mixed_units_by_their_canonical_value(self, patient):
        make_lab(patient, value=Decimal("12.9"), unit="g/dL")
        make_lab(patient, value=Decimal("125"), unit="g/L")
        make_lab(patient, value=Decimal("8.1"), unit="mmol/L")

        ordered = LabResult.objects.order_by("value_canonical").values_list("unit", flat=True)

        assert list(ordered) == ["g/L", "g/dL", "mmol/L"]


class TestCodeValidators:
    @pytest.mark.parametrize(
        "code", ["E11", "E11.65", "E1165", "G25.81", "D50.9", "Z99.2", "C7A.1"]
    )
    def test_it_accepts_an_icd10_code(self, code):
        icd10_validator(code)

    @pytest.mark.parametrize("code", ["e11.9", "E1", "11.9", "E11.", "E11.12345", "EE1", "E11-9"])
    def test_it_rejects_a_malformed_icd10_code(self, code):
        with pytest.raises(ValidationError, match="ICD-10"):
            icd10_validator(code)

    @pytest.mark.parametrize("code", ["N", "N06", "N06A", "N06AB", "N06AB03", "A03FA01"])
    def test_it_accepts_an_atc_code_at_every_level(self, code):
        atc_validator(code)

    @pytest.mark.parametrize("code", ["n06ab03", "N6", "N06A03", "N06AB3", "N06AB033", "06AB03"])
    def test_it_rejects_a_malformed_atc_code(self, code):
        with pytest.raises(ValidationError, match="ATC"):
            atc_validator(code)

    def test_it_names_the_field_of_a_bad_code_on_validation(self, patient):
        condition = Condition(patient=patient, name="Diabetes", icd10="diabetes")
        medication = Medication(patient=patient, line="Reglan", atc="reglan")

        with pytest.raises(ValidationError) as condition_error:
            condition.full_clean(exclude=["created_by", "updated_by"])
        with pytest.raises(ValidationError) as medication_error:
            medication.full_clean(exclude=["created_by", "updated_by"])

        assert list(condition_error.value.message_dict) == ["icd10"]
        assert list(medication_error.value.message_dict) == ["atc"]


class TestPatientDates:
    @pytest.mark.parametrize(
        ("born", "on", "age"),
        [
            (date(1970, 5, 17), date(2026, 5, 16), 55),
            (date(1970, 5, 17), date(2026, 5, 17), 56),
            (date(2000, 2, 29), date(2025, 2, 28), 24),
            (date(2000, 2, 29), date(2025, 3, 1), 25),
        ],
    )
    def test_it_counts_age_in_completed_years(self, make_patient, born, on, age):
        assert make_patient(birth_date=born).age_on(on) == age

    @pytest.mark.parametrize(
        ("weeks", "trimester"), [(4, 1), (13, 1), (14, 2), (27, 2), (28, 3), (39, 3)]
    )
    def test_it_dates_a_pregnancy_from_the_due_date(self, make_patient, weeks, trimester):
        due = due_date_from_gestational_age(weeks, 3, TODAY)
        pregnant = make_patient(pregnancy_due_date=due)

        assert pregnant.gestational_week_on(TODAY) == weeks
        assert pregnant.trimester_on(TODAY) == trimester

    def test_it_has_no_gestational_week_without_a_due_date(self, patient):
        assert patient.gestational_week_on(TODAY) is None
        assert patient.trimester_on(TODAY) is None


class TestCaseload:
    def test_it_holds_the_primary_and_care_team_patients_once_each(
        self, doctor, other_doctor, make_patient
    ):
        own = make_patient(mrn="OWN")
        shared = make_patient(mrn="SHARED", primary_doctor=other_doctor)
        shared.care_team.add(doctor)
        both = make_patient(mrn="BOTH")
        both.care_team.add(doctor, other_doctor)
        make_patient(mrn="ELSEWHERE", primary_doctor=other_doctor)

        caseload = Patient.objects.in_caseload_of(doctor)

        assert sorted(p.mrn for p in caseload) == ["BOTH", "OWN", "SHARED"]
        assert {own, shared, both} == set(caseload)

    def test_it_leaves_out_the_patients_of_other_caseloads(self, other_doctor, make_patient):
        make_patient()

        assert not Patient.objects.in_caseload_of(other_doctor).exists()

    def test_it_reads_the_care_team_once_in_the_same_query(self, doctor, django_assert_num_queries):
        caseload = Patient.objects.in_caseload_of(doctor)

        sql = str(caseload.query)
        with django_assert_num_queries(1):
            list(caseload)
        # `IN (SELECT ...)` beside the OR made PostgreSQL scan every patient (docs/scaling.md).
        if connection.vendor == "postgresql":
            assert '"clinic_patient"."id" = ANY(ARRAY(SELECT' in sql
        else:
            assert '"clinic_patient"."id" IN (SELECT' in sql


@pytest.mark.parametrize(
    ("score", "band"),
    [(None, ""), (0, "none"), (1, "mild"), (10, "mild"), (11, "moderate"), (20, "moderate"),
     (21, "severe"), (30, "severe"), (31, "very severe"), (40, "very severe")],
)  # fmt: skip
def test_it_bands_the_irls_score(score, band):
    assert VisitNote(irls_score=score).irls_band == band


class TestLocalNames:
    def make(self, doctor, **fields) -> LocalName:
        defaults = {"kind": "medication", "name": "Cerucal", "target": "metoclopramide"}
        return LocalName.objects.create(created_by=doctor, updated_by=doctor, **(defaults | fields))

    def test_it_rejects_the_same_name_of_a_kind_in_another_case(self, doctor):
        self.make(doctor)

        with rejected_by_database(), transaction.atomic():
            self.make(doctor, name="CERUCAL")

    def test_it_allows_the_same_name_for_a_condition_and_a_medication(self, doctor):
        self.make(doctor, name="Sugar")
        self.make(doctor, kind="condition", name="sugar", target="cause.diabetes")

        assert LocalName.objects.count() == 2

    @pytest.mark.parametrize(
        ("kind", "target"),
        [
            ("medication", "metoclopramide"),
            ("medication", "drug.ssri"),
            ("condition", "cause.diabetes"),
        ],
    )
    def test_it_accepts_a_target_the_knowledge_base_knows(self, kind, target):
        LocalName(kind=kind, name="Local", target=target).clean()

    @pytest.mark.parametrize(
        ("kind", "target"),
        [
            ("medication", "no-such-drug"),
            ("medication", "cause.diabetes"),
            ("condition", "drug.ssri"),
        ],
    )
    def test_it_rejects_an_unknown_target_naming_the_field(self, kind, target):
        with pytest.raises(ValidationError) as error:
            LocalName(kind=kind, name="Local", target=target).clean()

        assert list(error.value.message_dict) == ["target"]
        assert target in error.value.message_dict["target"][0]


@pytest.mark.usefixtures("frozen_today")
class TestDeliveryAge:
    """A pregnancy or delivery only at an age births are recorded at (10 to 60 at delivery)."""

    DUE = TODAY + timedelta(days=100)

    @pytest.mark.parametrize(
        ("age_at_delivery", "refused"),
        [(9, True), (10, False), (60, False), (61, True)],
        ids=["nine", "ten", "sixty", "sixty-one"],
    )
    def test_it_judges_the_age_at_the_due_date(self, make_patient, age_at_delivery, refused):
        born = self.DUE.replace(year=self.DUE.year - age_at_delivery)
        patient = make_patient(sex="female", birth_date=born, pregnancy_due_date=self.DUE)
        patient._stored_due_date = None  # judged as a newly entered due date

        if refused:
            with pytest.raises(ValidationError) as error:
                patient.full_clean()
            message = error.value.message_dict["pregnancy_due_date"][0]
            assert f"would be {age_at_delivery} at delivery" in message
        else:
            patient.full_clean()

    def test_it_judges_a_recorded_delivery_too(self, make_patient):
        patient = make_patient(sex="female", birth_date=date(2020, 1, 1))
        patient.last_delivery_date = TODAY - timedelta(days=30)

        with pytest.raises(ValidationError) as error:
            patient.full_clean()

        assert "would be 6 at delivery" in error.value.message_dict["last_delivery_date"][0]

    def test_a_look_alike_an_older_woman_without_a_pregnancy_is_fine(self, make_patient):
        make_patient(sex="female", birth_date=date(1940, 1, 1)).full_clean()


class TestAllergy:
    def make(self, patient: Patient, **fields) -> Allergy:
        return Allergy.objects.create(
            patient=patient, **audit(patient), **({"substance": "Penicillin"} | fields)
        )

    def test_it_rejects_an_allergy_without_a_substance_in_the_database(self, patient):
        with rejected_by_database(), transaction.atomic():
            self.make(patient, substance="")

    @pytest.mark.parametrize(
        ("field", "limit"), [("substance", 200), ("code", 200), ("reaction", 300)]
    )
    def test_it_rejects_a_text_longer_than_its_limit_in_the_database(self, patient, field, limit):
        self.make(patient, **{field: "x" * limit})

        # SQLite has no length on a text column: the check constraint refuses it there, as an
        # IntegrityError; PostgreSQL's varchar refuses it first, as a DataError.
        with pytest.raises((IntegrityError, DataError)), transaction.atomic():
            self.make(patient, **{field: "x" * (limit + 1)})

    @pytest.mark.usefixtures("frozen_today")
    def test_it_rejects_a_recorded_date_in_the_future_naming_the_field(self, patient):
        allergy = Allergy(
            patient=patient, substance="Penicillin", recorded_on=TODAY + timedelta(days=1)
        )

        with pytest.raises(ValidationError) as error:
            allergy.full_clean(exclude=["created_by", "updated_by"])

        assert list(error.value.message_dict) == ["recorded_on"]
        assert "future" in error.value.message_dict["recorded_on"][0]

    def test_it_lists_a_patients_current_allergies_under_their_own_name(self, patient):
        kept = self.make(patient)
        self.make(
            patient,
            substance="Latex",
            entered_in_error_at=timezone.now(),
            entered_in_error_by=patient.primary_doctor,
            entered_in_error_reason="Wrong patient",
        )

        assert list(patient.allergies.current()) == [kept]
