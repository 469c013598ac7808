"""The JSON contract: parse_snapshot's errors name the field; findings and snapshots round-trip."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest

from rls.engine import evaluate
from rls.snapshot import ConditionStatus, Habit, MedicationStatus, Sex
from rls.snapshot_json import SnapshotError, findings_to_json, parse_snapshot, snapshot_to_json

ISSUE_EXAMPLE = {
    "as_of": "2026-11-24",
    "sex": "female",
    "birth_date": "1985-03-02",
    "pregnancy": {"gestational_week": 31},
    "family_history_rls": True,
    "habits": ["caffeine", "alcohol", "smoking"],
    "conditions": [{"name": "Type 2 diabetes mellitus", "icd10": "E11.9", "status": "active"}],
    "medications": [{"name": "Reglan 10 mg tab", "atc": "A03FA01", "status": "active"}],
    "labs": [
        {
            "analyte": "ferritin",
            "loinc": "2276-4",
            "value": 40,
            "unit": "ng/mL",
            "date": "2026-10-01",
        }
    ],
}


def with_change(path: str, value: object) -> dict:
    """Return the issue example with one field (dotted path, list indexes as numbers) replaced."""
    document = copy.deepcopy(ISSUE_EXAMPLE)
    *parents, last = path.split(".")
    target = document
    for key in parents:
        target = target[int(key)] if key.isdigit() else target[key]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return document


def test_it_parses_the_issue_example():
    snapshot = parse_snapshot(ISSUE_EXAMPLE)

    assert snapshot.as_of == date(2026, 11, 24)
    assert snapshot.sex == Sex.FEMALE
    assert snapshot.pregnancy.gestational_week == 31
    assert snapshot.habits == frozenset(Habit)
    assert snapshot.conditions[0].status == ConditionStatus.ACTIVE
    assert snapshot.labs[0].analyte == "ferritin"


def test_it_defaults_every_optional_field():
    snapshot = parse_snapshot({"as_of": "2026-11-24", "medications": [{"name": "Reglan"}]})

    assert snapshot.sex == Sex.UNKNOWN
    assert snapshot.medications[0].status == MedicationStatus.ACTIVE
    assert (snapshot.birth_date, snapshot.pregnancy, snapshot.family_history_rls) == (
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("analyte", "loinc", "expected"),
    [("ferritin", "", "ferritin"), ("", "718-7", "hemoglobin"), ("", "59260-0", "hemoglobin")],
)
def test_it_accepts_an_analyte_a_loinc_code_or_both(analyte, loinc, expected):
    lab = {
        "value": 8,
        "unit": "mmol/L" if expected == "hemoglobin" else "ng/mL",
        "date": "2026-10-01",
    }
    lab |= {"analyte": analyte} if analyte else {}
    lab |= {"loinc": loinc} if loinc else {}

    assert parse_snapshot({"as_of": "2026-11-24", "labs": [lab]}).labs[0].analyte == expected


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "snapshot: must be an object, got list"),
        ({"sex": "female"}, "as_of: required"),
        (with_change("as_of", "2026-02-30"), "as_of: must be a date YYYY-MM-DD, got '2026-02-30'"),
        (with_change("as_of", 20261124), "as_of: must be a string, got 20261124"),
        (with_change("birth_date", "2027-01-01"), "birth_date: after as_of (2026-11-24)"),
        (with_change("sex", "f"), "sex: must be one of female, male, other, unknown, got 'f'"),
        (
            with_change("habits", ["coffee"]),
            "habits[0]: must be one of caffeine, alcohol, smoking, got 'coffee'",
        ),
        (with_change("habits", "caffeine"), "habits: must be a list, got 'caffeine'"),
        (
            with_change("family_history_rls", "yes"),
            "family_history_rls: must be true or false, got 'yes'",
        ),
        (
            with_change("pregnancy.gestational_week", "31"),
            "pregnancy.gestational_week: must be a whole number of weeks, got '31'",
        ),
        (
            with_change("pregnancy.gestational_week", 50),
            "pregnancy.gestational_week: must be 0–45, got 50",
        ),
        (with_change("medications", "Reglan"), "medications: must be a list, got 'Reglan'"),
        (with_change("medications.0.name", ""), "medications[0].name: required"),
        (
            with_change("medications.0.status", "paused"),
            "medications[0].status: must be one of active, stopped, got 'paused'",
        ),
        (
            with_change("conditions.0.status", "stopped"),
            "conditions[0].status: must be one of active, resolved, got 'stopped'",
        ),
        (with_change("conditions.0.icd10", 250), "conditions[0].icd10: must be a string, got 250"),
        (with_change("labs.0.value", "abc"), "labs[0].value: must be a number, got 'abc'"),
        (with_change("labs.0.value", True), "labs[0].value: must be a number, got True"),
        (with_change("labs.0.value", ...), "labs[0].value: required"),
        (
            with_change("labs.0.unit", "furlongs"),
            "labs[0].unit: 'furlongs' is not a unit for ferritin (use µg/L, ng/mL)",
        ),
        (
            with_change("labs.0.date", "2026-13-01"),
            "labs[0].date: must be a date YYYY-MM-DD, got '2026-13-01'",
        ),
        (with_change("labs.0.analyte", "iron"), "labs[0].analyte: unknown analyte 'iron'"),
        (with_change("labs.0.loinc", "718-7"), "labs[0].loinc: 718-7 is hemoglobin, not ferritin"),
        (with_change("labs.0.loinc", "0000-0"), "labs[0].loinc: unknown LOINC code '0000-0'"),
        (
            with_change("labs.0.value", 1_000_000),
            "labs[0].value: 1e+06 µg/L is outside the plausible range",
        ),
        (with_change("medication", []), "medication: unknown field"),
        (with_change("labs.0.units", "ng/mL"), "labs[0].units: unknown field"),
    ],
)
def test_it_names_the_field_and_reason_of_bad_input_on_one_line(document, message):
    with pytest.raises(SnapshotError) as error:
        parse_snapshot(document)

    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)
    assert error.value.field_path == message.split(":")[0]


def test_it_round_trips_a_snapshot_through_json():
    snapshot = parse_snapshot(ISSUE_EXAMPLE)

    assert parse_snapshot(json.loads(json.dumps(snapshot_to_json(snapshot)))) == snapshot


def test_it_writes_findings_as_json_that_reads_back_the_same():
    findings = evaluate(parse_snapshot(ISSUE_EXAMPLE))

    document = json.loads(json.dumps(findings_to_json(findings), ensure_ascii=False))

    assert document == {"findings": [f.to_dict() for f in findings]}
    assert document["findings"][0]["code"] == "drug.antiemetic-dopamine-antagonist"
    lab = next(f for f in document["findings"] if f["code"] == "cause.iron-deficiency")
    assert lab["evidence"][0] | {"ref": ""} == {
        "kind": "lab",
        "text": "Ferritin 40 ng/mL",
        "ref": "",
        "date": "2026-10-01",
        "value": 40.0,
        "unit": "µg/L",
        "threshold": "ferritin ≤ 75 µg/L (AASM 2024 guideline)",
        "matched": "",
    }


def test_it_accepts_refs_on_rows_and_echoes_them_in_evidence():
    document = with_change("medications.0.ref", "medication:12")

    findings = evaluate(parse_snapshot(document))

    drug = next(f for f in findings if f.code == "drug.antiemetic-dopamine-antagonist")
    assert drug.evidence[0].ref == "medication:12"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            {
                "as_of": "2026-11-24",
                "labs": [
                    {"analyte": "ferritin", "value": 10**400, "unit": "ng/mL", "date": "2026-01-01"}
                ],
            },
            "labs[0].value: must be a number no larger than 1e15, got a 401-digit number",
        ),
        (
            {"as_of": "2026-11-24", "pregnancy": {"gestational_week": -(10**399)}},
            "pregnancy.gestational_week: must be 0–45, got a 400-digit number",
        ),
        (
            {
                "as_of": "2026-11-24",
                "labs": [
                    {"analyte": "ferritin", "value": 10**15, "unit": "ng/mL", "date": "2026-01-01"}
                ],
            },
            "labs[0].value: 1e+15 µg/L is outside the plausible range",
        ),
    ],
)
def test_it_refuses_huge_numbers_in_one_short_line(document, message):
    with pytest.raises(SnapshotError) as error:
        parse_snapshot(document)

    assert str(error.value).startswith(message)
    assert len(str(error.value)) < 200


def test_it_reads_and_writes_a_conditions_onset():
    document = {
        "as_of": "2026-11-24",
        "conditions": [{"name": "Pregnant state", "icd10": "Z33.1", "onset": "2026-09-01"}],
    }

    parsed = parse_snapshot(document)

    assert parsed.conditions[0].onset == date(2026, 9, 1)
    assert parse_snapshot(snapshot_to_json(parsed)) == parsed


def test_it_names_a_bad_onset():
    document = {"as_of": "2026-11-24", "conditions": [{"name": "X", "onset": "soon"}]}

    with pytest.raises(SnapshotError, match=r"^conditions\[0\]\.onset: must be a date"):
        parse_snapshot(document)


FOLLOW_UP = {
    "as_of": "2026-11-24",
    "medications": [{"name": "Mirapex 0.25 mg"}],
    "visits": [
        {
            "date": "2026-11-01",
            "irls_total": 24,
            "criteria": {"urge_to_move": True, "worse_at_rest": None},
            "augmentation": {"earlier_onset": True, "spread": True},
            "ref": "visit:1",
        }
    ],
    "iron_therapies": [{"route": "iv", "started_on": "2026-08-01", "name": "Ferinject"}],
}


def test_it_round_trips_visits_iron_therapy_and_date_of_death():
    snapshot = parse_snapshot(FOLLOW_UP | {"date_of_death": "2026-11-24"})

    assert parse_snapshot(json.loads(json.dumps(snapshot_to_json(snapshot)))) == snapshot
    assert snapshot.visits[0].criteria.urge_to_move is True
    assert snapshot.visits[0].criteria.evening_or_night is None
    assert {f.code for f in evaluate(snapshot)} >= {"caution.augmentation", "gap.iron-recheck"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"visits": [{"irls_total": 3}]}, "visits[0].date: required"),
        (
            {"visits": [{"date": "2026-11-01", "irls_total": 41}]},
            "visits[0].irls_total: must be a whole number 0–40, got 41",
        ),
        (
            {"visits": [{"date": "2026-11-01", "criteria": {"urge_to_move": "yes"}}]},
            "visits[0].criteria.urge_to_move: must be true or false, got 'yes'",
        ),
        (
            {"visits": [{"date": "2026-11-01", "augmentation": {"earlier": True}}]},
            "visits[0].augmentation.earlier: unknown field",
        ),
        (
            {"iron_therapies": [{"route": "rectal", "started_on": "2026-08-01"}]},
            "iron_therapies[0].route: must be one of oral, iv, got 'rectal'",
        ),
        ({"iron_therapies": [{"route": "iv"}]}, "iron_therapies[0].started_on: required"),
        ({"date_of_death": "yesterday"}, "date_of_death: must be a date YYYY-MM-DD"),
    ],
)
def test_it_names_the_field_of_bad_follow_up_input(change, message):
    with pytest.raises(SnapshotError) as error:
        parse_snapshot(FOLLOW_UP | change)

    assert str(error.value).startswith(message)
