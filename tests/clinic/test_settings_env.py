"""Settings fail loudly on a bad value, and production settings pass `check --deploy` clean."""

from __future__ import annotations

import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from clinic.env import env_bool, env_int, env_list, env_str

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "PATH": "/usr/bin:/bin",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DJANGO_ALLOWED_HOSTS": "ekbom.example",
    "DATABASE_URL": "sqlite:///:memory:",
}


def _python(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT,
        env=PRODUCTION | env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("word", ["maybe", "2", "enabled"])
def test_it_refuses_a_boolean_that_is_not_yes_or_no(monkeypatch, word):
    monkeypatch.setenv("DJANGO_DEBUG", word)

    with pytest.raises(ImproperlyConfigured, match=f"DJANGO_DEBUG must be true or false.*{word}"):
        env_bool("DJANGO_DEBUG")


@pytest.mark.parametrize(("raw", "expected"), [("YES", True), (" off ", False), ("1", True)])
def test_it_reads_yes_and_no_words(monkeypatch, raw, expected):
    monkeypatch.setenv("DJANGO_DEBUG", raw)

    assert env_bool("DJANGO_DEBUG") is expected


@pytest.mark.parametrize("raw", ["abc", "3.5", "30m"])
def test_it_refuses_a_number_that_is_not_whole(monkeypatch, raw):
    monkeypatch.setenv("EKBOM_SESSION_IDLE_MINUTES", raw)

    with pytest.raises(ImproperlyConfigured, match="EKBOM_SESSION_IDLE_MINUTES must be a whole"):
        env_int("EKBOM_SESSION_IDLE_MINUTES", 30)


def test_it_refuses_a_number_below_the_minimum(monkeypatch):
    monkeypatch.setenv("EKBOM_LOGIN_FAILURE_LIMIT", "0")

    with pytest.raises(ImproperlyConfigured, match="EKBOM_LOGIN_FAILURE_LIMIT must be at least 1"):
        env_int("EKBOM_LOGIN_FAILURE_LIMIT", 5, minimum=1)


def test_it_uses_defaults_for_unset_variables(monkeypatch):
    for name in ("EKBOM_UNSET_A", "EKBOM_UNSET_B", "EKBOM_UNSET_C", "EKBOM_UNSET_D"):
        monkeypatch.delenv(name, raising=False)

    assert env_int("EKBOM_UNSET_A", 30) == 30
    assert env_bool("EKBOM_UNSET_B", default=True) is True
    assert env_list("EKBOM_UNSET_C", ["localhost"]) == ["localhost"]
    assert env_str("EKBOM_UNSET_D", "x") == "x"


def test_it_splits_a_list_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", " a.example, ,b.example,")

    assert env_list("DJANGO_ALLOWED_HOSTS", []) == ["a.example", "b.example"]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG must be true or false"),
        ({"EKBOM_SESSION_IDLE_MINUTES": "abc"}, "EKBOM_SESSION_IDLE_MINUTES must be a whole"),
        ({"EKBOM_LOGIN_FAILURE_LIMIT": "0"}, "EKBOM_LOGIN_FAILURE_LIMIT must be at least 1"),
        ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY must be set"),
        (
            {"DJANGO_EMAIL_USE_TLS": "yes", "DJANGO_EMAIL_USE_SSL": "yes"},
            "Set at most one of DJANGO_EMAIL_USE_TLS and DJANGO_EMAIL_USE_SSL",
        ),
    ],
)
def test_it_stops_start_up_naming_the_bad_variable(env, message):
    done = _python("-c", "import clinic.settings", **env)

    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr
    assert message in done.stderr


def test_it_passes_the_deployment_checks_with_production_settings():
    done = _python("manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout
    assert "WARNINGS" not in done.stdout + done.stderr
