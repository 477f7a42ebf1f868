"""`PORT=8080 make run` serves links, QR codes, e-mails and PDFs that point at the address served.

SITE_URL defaulted to http://127.0.0.1:8000 whatever port runserver listened on. The run and
seed targets now pass SITE_URL=http://127.0.0.1:$(PORT) to every command (migrate too, which
sets the site's address in account mails), unless SITE_URL is set in the environment.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def dry_run(*args: str, **env: str) -> list[str]:
    """The commands `make -n ...` would run that call manage.py."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SITE_URL", "PORT", "MAKEFLAGS", "MAKELEVEL", "MFLAGS"}
    }
    result = subprocess.run(  # noqa: S603 - make on our own Makefile
        ["make", "-n", *args],  # noqa: S607
        cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return [line for line in result.stdout.splitlines() if "manage.py" in line]


def test_run_on_another_port_points_the_site_url_at_it():
    assert dry_run("run", "PORT=8080") == [
        "SITE_URL=http://127.0.0.1:8080 .venv/bin/python manage.py migrate --noinput",
        "SITE_URL=http://127.0.0.1:8080 .venv/bin/python manage.py seed_demo",
        "SITE_URL=http://127.0.0.1:8080 .venv/bin/python manage.py runserver 127.0.0.1:8080",
    ]


def test_port_from_the_environment_counts_too():
    commands = dry_run("run", PORT="8081")
    assert commands[-1] == (
        "SITE_URL=http://127.0.0.1:8081 .venv/bin/python manage.py runserver 127.0.0.1:8081"
    )


def test_the_default_port_is_8000():
    assert dry_run("run")[-1] == (
        "SITE_URL=http://127.0.0.1:8000 .venv/bin/python manage.py runserver 127.0.0.1:8000"
    )


def test_a_site_url_from_the_environment_is_kept():
    commands = dry_run("run", "PORT=8080", SITE_URL="https://x.example")
    assert commands == [
        "SITE_URL=https://x.example .venv/bin/python manage.py migrate --noinput",
        "SITE_URL=https://x.example .venv/bin/python manage.py seed_demo",
        "SITE_URL=https://x.example .venv/bin/python manage.py runserver 127.0.0.1:8080",
    ]


def test_seed_migrates_with_the_same_site_url():
    assert dry_run("seed", "PORT=8080") == [
        "SITE_URL=http://127.0.0.1:8080 .venv/bin/python manage.py migrate --noinput",
        "SITE_URL=http://127.0.0.1:8080 .venv/bin/python manage.py seed_demo",
    ]
