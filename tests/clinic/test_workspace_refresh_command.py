"""`refresh_findings`: stored findings follow what time alone changes."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from clinic.models import StoredFinding
from clinic.services.records import lab_result_create
from tests.conftest import NOW

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_it_opens_a_data_gap_when_the_last_result_grows_old(patient, doctor):
    for analyte, value, unit in (("ferritin", "120", "ng/mL"), ("hemoglobin", "135", "g/L")):
        lab_result_create(
            at=NOW,
            patient=patient,
            user=doctor,
            analyte=analyte,
            value=Decimal(value),
            unit=unit,
            collected_on=date(2026, 1, 10),
        )
    assert not StoredFinding.objects.filter(code="gap.iron-studies").exists()
    out = io.StringIO()

    call_command("refresh_findings", "--as-of", "2027-02-01", stdout=out)

    assert StoredFinding.objects.filter(patient=patient, code="gap.iron-studies").exists()
    assert "Refreshed the findings of 1 patients" in out.getvalue()
