"""The `findings` command: its JSON contract, bad input, and stored patients."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from clinic.models import LabResult, LocalName, Medication

FINDING_KEYS = {
    "code",
    "category",
    "severity",
    "title",
    "evidence",
    "advice",
    "alternatives",
    "source",
}


def run(*args: str, stdin: str | None = None, monkeypatch=None) -> object:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out = io.StringIO()
    call_command("findings", *args, stdout=out)
    return json.loads(out.getvalue())


def codes(result: dict) -> set[str]:
    return {finding["code"] for finding in result["findings"]}


@pytest.fixture
def snapshot_file(tmp_path):
    def write(document: object) -> str:
        path = tmp_path / "snapshot.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        return str(path)

    return write


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


@pytest.mark.django_db
def test_it_prints_findings_for_one_snapshot(snapshot_file):
    result = run(snapshot_file(ISSUE_EXAMPLE))

    assert {
        "cause.pregnancy",
        "cause.diabetes",
        "cause.iron-deficiency",
        "drug.antiemetic-dopamine-antagonist",
        "lifestyle.caffeine",
        "lifestyle.alcohol",
        "lifestyle.smoking",
        "hereditary.family-history",
        "gap.hemoglobin",
    } <= codes(result)
    assert all(finding.keys() >= FINDING_KEYS for finding in result["findings"])


@pytest.mark.django_db
def test_it_answers_an_array_with_an_array_in_the_same_order(snapshot_file):
    empty = {"as_of": "2026-11-24"}
    result = run(snapshot_file([ISSUE_EXAMPLE, empty]))

    assert isinstance(result, list)
    assert "cause.diabetes" in codes(result[0])
    assert "cause.diabetes" not in codes(result[1])


@pytest.mark.django_db
def test_it_reads_standard_input(monkeypatch):
    stdin = json.dumps({"as_of": "2026-11-24", "medications": [{"name": "Benadryl 25mg"}]})

    result = run("-", stdin=stdin, monkeypatch=monkeypatch)

    assert "drug.sedating-antihistamine" in codes(result)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("document", "field"),
    [
        (
            {
                "as_of": "2026-11-24",
                "labs": [
                    {"analyte": "ferritin", "value": "abc", "unit": "ng/mL", "date": "2026-10-01"}
                ],
            },
            "labs[0].value",
        ),
        (
            {
                "as_of": "2026-11-24",
                "labs": [
                    {"analyte": "ferritin", "value": 30, "unit": "furlongs", "date": "2026-10-01"}
                ],
            },
            "labs[0].unit",
        ),
        ({"as_of": "2026-02-30"}, "as_of"),
        ({"as_of": "2026-11-24", "medications": "Reglan"}, "medications"),
        ({"sex": "female"}, "as_of"),
    ],
)
def test_it_names_the_field_of_bad_input(snapshot_file, document, field):
    with pytest.raises(CommandError) as error:
        run(snapshot_file(document))

    message = str(error.value)
    assert field in message
    assert "\n" not in message


@pytest.mark.django_db
def test_it_reports_a_refused_snapshot_by_index_and_still_evaluates_the_others(snapshot_file):
    out = io.StringIO()
    documents = [ISSUE_EXAMPLE, {"as_of": "not a date"}, {"as_of": "2026-11-24"}]

    with pytest.raises(CommandError, match=r"1 of 3 snapshots refused; first: \[1\]\.as_of"):
        call_command("findings", snapshot_file(documents), stdout=out)

    results = json.loads(out.getvalue())
    assert "cause.diabetes" in codes(results[0])
    assert results[1] == {"error": "[1].as_of: must be a date YYYY-MM-DD, got 'not a date'"}
    assert codes(results[2]) == {"gap.hemoglobin", "gap.iron-studies"}


@pytest.mark.django_db
def test_it_gives_each_medication_line_a_recognition_verdict(snapshot_file):
    lines = ["Reglan 10 mg", "metoclopramde 10 mg", "Prozak 20 mg"]
    document = {"as_of": "2026-11-24", "medications": [{"name": line} for line in lines]}

    result = run(snapshot_file(document))

    verdicts = [(m["name"], m["status"]) for m in result["medications"]]
    assert verdicts == [
        ("Reglan 10 mg", "recognised"),
        ("metoclopramde 10 mg", "approximate"),
        ("Prozak 20 mg", "not_recognised"),
    ]
    assert result["medications"][2]["suggestions"][0] == "Prozac (fluoxetine)"
    antiemetic = next(f for f in result["findings"] if f["code"].startswith("drug.antiemetic"))
    assert "matched approximately" in antiemetic["evidence"][1]["matched"]


@pytest.mark.django_db
def test_it_refuses_text_that_is_not_json(snapshot_file, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")

    with pytest.raises(CommandError, match="not valid JSON"):
        run(str(path))


def manage(*args: str, database_url: str = "sqlite:///:memory:") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        capture_output=True,
        text=True,
        env={"DJANGO_DEBUG": "true", "PATH": "/usr/bin:/bin", "DATABASE_URL": database_url},
        check=False,
    )


def deeply_nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (deeply_nested(100_000), "nested too deeply"),
        (
            '{"as_of": "2026-11-24", "labs": [{"analyte": "ferritin", "value": 1'
            + "0" * 400
            + ', "unit": "ng/mL", "date": "2026-01-01"}]}',
            "labs[0].value: must be a number no larger than 1e15, got a 401-digit number",
        ),
        (
            '{"as_of": "2026-11-24", "pregnancy": {"gestational_week": 9' + "9" * 399 + "}}",
            "400-digit",
        ),
        ("[" + "1" * 5000 + "]", "not readable JSON"),
    ],
    ids=["nested-100000", "400-digit-value", "400-digit-week", "5000-digit-number"],
)
def test_it_refuses_hostile_input_with_one_line(tmp_path, text, message):
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")

    done = manage("findings", str(path))

    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_it_evaluates_a_file_on_a_fresh_clone_before_migrate(tmp_path):
    path = tmp_path / "snapshot.json"
    path.write_text(json.dumps(ISSUE_EXAMPLE), encoding="utf-8")

    done = manage("findings", str(path), database_url=f"sqlite:///{tmp_path / 'fresh.sqlite3'}")

    assert done.returncode == 0, done.stderr
    assert "cause.diabetes" in codes(json.loads(done.stdout))
    assert "not migrated" in done.stderr


def test_it_exits_non_zero_with_one_line_and_no_traceback(tmp_path):
    path = tmp_path / "bad.json"
    lab = {"analyte": "ferritin", "value": "x", "unit": "ng/mL", "date": "2026-01-01"}
    path.write_text(json.dumps({"as_of": "2026-11-24", "labs": [lab]}))
    done = subprocess.run(
        [sys.executable, "manage.py", "findings", str(path)],
        capture_output=True,
        text=True,
        env={"DJANGO_DEBUG": "true", "PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:///:memory:"},
        check=False,
    )

    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "labs[0].value" in done.stderr


@pytest.mark.django_db
def test_it_evaluates_a_stored_patient(patient, doctor):
    Medication.objects.create(
        patient=patient, line="Reglan 10 mg tab PO TID", created_by=doctor, updated_by=doctor
    )
    LabResult.objects.create(
        patient=patient,
        analyte="ferritin",
        value=30,
        unit="ng/mL",
        collected_on=date(2026, 10, 1),
        created_by=doctor,
        updated_by=doctor,
    )

    result = run("--patient", patient.mrn, "--as-of", "2026-11-24")

    assert {"drug.antiemetic-dopamine-antagonist", "cause.iron-deficiency"} <= codes(result)


@pytest.mark.django_db
def test_it_reports_an_unknown_mrn():
    with pytest.raises(CommandError, match="no patient with MRN 'NOPE'"):
        run("--patient", "NOPE")


@pytest.mark.django_db
def test_it_applies_the_clinics_local_names(snapshot_file, doctor):
    LocalName.objects.create(
        kind="medication",
        name="Nauseastop",
        target="metoclopramide",
        created_by=doctor,
        updated_by=doctor,
    )

    result = run(
        snapshot_file({"as_of": "2026-11-24", "medications": [{"name": "Nauseastop 10mg"}]})
    )

    assert "drug.antiemetic-dopamine-antagonist" in codes(result)
