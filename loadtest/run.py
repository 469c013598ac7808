"""`make load`: serve Ekbom with gunicorn as the Dockerfile does and drive it with locust.

Seeds a clinic into LOAD_DATABASE_URL (default: the SQLite file loadtest.sqlite3) unless one is
there, starts gunicorn on 127.0.0.1 with the Dockerfile's command (GUNICORN_WORKERS, default 3),
runs 32 locust users doing a doctor's round for 60 s (0.5-2 s to read each page before the
next; `--think 0 0` for none), stops everything and prints one line: requests/s, p50/p95/p99
and errors.
"""

from __future__ import annotations

import argparse
import csv
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# The seeded doctors' password (give the one used when seeding LOAD_DATABASE_URL yourself).
PASSWORD = os.environ.get("LOAD_PASSWORD", "load-test-only-password")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patients", type=int, default=5_000)
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--port", type=int, default=8013)
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=(0.5, 2.0),
        metavar=("MIN", "MAX"),
        help="seconds a doctor reads each page before the next (0 0: as fast as served)",
    )
    args = parser.parse_args()
    env = server_env()
    manage("migrate", "--no-input", "-v", "0", env=env)
    manage("collectstatic", "--no-input", "-v", "0", env=env)
    size = str(args.patients)
    seeded = manage("seed_clinic", "--patients", size, "--password", PASSWORD, env=env, check=False)
    if seeded.returncode and "already holds a seeded clinic" not in seeded.stderr:
        sys.exit(seeded.stderr)
    with tempfile.TemporaryDirectory() as scratch, serving(env, args.port, scratch):
        stats = run_locust(args, scratch)
    print(summary(stats, args))


def server_env() -> dict[str, str]:
    database = os.environ.get("LOAD_DATABASE_URL", f"sqlite:///{ROOT / 'loadtest.sqlite3'}")
    return os.environ | {
        "DATABASE_URL": database,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on the loopback: no TLS proxy in front here.
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def manage(*args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=check,
    )  # fmt: skip


class serving:
    """gunicorn as the Dockerfile starts it, on the loopback, for the length of a `with`."""

    def __init__(self, env: dict[str, str], port: int, scratch: str) -> None:
        workers = os.environ.get("GUNICORN_WORKERS", "3")
        self.url = f"http://127.0.0.1:{port}"
        self.log = open(Path(scratch) / "gunicorn.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "clinic.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", workers, "--access-logfile", "-"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def __enter__(self) -> serving:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=2)
                return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        sys.exit("gunicorn did not answer /healthz")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def run_locust(args: argparse.Namespace, scratch: str) -> dict[str, str]:
    prefix = Path(scratch) / "load"
    think = " ".join(str(seconds) for seconds in args.think)
    subprocess.run(
        [str(BIN / "locust"), "-f", str(ROOT / "loadtest" / "locustfile.py"), "--headless",
         "-u", str(args.users), "-r", str(args.users), "-t", f"{args.seconds}s",
         "--host", f"http://127.0.0.1:{args.port}", "--csv", str(prefix), "--only-summary",
         "--loglevel", "WARNING"],
        cwd=ROOT, env=os.environ | {"LOAD_PASSWORD": PASSWORD, "LOAD_THINK": think}, check=False,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    with open(f"{prefix}_stats.csv", newline="") as stats:
        return next(row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")


def summary(stats: dict[str, str], args: argparse.Namespace) -> str:
    return (
        f"load: {args.users} users for {args.seconds} s, {think_text(args.think)}: "
        f"{stats['Request Count']} requests, "
        f"{float(stats['Requests/s']):.1f} requests/s, p50 {stats['50%']} ms, "
        f"p95 {stats['95%']} ms, p99 {stats['99%']} ms, errors {stats['Failure Count']}"
    )


def think_text(think: tuple[float, float]) -> str:
    low, high = think
    return f"{low:g}-{high:g} s on each page" if high else "no time on any page"


if __name__ == "__main__":
    main()
