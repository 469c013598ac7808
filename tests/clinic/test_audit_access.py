"""Access entries: every view, print and export of a patient record lands in the audit trail."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.test import RequestFactory
from django.urls import reverse

from clinic.audit import client_ip, record_access


def _request(user, **meta):
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7", **meta)
    request.user = user
    return request


@pytest.mark.parametrize("what", ["record", "print", "export"])
def test_it_records_who_viewed_which_patient_from_where(doctor, patient, what):
    entry = record_access(_request(doctor), patient, what)

    stored = LogEntry.objects.get(pk=entry.pk)
    assert stored.action == LogEntry.Action.ACCESS
    assert stored.actor == doctor
    assert stored.remote_addr == "203.0.113.7"
    assert stored.object_id == patient.pk
    assert stored.additional_data == {"patient_id": patient.pk, "access": what}
    assert stored.timestamp is not None


def test_it_finds_access_entries_by_patient(doctor, make_patient):
    first, second = make_patient(), make_patient()
    record_access(_request(doctor), first, "record")
    record_access(_request(doctor), second, "export")

    for_first = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, additional_data__patient_id=first.pk
    )
    assert [entry.object_id for entry in for_first] == [first.pk]


def test_it_refuses_an_unknown_kind_of_access(doctor, patient):
    with pytest.raises(ValueError, match="what must be one of"):
        record_access(_request(doctor), patient, "download")  # type: ignore[arg-type]

    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_it_ignores_a_forwarded_address_sent_without_a_trusted_proxy(doctor, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 0

    assert client_ip(_request(doctor, HTTP_X_FORWARDED_FOR="198.51.100.1")) == "203.0.113.7"


def test_it_takes_the_address_the_trusted_proxy_saw(doctor, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    forged_then_real = "10.9.9.9, 198.51.100.1"

    assert client_ip(_request(doctor, HTTP_X_FORWARDED_FOR=forged_then_real)) == "198.51.100.1"


@pytest.mark.parametrize(
    ("url_name", "what"), [("clinic:patient", "record"), ("clinic:patient_print", "print")]
)
def test_it_records_each_view_of_the_record_and_print_pages(
    client, doctor, patient, frozen_today, url_name, what
):
    client.force_login(doctor)

    client.get(reverse(url_name, args=[patient.pk]), REMOTE_ADDR="198.51.100.23")

    (entry,) = LogEntry.objects.filter(action=LogEntry.Action.ACCESS)
    assert (entry.actor, entry.remote_addr) == (doctor, "198.51.100.23")
    assert entry.additional_data == {"patient_id": patient.pk, "access": what}
