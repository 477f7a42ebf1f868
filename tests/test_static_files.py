"""Static files in production: hashed names, compressed variants and far-future cache headers.

Run in a subprocess with production settings (DEBUG off), because whitenoise and the manifest
storage are chosen when the settings load; the files are collected into a temporary folder.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = r"""
import json, sys
import django
from django.conf import settings
django.setup()
from django.core.management import call_command
from django.test import Client, override_settings

with override_settings(STATIC_ROOT=sys.argv[1]):
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.contrib.staticfiles.storage import staticfiles_storage
    url = staticfiles_storage.url("css/site.css")
    client = Client(headers={"accept-encoding": "gzip, br"})
    response = client.get(url)
    plain = Client().get(url)
    print(json.dumps({
        "url": url,
        "status": response.status_code,
        "headers": dict(response.headers),
        "plain_encoding": plain.headers.get("Content-Encoding"),
    }))
"""


def test_static_files_are_hashed_compressed_and_cached_for_a_year(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="s" * 60,
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SETTINGS_MODULE="handbook_site.settings",
        EMAIL_DISABLED="1",
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", SCRIPT, str(tmp_path / "static")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", found["url"])
    assert found["status"] == 200
    headers = found["headers"]
    assert headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert headers["Content-Encoding"] in {"br", "gzip"}
    assert "Accept-Encoding" in headers["Vary"]
    assert found["plain_encoding"] is None  # clients that cannot decompress get the plain file
    assert list((tmp_path / "static" / "css").glob("site.*.css.gz"))
