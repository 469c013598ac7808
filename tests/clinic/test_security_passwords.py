"""Passwords: Argon2 hashes, Django's validators, and a reset by email in the site's own pages."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

import clinic.settings as production_settings
from clinic.views import password_reset
from tests.conftest import PASSWORD, make_user

NEW_PASSWORD = "sloe-gin-under-the-linden"


def test_it_hashes_a_new_users_password_with_argon2(db, settings):
    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS  # tests hash faster

    user = User.objects.create_user("newdoctor", password="a-long-enough-pass-phrase")

    assert user.password.startswith("argon2")


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short1!", "too short"),
        ("password1234", "too common"),
        ("4815162342108", "entirely numeric"),
        ("newdoctor12", "too similar"),
    ],
)
def test_it_refuses_weak_passwords(db, password, reason):
    user = User(username="newdoctor")

    with pytest.raises(ValidationError, match=reason):
        validate_password(password, user)


@pytest.mark.parametrize(
    "name",
    ["password_reset", "password_reset_done", "password_reset_complete"],
)
def test_it_shows_the_reset_pages_in_the_site_layout_without_logging_in(client, db, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert "base.html" in [template.name for template in response.templates]
    assert "admin/base.html" not in [template.name for template in response.templates]


def _reset_link(client, email: str) -> str:
    client.post(reverse("password_reset"), {"email": email})
    (message,) = mail.outbox
    return re.search(r"https?://[^/]+(/accounts/reset/\S+)", message.body).group(1)


def test_it_resets_a_password_through_the_emailed_link(client, doctor):
    doctor.email = "doctor@clinic.example"
    doctor.save()

    link = _reset_link(client, doctor.email)
    form = client.get(link, follow=True)
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    assert mail.outbox[0].subject == "Reset your Ekbom password"
    assert "Choose a new password" in form.text
    assert "Your password has been changed" in done.text
    doctor.refresh_from_db()
    assert doctor.check_password(NEW_PASSWORD)


def test_it_refuses_a_weak_new_password_on_reset(client, doctor):
    doctor.email = "doctor@clinic.example"
    doctor.save()
    form = client.get(_reset_link(client, doctor.email), follow=True)

    response = client.post(
        form.redirect_chain[-1][0], {"new_password1": "12345", "new_password2": "12345"}
    )

    assert response.status_code == 200
    assert "This password is too short" in response.text


def test_it_does_not_reveal_whether_an_address_has_an_account(client, doctor):
    response = client.post(reverse("password_reset"), {"email": "nobody@clinic.example"})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_it_explains_a_used_or_broken_reset_link(client, db):
    response = client.get(
        reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "bad-token"})
    )

    assert response.status_code == 200
    assert "This reset link is not valid" in response.text


def test_it_changes_a_password_for_a_logged_in_doctor(client, doctor):
    client.force_login(doctor)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    assert "Your password has been changed" in response.text
    doctor.refresh_from_db()
    assert doctor.check_password(NEW_PASSWORD)


def test_it_throttles_reset_requests_per_address(client, make_user_with_email, mailoutbox):
    doctor = make_user_with_email("resetter")
    answers = [client.post(reverse("password_reset"), {"email": doctor.email}) for _ in range(5)]

    assert len(mailoutbox) == 3
    assert {(a.status_code, a.url) for a in answers} == {(302, reverse("password_reset_done"))}


def test_it_throttles_reset_requests_per_client(client, make_user_with_email, mailoutbox):
    users = [make_user_with_email(f"doc{i}") for i in range(12)]

    for user in users:
        client.post(reverse("password_reset"), {"email": user.email})

    assert len(mailoutbox) == 10


def test_it_pads_a_reset_request_to_the_same_time(monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr(password_reset.time, "sleep", slept.append)

    password_reset._pad_to(password_reset.time.monotonic(), 1.0)

    assert slept
    assert 0.9 < slept[0] <= 1.0


@pytest.fixture
def make_user_with_email(db):
    def make(username: str):
        user = make_user(username, "Doctors")
        user.email = f"{username}@clinic.example"
        user.save()
        return user

    return make
