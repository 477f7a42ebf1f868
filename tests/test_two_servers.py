"""Two gunicorn servers sharing PostgreSQL, Redis and a media folder (bench/two_servers.py).

Runs with the PostgreSQL suite (.ci/run starts PostgreSQL and Redis); skipped, with the reason,
where either is missing. About 40 seconds: two real servers on a fresh database.
"""

import json
import os
import subprocess
import sys

import pytest

from bench.servers import ROOT
from bench.two_servers import REDIS_URL, SKIP, postgres_reachable, redis_reachable

EXPECTED = [
    "session_from_a_valid_on_b",
    "b_warm_list_without_submitted_method",
    "b_submitted_method_not_public_yet",
    "b_pages_cached_in_shared_redis",
    "site_version_in_redis_is_the_databases",
    "editor_publishes_on_a",
    "b_lists_published_method_at_once",
    "b_shows_published_method_at_once",
    "publish_moves_the_version_in_redis",
    "b_puts_the_databases_version_back_after_a_flush",
    "editor_publishes_new_title_on_a",
    "b_shows_new_title_at_once",
    "b_lists_new_title_at_once",
    "b_sends_a_cached_page_gzipped",
    "upload_on_a",
    "b_serves_image_uploaded_on_a",
    "b_refuses_path_out_of_uploads",
    "no_server_errors_logged",
]


def why_not() -> str:
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        return (
            "runs with the PostgreSQL suite (DATABASE_URL=postgres://...): the two servers "
            "share one PostgreSQL database"
        )
    if reason := postgres_reachable():
        return reason
    if reason := redis_reachable(REDIS_URL):
        return f"{reason}; start it with: redis-server --daemonize yes"
    return ""


@pytest.mark.two_servers
def test_two_app_servers_share_sessions_cache_and_media():
    if reason := why_not():
        pytest.skip(reason)
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(ROOT / "bench" / "two_servers.py")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if result.returncode == SKIP:
        pytest.skip(json.loads(result.stdout)["skipped"])
    lines = result.stdout.strip().splitlines()
    report = json.loads(lines[-1]) if lines else {}
    assert result.returncode == 0, result.stderr[-4000:]
    assert {name: check["ok"] for name, check in report["checks"].items()} == dict.fromkeys(
        EXPECTED, True
    )
