"""Log-in protection and sessions: lockout after repeated failures, idle expiry, cookie flags."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD

LOGIN = reverse("login")
CASELOAD = reverse("clinic:caseload")
HOME = "192.0.2.1"
ELSEWHERE = "192.0.2.2"


def _log_in(client, username, password, address=HOME):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _fail(client, username, times, address=HOME):
    for _ in range(times):
        response = _log_in(client, username, "wrong-password", address)
    return response


def test_it_keeps_offering_the_form_below_the_failure_limit(client, doctor, settings):
    settings.AXES_FAILURE_LIMIT = 3

    response = _fail(client, "doctor", 2)

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.text


def test_it_locks_the_account_and_address_out_at_the_failure_limit(client, doctor, settings):
    settings.AXES_FAILURE_LIMIT = 3

    locked = _fail(client, "doctor", 3)
    with_right_password = _log_in(client, "doctor", PASSWORD)

    assert locked.status_code == 429
    assert "Log-in temporarily blocked" in locked.text
    assert "3 failed log-in attempts" in locked.text
    assert "ask a clinic administrator to unlock" in locked.text
    assert with_right_password.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_still_lets_the_account_log_in_from_another_address(client, doctor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    _fail(client, "doctor", 3)

    response = _log_in(client, "doctor", PASSWORD, address=ELSEWHERE)

    assert response.status_code == 302
    assert response.url == CASELOAD


def test_it_says_how_long_the_lockout_lasts(client, doctor, settings):
    settings.AXES_FAILURE_LIMIT = 1
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)

    response = _fail(client, "doctor", 1)

    assert "try again in 30 minutes" in " ".join(response.text.split())


def test_it_lifts_the_lockout_when_the_cool_off_ends(client, doctor, settings):
    settings.AXES_FAILURE_LIMIT = 1
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    _fail(client, "doctor", 1)

    with time_machine.travel(timezone.now() + timedelta(minutes=31), tick=False):
        response = _log_in(client, "doctor", PASSWORD)

    assert response.status_code == 302


def test_it_lets_a_clinic_admin_unlock_an_account(client, doctor, clinic_admin, settings):
    settings.AXES_FAILURE_LIMIT = 3
    _fail(client, "doctor", 3)
    attempt = AccessAttempt.objects.get(username="doctor")
    admin = client.__class__()
    admin.force_login(clinic_admin)

    changelist = admin.get(reverse("admin:axes_accessattempt_changelist"))
    unlocked = admin.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )

    assert changelist.status_code == 200
    assert "Locked Out" in changelist.text
    assert unlocked.status_code == 302
    assert _log_in(client, "doctor", PASSWORD).status_code == 302


def test_it_does_not_let_doctors_unlock_accounts(client, doctor, colleague, settings):
    settings.AXES_FAILURE_LIMIT = 3
    _fail(client, "doctor", 3)
    client.force_login(colleague)

    response = client.get(reverse("admin:axes_accessattempt_changelist"))

    assert response.status_code == 302  # to the admin log-in: doctors are not staff
    assert AccessAttempt.objects.filter(username="doctor").exists()


def test_it_ends_the_session_after_the_idle_time(client, doctor, settings):
    settings.SESSION_COOKIE_AGE = 30 * 60
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(doctor)
    # Activity every 29 minutes keeps the session alive; 31 idle minutes end it.
    for minutes in (29, 58):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get(CASELOAD).status_code == 200

    with time_machine.travel(start + timedelta(minutes=58 + 31), tick=False):
        response = client.get(CASELOAD)

    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_it_writes_the_session_at_most_once_a_minute(client, doctor, settings):
    settings.SESSION_COOKIE_AGE = 30 * 60
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(doctor)
    session = Session.objects.get()

    with time_machine.travel(start + timedelta(seconds=59), tick=False):
        client.get(CASELOAD)
    assert Session.objects.get().expire_date == session.expire_date  # not written

    with time_machine.travel(start + timedelta(seconds=60), tick=False):
        client.get(CASELOAD)
    assert Session.objects.get().expire_date == session.expire_date + timedelta(seconds=60)


def test_activity_unwritten_within_the_minute_still_counts_from_the_last_write(
    client, doctor, settings
):
    settings.SESSION_COOKIE_AGE = 30 * 60
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(doctor)
    with time_machine.travel(start + timedelta(seconds=59), tick=False):
        assert client.get(CASELOAD).status_code == 200  # within the minute: not written

    # Idle for 29 minutes after that request: within 30 of the log-in's write, still signed in.
    with time_machine.travel(start + timedelta(seconds=59, minutes=29), tick=False):
        assert client.get(CASELOAD).status_code == 200


def test_it_sets_secure_http_only_cookies(client, doctor):
    response = _log_in(client, "doctor", PASSWORD)

    session = response.cookies["sessionid"]
    csrf = response.cookies["csrftoken"]
    assert session["secure"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
    assert csrf["secure"]
    assert csrf["httponly"]


def test_it_sends_hsts_and_a_csp_without_inline_scripts(client):
    response = client.get(LOGIN, secure=True)

    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response.headers["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
