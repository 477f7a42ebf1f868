"""Two app servers sharing PostgreSQL, a Redis cache and one media folder, checked over HTTP.

    .venv/bin/python bench/two_servers.py          # exit 0: every check passed, 1: one failed,
                                                   # 77: PostgreSQL or Redis is not reachable

Recreates the scratch database kh_load_two, loads the demo handbook, flushes Redis database 5
(REDIS_URL, default redis://127.0.0.1:6379/5) and starts gunicorn A and B on two free ports
with the same DATABASE_URL, REDIS_URL and MEDIA_ROOT (a temporary folder), production settings
and SERVE_MEDIA on. Then, over HTTP only:

1. sign in on A through allauth's login form; the same session cookie on B shows the profile;
2. B's anonymous method list and the submitted method's page are loaded (filling any cache),
   an editor on A publishes the method through the review page, and at once B lists it and
   shows its page; the site version in Redis (core/siteversion.py) is the database's, before
   and after the publish;
3. Redis is flushed (a restart without persistence): B serves and puts the database's version
   back; the editor starts a new version of a published method on A, changes its title and
   publishes it; at once B shows the new title on the method's page and in the list; a cached
   page asked for with Accept-Encoding: gzip comes gzipped and unpacks to the page;
4. an image uploaded through A's editor endpoint is served by B: same bytes, image type, nosniff;
   a path out of the upload folder gives 404.

Both servers are stopped by their process ids. Prints one JSON object with every check.
MFA_REQUIRED_FOR_STAFF is off for these servers: the check is about state shared between
servers, and the editor's second factor has its own tests.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import socket
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.servers import (  # noqa: E402
    DEMO_PASSWORD,
    ROOT,
    Client,
    form_defaults,
    form_with,
    fresh_database,
    pg_is_ready,
    production_env,
    start_gunicorn,
)

DATABASE = "kh_load_two"
REDIS_URL = os.environ.get("TWO_SERVERS_REDIS_URL", "redis://127.0.0.1:6379/5")
EDITOR = "redaktor@kompetenshandboken.example"
MEMBER = "medlem@kompetenshandboken.example"
SKIP = 77


def postgres_reachable() -> str:
    """Empty when PostgreSQL accepts connections on 127.0.0.1:5432, else why not."""
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=2).close()
    except OSError as error:
        return f"PostgreSQL at 127.0.0.1:5432 is not reachable ({error})"
    return "" if pg_is_ready() else "PostgreSQL at 127.0.0.1:5432 does not accept connections"


def redis_reachable(url: str) -> str:
    """Empty when Redis answers, else why not."""
    parts = urllib.parse.urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            if not sock.recv(64).startswith(b"+PONG"):
                return f"Redis at {parts.hostname}:{parts.port} did not answer PING"
    except OSError as error:
        return f"Redis at {parts.hostname}:{parts.port} is not reachable ({error})"
    return ""


def site_versions(redis_client) -> tuple[int | None, int]:
    """(the content version in Redis or None, the one in the database)."""
    # Here, not at the top: Django is set up by main(), with the servers' settings.
    from django.db import connection

    from core.models import SiteVersion

    keys = list(redis_client.scan_iter(match="*siteversion:*:content"))
    in_redis = int(redis_client.get(keys[0])) if len(keys) == 1 else None
    in_database = SiteVersion.objects.filter(pk=1).values_list("value", flat=True).get()
    connection.close()
    return in_redis, in_database


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 110)).save(buffer, "PNG")
    return buffer.getvalue()


class Checks:
    def __init__(self):
        self.results: dict[str, dict] = {}

    def __call__(self, name: str, ok: bool, detail: str = "") -> bool:
        self.results[name] = {"ok": bool(ok), "detail": detail}
        print(
            f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}", file=sys.stderr
        )
        return ok

    @property
    def passed(self) -> bool:
        return all(r["ok"] for r in self.results.values())


def signed_in(base: str, email: str) -> Client:
    client = Client(base)
    answer = client.login(email, DEMO_PASSWORD)
    if answer.status != 302:
        raise RuntimeError(f"login of {email} on {base} answered {answer.status}")
    return client


def publish(editor: Client, slug: str) -> tuple[int, str]:
    """Through the review page's publish form, as an editor does it."""
    page = editor.get(f"/redaktion/granska/{slug}/")
    if page.status != 200:
        return page.status, f"review page answered {page.status}"
    form = form_with(page.text, "csrfmiddlewaretoken", "/publicera/")
    data = [*form_defaults(form), ("godkann_lix", "1"), ("bekrafta", "1")]
    answer = editor.post(form["action"], data)
    return answer.status, answer.location


def new_title(editor: Client, slug: str, title: str) -> tuple[str, str]:
    """A new version of a published method with another title; returns (copy slug, problem)."""
    # The edit link shows a confirmation page; its form (a POST) starts the new version.
    confirm = editor.get(f"/metoder/{slug}/redigera/")
    if confirm.status != 200:
        return "", f"the new-version page answered {confirm.status}"
    form = form_with(confirm.text, "csrfmiddlewaretoken", "/redigera/")
    start = editor.post(form["action"], form_defaults(form))
    found = re.fullmatch(r"/metoder/([a-z0-9-]+)/redigera/([a-z]+)/", start.location)
    if start.status != 302 or not found:
        return "", f"starting a new version answered {start.status} {start.location}"
    copy = found.group(1)
    step = f"/metoder/{copy}/redigera/grund/"
    page = editor.get(step)
    form = form_with(page.text, "title", "")
    data = [(k, v) for k, v in form_defaults(form) if k != "title"]
    data += [("title", title), ("fortsatt", "")]
    saved = editor.post(step, data)
    if saved.status != 302:
        return copy, f"saving the new title answered {saved.status}"
    return copy, ""


def main() -> int:
    reasons = [why for why in (postgres_reachable(), redis_reachable(REDIS_URL)) if why]
    if reasons:
        print(json.dumps({"skipped": "; ".join(reasons)}))
        return SKIP

    import redis

    redis_client = redis.Redis.from_url(REDIS_URL)
    redis_client.flushdb()
    work = Path(tempfile.mkdtemp(prefix="kh-two-"))
    static_root, media_root = str(work / "static"), work / "media"
    env = production_env(
        f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        REDIS_URL=REDIS_URL,
        MEDIA_ROOT=str(media_root),
        SERVE_MEDIA="1",
        MFA_REQUIRED_FOR_STAFF="0",
    )
    started = time.monotonic()
    fresh_database(DATABASE, env, static_root)
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "handbook_site.settings"
    import django

    django.setup()
    from django.db import connection

    from methods.choices import Status
    from methods.models import Method

    submitted = Method.objects.filter(status=Status.SUBMITTED).order_by("pk").first()
    published = Method.objects.published().order_by("pk").first()
    connection.close()

    check = Checks()
    servers = []
    try:
        a = start_gunicorn(env, static_root, work / "a.log", workers=2, threads=2)
        servers.append(a)
        b = start_gunicorn(env, static_root, work / "b.log", workers=2, threads=2)
        servers.append(b)
        print(
            f"A {a.base} (pid {a.process.pid}), B {b.base} (pid {b.process.pid})", file=sys.stderr
        )

        # 1. One session, both servers.
        member_a = signed_in(a.base, MEMBER)
        member_b = Client(b.base, cookies=dict(member_a.cookies))
        profile = member_b.get("/konto/profil/")
        check(
            "session_from_a_valid_on_b",
            profile.status == 200 and MEMBER in profile.text,
            f"B /konto/profil/ answered {profile.status}",
        )

        # 2. A publish on A is visible on B at once, through B's warmed cache.
        anonymous_b = Client(b.base)
        before_list = anonymous_b.get("/metoder/")
        before_page = anonymous_b.get(f"/metoder/{submitted.slug}/")
        anonymous_b.get("/metoder/")  # a second time: served from the cache if there is one
        cached_pages = sum(1 for _ in redis_client.scan_iter(match="*:page:*"))
        check(
            "b_pages_cached_in_shared_redis",
            cached_pages > 0,
            f"{cached_pages} cached pages in {REDIS_URL}",
        )
        check(
            "b_warm_list_without_submitted_method",
            before_list.status == 200 and f'/metoder/{submitted.slug}/"' not in before_list.text,
            f"list {before_list.status}",
        )
        check(
            "b_submitted_method_not_public_yet",
            before_page.status == 404,
            f"page {before_page.status}",
        )
        in_redis, in_database = site_versions(redis_client)
        check(
            "site_version_in_redis_is_the_databases",
            in_redis == in_database,
            f"Redis {in_redis}, database {in_database}",
        )
        editor_a = signed_in(a.base, EDITOR)
        status, location = publish(editor_a, submitted.slug)
        check(
            "editor_publishes_on_a",
            status == 302 and location == f"/metoder/{submitted.slug}/",
            f"{status} {location}",
        )
        after_list = anonymous_b.get("/metoder/")
        after_page = anonymous_b.get(f"/metoder/{submitted.slug}/")
        check(
            "b_lists_published_method_at_once",
            after_list.status == 200 and f'/metoder/{submitted.slug}/"' in after_list.text,
            f"list {after_list.status}",
        )
        check(
            "b_shows_published_method_at_once",
            after_page.status == 200 and submitted.title in after_page.text,
            f"page {after_page.status}",
        )
        moved, in_database_after = site_versions(redis_client)
        check(
            "publish_moves_the_version_in_redis",
            moved == in_database_after and in_database_after > in_database,
            f"Redis {moved}, database {in_database} then {in_database_after}",
        )

        # 3. Redis loses everything; a new version's title, published on A, shows on B at once.
        redis_client.flushdb()
        warm = anonymous_b.get(f"/metoder/{published.slug}/")
        anonymous_b.get(f"/metoder/{published.slug}/")
        refilled, in_database = site_versions(redis_client)
        check(
            "b_puts_the_databases_version_back_after_a_flush",
            warm.status == 200 and refilled == in_database,
            f"page {warm.status}, Redis {refilled}, database {in_database}",
        )
        title = f"{published.title} (ny version {int(time.time())})"
        copy, problem = new_title(editor_a, published.slug, title)
        status, location = publish(editor_a, copy) if copy and not problem else (0, problem)
        check(
            "editor_publishes_new_title_on_a",
            status == 302 and location == f"/metoder/{published.slug}/",
            f"{status} {location}",
        )
        page = anonymous_b.get(f"/metoder/{published.slug}/")
        listing = anonymous_b.get("/metoder/")
        escaped = title.replace("&", "&amp;")
        check(
            "b_shows_new_title_at_once",
            warm.status == 200 and page.status == 200 and escaped in page.text,
            f"page {page.status}",
        )
        check("b_lists_new_title_at_once", escaped in listing.text, f"list {listing.status}")
        zipped = anonymous_b.request(
            "GET", f"/metoder/{published.slug}/", headers={"Accept-Encoding": "gzip"}
        )
        unpacked = ""
        if zipped.headers.get("content-encoding") == "gzip":
            unpacked = gzip.decompress(zipped.body).decode()
        check(
            "b_sends_a_cached_page_gzipped",
            zipped.headers.get("x-page-cache") == "hit"
            and escaped in unpacked
            and "Accept-Encoding" in zipped.headers.get("vary", ""),
            f"{zipped.status} {zipped.headers.get('x-page-cache')} "
            f"{zipped.headers.get('content-encoding')} {len(zipped.body)} bytes, "
            f"{len(unpacked.encode())} unpacked",
        )

        # 4. An image uploaded through A, served by B.
        image = png_bytes()
        upload = member_a.post_multipart(
            "/markdownx/upload/",
            {"csrfmiddlewaretoken": member_a.csrf_token()},
            {"image": ("bild.png", "image/png", image)},
        )
        url = ""
        if upload.status == 200:
            found = re.search(
                r"\]\((/media/uploads/[^)]+)\)", json.loads(upload.body)["image_code"]
            )
            url = found.group(1) if found else ""
        check("upload_on_a", bool(url), f"{upload.status} {url or upload.text[:200]}")
        if url:
            served = Client(b.base).get(url)
            on_disk = (media_root / url.removeprefix("/media/")).read_bytes()
            check(
                "b_serves_image_uploaded_on_a",
                served.status == 200
                and served.body == on_disk
                and served.headers.get("content-type") == "image/png"
                and served.headers.get("x-content-type-options") == "nosniff",
                f"{served.status} {served.headers.get('content-type')} "
                f"nosniff={served.headers.get('x-content-type-options')} "
                f"{len(served.body)} bytes, {len(on_disk)} on disk",
            )
        traversal = Client(b.base).get("/media/uploads/%2e%2e/%2e%2e/etc/passwd.png")
        check("b_refuses_path_out_of_uploads", traversal.status == 404, f"{traversal.status}")
        errors = [
            line
            for server in servers
            for line in server.log_tail(2000).splitlines()
            if "Traceback" in line or "ERROR" in line
        ]
        check("no_server_errors_logged", not errors, "; ".join(errors[:3]))
    finally:
        for server in servers:
            server.stop()
    result = {
        "database": DATABASE,
        "redis": REDIS_URL,
        "seconds": round(time.monotonic() - started, 1),
        "checks": check.results,
        "passed": check.passed,
    }
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "two-servers.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result))
    return 0 if check.passed else 1


if __name__ == "__main__":
    sys.exit(main())
