"""The benchmark must not rot: seed a small handbook into the test database and measure once.

Timings are never asserted; only that the data is what the benchmark promises and that every
page answers with a row of numbers.
"""

import ast
import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Sum
from django.test import override_settings

from bench import compare, database, measure, seed, textgen
from companies.models import Company, Effort, ExperienceReport, Membership
from companies.services import refresh_report_stats
from methods import search
from methods.models import Method, MethodStep, MethodTargetRole
from methods.services import refresh_search_index

N = 100
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def seeded(db):
    out = io.StringIO()
    call_command(seed.Command(), n=N, allow_test_database=True, stdout=out)
    return out.getvalue()


def test_generated_text_is_deterministic_and_has_the_search_word_every_20th():
    assert textgen.article(7) == textgen.article(7)
    hits = [i for i in range(200) if textgen.SEARCH_WORD in textgen.article(i)["markdown"]]
    assert hits == list(range(0, 200, 20))
    words = textgen.article(3)["markdown"].split()
    assert 550 <= len(words) <= 750


def test_words_are_those_random_choice_draws():
    # textgen.words() draws as rng.choice() does, without calling it: the same text as before
    # that speed-up, on this Python.
    for seed_value in range(50):
        drawn, reference = random.Random(seed_value), random.Random(seed_value)
        expected = [
            reference.choice(textgen._FUNCTION_WORDS)
            if reference.random() < 0.28
            else reference.choice(textgen.VOCABULARY)
            for _ in range(500)
        ]
        assert textgen.words(drawn, 500) == expected
        assert drawn.random() == reference.random()  # and the generator is left where it was


def test_the_fixed_search_word_has_the_same_hits_at_any_size_from_10000():
    def has(i):
        return textgen.FIXED_WORD in textgen.article(i)["markdown"]

    assert [i for i in range(200) if has(i)] == list(range(0, 200, 20))
    assert has(9980) and not has(9981) and not has(10000) and not has(99980)
    assert not any(textgen.FIXED_WORD[:5] in word for word in textgen.VOCABULARY)


def test_seed_bench_creates_the_promised_handbook(seeded):
    assert "Seeded 100 methods" in seeded
    published = Method.objects.published()
    assert published.count() == N
    assert Company.objects.count() == N // 50
    assert ExperienceReport.objects.published().count() == N // 5
    assert Method.objects.aggregate(total=Sum("report_count"))["total"] == N // 5
    assert MethodStep.objects.count() >= N
    assert MethodTargetRole.objects.count() >= N
    assert Method.phases.through.objects.count() >= N
    assert Method.competence_areas.through.objects.count() >= 3 * N
    assert not published.filter(body_html="").exists()
    assert not published.filter(published_at__isnull=True).exists()
    # "kvarnsten" is in exactly every 20th method, and the site's search finds exactly those.
    parsed = search.parse_query(textgen.SEARCH_WORD)
    assert search.search_methods(published, parsed).count() == N // 20
    assert Method.objects.filter(search_text__contains=textgen.SEARCH_WORD).count() == N // 20
    fixed = search.search_methods(published, search.parse_query(textgen.FIXED_WORD))
    assert fixed.count() == N // 20  # below 10,000 methods, the same ones
    assert database.read_meta()["n"] == str(N)


def test_bulk_index_mirrors_the_services(seeded):
    """The set-based search index and report counts equal what the services compute."""
    for method in Method.objects.order_by("pk")[:: N // 10]:
        stored = (method.search_title, method.search_text, method.report_count)
        vector = _vector(method.pk)
        refresh_search_index(method)
        refresh_report_stats(method)
        assert (method.search_title, method.search_text, method.report_count) == stored
        assert _vector(method.pk) == vector


def _vector(pk):
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM methods_method WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_seed_bench_loads_a_peerbench_corpus(db, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    records = []
    for i in range(40):
        record = textgen.article(i)
        record["slug"] = f"artikel-{i:04d}"
        records.append(json.dumps(record, ensure_ascii=False))
    corpus.write_text("\n".join(records) + "\n", encoding="utf-8")
    call_command(seed.Command(), corpus=str(corpus), allow_test_database=True, stdout=io.StringIO())
    assert Method.objects.count() == 40
    assert Method.objects.filter(slug="artikel-0020").exists()
    assert Method.objects.filter(search_text__contains=textgen.SEARCH_WORD).count() == 2
    assert database.read_meta()["source"].startswith("corpus:")


def test_seed_bench_refuses_a_database_without_bench_in_its_name(db, monkeypatch):
    name = "/srv/app/db.sqlite3" if connection.vendor == "sqlite" else "kompetenshandboken"
    monkeypatch.setitem(connection.settings_dict, "NAME", name)
    with pytest.raises(CommandError, match="bench"):
        database.check_target(allow_test_database=True)
    with pytest.raises(CommandError, match="bench"):
        call_command(seed.Command(), n=10, allow_test_database=True, stdout=io.StringIO())


def test_seed_bench_needs_explicit_permission_for_the_test_database(db):
    with pytest.raises(CommandError, match="bench"):
        call_command(seed.Command(), n=10, stdout=io.StringIO())


def test_bench_seed_from_the_shell_refuses_a_database_without_bench_in_its_name(tmp_path):
    """python -m bench.seed sets Django up itself, and the guard holds there too."""
    target = tmp_path / "db.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{target}", "DJANGO_DEBUG": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "-m", "bench.seed", "--n", "10"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"CommandError: Refusing to use the database '{target}' for the benchmark: its name "
        "must contain 'bench'"
    )
    # The system checks open the SQLite file (creating it empty); nothing is written to it.
    assert not target.exists() or target.stat().st_size == 0


def test_bench_run_from_the_shell_keeps_every_option():
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "-m", "bench.run", "--help"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: python -m bench.run ")
    for option in (
        "--runs",
        "--warmup",
        "--page",
        "--output-dir",
        "--no-json",
        "--static-root",
        "--list-pages",
        "--profile",
        "--allow-debug",
        "--handbook-pdf",
        "--caches",
        "--session",
    ):
        assert option in result.stdout


# The product: every top-level folder of Python code except the benchmark and the tests.
NOT_PRODUCT = {"bench", "tests", "build", "docs", "locale", "static", "templates"}


def _product_files() -> list[Path]:
    files = [ROOT / "manage.py"]
    for folder in sorted(ROOT.iterdir()):
        if folder.is_dir() and not folder.name.startswith(".") and folder.name not in NOT_PRODUCT:
            files.extend(sorted(folder.rglob("*.py")))
    return files


def _imports_bench(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        if any(name == "bench" or name.startswith("bench.") for name in names):
            lines.append(node.lineno)
    return sorted(lines)


def test_no_product_module_imports_the_benchmark():
    files = _product_files()
    folders = {path.relative_to(ROOT).parts[0] for path in files}
    assert folders >= {"accounts", "methods", "companies", "handbook_site", "manage.py"}
    offenders = {}
    for path in files:
        lines = _imports_bench(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        if lines:
            offenders[str(path.relative_to(ROOT))] = lines
    assert offenders == {}


def test_the_import_check_sees_every_form_of_import_and_ignores_text():
    source = (
        "import bench\nimport os, bench.measure as m\nfrom bench import seeding\n"
        "from bench.database import check_target\n"
        "def f():\n    from bench import textgen\n"
        "# import bench\ntext = 'from bench import seed'\nfrom benchmarks import x\n"
        "from .bench import y\n"
    )
    assert _imports_bench(ast.parse(source)) == [1, 2, 3, 4, 6]


def test_measure_returns_a_row_per_page_with_query_counts(seeded):
    with override_settings(ROOT_URLCONF="bench.urls"):
        pages = measure.default_pages()
        rows = measure.measure(pages, runs=2, warmup=1)
    assert [row["label"] for row in rows] == [page.label for page in pages]
    assert {row["label"] for row in rows} >= {"hello", "detail", "search", "editor-desk"}
    for row in rows:
        assert row["status"] == 200, row
        assert isinstance(row["queries"], int)
        assert row["median_ms"] > 0 and row["p90_ms"] >= row["median_ms"] - 1e-9
    by_label = {row["label"]: row for row in rows}
    assert by_label["hello"]["queries"] == 0
    # Served from the page cache: the site version only; rendered: the full page (the list:
    # the method page is one query either way).
    assert by_label["list"]["queries"] == 1
    assert by_label["list"]["render"]["queries"] > 1
    assert by_label["detail"]["render"]["status"] == 200
    # The signed-in editor's desk is never cached: one figure for both.
    assert by_label["editor-desk"]["render"]["queries"] == by_label["editor-desk"]["queries"]
    assert "\n" in measure.format_table(rows)


def test_handbook_pdf_measurement_leaves_the_database_and_storage_as_they_were(seeded):
    from methods import printing

    published = Method.objects.published().count()
    with override_settings(ROOT_URLCONF="bench.urls"):
        result = measure.handbook_pdf(3)
    assert result["cached_s_status"] == 200
    assert result["bytes"] == result["served_bytes"] > 1000
    assert len(result["stored"]) == 1
    assert Method.objects.published().count() == published
    assert list(printing.stored_handbooks()) == []


SIGNED_IN = {
    "member-detail": "detail",
    "member-list": "list",
    "member-search": "search",
    "member-effort": "",
    "member-company": "company",
    "member-mypage": "",
    "admin-effort": "",
    "admin-company": "company",
    "editor-detail": "detail",
    "editor-list": "list",
    "editor-search": "search",
    "editor-desk": "",
    "editor-overview": "",
}


def test_caches_off_replaces_the_cache_backend_for_the_site_and_restores_it(seeded):
    from django.core.cache import cache

    before = type(caches["default"])
    assert before is not DummyCache
    with measure.caches_off():
        assert isinstance(caches["default"], DummyCache)
        cache.set("bench-probe", 1)
        assert cache.get("bench-probe") is None
        from django.conf import settings

        assert settings.PAGE_CACHE_SECONDS == 0
    assert type(caches["default"]) is before


def test_measure_with_every_cache_off_renders_each_request_from_the_database(seeded):
    with override_settings(ROOT_URLCONF="bench.urls"):
        pages = [page for page in measure.default_pages() if not page.user]
        warm = {row["label"]: row for row in measure.measure(pages, runs=1, warmup=1)}
        off = {row["label"]: row for row in measure.measure(pages, runs=1, warmup=2, caches="off")}
    assert list(off) == [page.label for page in pages]
    for label, row in off.items():
        assert row["status"] == 200, label
        assert row["caches"] == "off"
        # One figure: nothing is served from a cache.
        assert row["render"]["queries"] == row["queries"]
        assert row["render"]["median_ms"] == row["median_ms"]
        # Nothing is kept from one request to the next: the warm-up saves no query.
        assert row["first_queries"] == row["queries"], label
    assert off["hello"]["queries"] == 0
    # Served warm: the page cache; off: the full page every time.
    assert warm["list"]["queries"] < off["list"]["queries"]
    # The reference caches (facet counts, vocabularies, suggestions) are cold too.
    assert sum(row["queries"] for row in off.values()) > sum(
        row["render"]["queries"] for row in warm.values()
    )
    with pytest.raises(ValueError, match="warm"):
        measure.measure(pages[:1], runs=1, warmup=1, caches="cold")


def test_signed_in_pages_are_measured_as_the_member_and_the_editor(seeded):
    with override_settings(ROOT_URLCONF="bench.urls"):
        pages = measure.default_pages()
        rows = measure.measure([page for page in pages if page.user], runs=1, warmup=1)
    assert {page.label for page in pages} >= {"company", "detail", "list", "search"}
    assert {row["label"]: row["anonymous"] for row in rows} == SIGNED_IN
    for row in rows:
        assert row["status"] == 200, row["label"]
        assert row["user"] == row["label"].split("-")[0]
        # Never cached: served is rendered.
        assert row["render"]["queries"] == row["queries"] > 0
    table = measure.format_table(rows)
    assert "x anon" in table.splitlines()[0]
    # Measured without their anonymous pages, they have no ratio; with one, it is measured.
    assert {row["x_anon"] for row in rows} == {None}
    with override_settings(ROOT_URLCONF="bench.urls"):
        pair = [page for page in pages if page.label in ("detail", "member-detail")]
        detail, member_detail = measure.measure(pair, runs=2, warmup=1, caches="off")
    assert detail["x_anon"] is None and member_detail["x_anon"] > 0
    assert f"{member_detail['x_anon']:>6.2f}" in measure.format_table([detail, member_detail])
    # Each signs in as the seeded person: the member sees the effort they are responsible for
    # and their own page; the administrator is the company's.
    data = measure.signed_in_data()
    effort = Effort.objects.get(pk=data["effort"])
    assert effort.company.slug == data["company"]
    assert effort.responsible_members.get().email == data["member"]
    member = measure.client_for("member")
    assert effort.title in member.get(effort.get_absolute_url()).content.decode()
    assert data["member"] in member.get("/konto/profil/").content.decode()
    admins = Membership.objects.filter(company=effort.company, role="admin")
    assert admins.get().user.email == data["admin"]
    assert data["admin"] in measure.client_for("admin").get("/konto/profil/").content.decode()


def test_signed_in_people_are_made_once_for_a_database_seeded_without_them(seeded):
    meta = database.read_meta()
    database.write_meta(
        {key: value for key, value in meta.items() if key not in measure.SIGNED_IN_KEYS}
    )
    data = measure.signed_in_data()
    assert data == measure.signed_in_data()
    assert data["member"] == measure.MEMBER_EMAIL
    effort = Effort.objects.get(title=measure.EFFORT_TITLE)
    assert effort.pk == data["effort"]
    assert Effort.objects.filter(title=measure.EFFORT_TITLE).count() == 1
    assert Membership.objects.filter(user__email=measure.MEMBER_EMAIL, role="member").count() == 1
    assert Membership.objects.filter(user__email=measure.ADMIN_EMAIL, role="admin").count() == 1
    assert (
        measure.MEMBER_EMAIL in measure.client_for("member").get("/konto/profil/").content.decode()
    )


def test_session_cookie_signs_in_a_client_that_has_only_the_cookie(seeded):
    from django.test import Client

    name, value = measure.session_cookie("member").split("=", 1)
    client = Client()
    client.cookies[name] = value
    response = client.get("/konto/profil/")
    assert response.status_code == 200
    assert measure.signed_in_data()["member"] in response.content.decode()


# compare.py: like-for-like pairing, from small fake result files --------------------------


def _portal_row(label, served, rendered, queries=5):
    return {
        "label": label,
        "path": f"/{label}/",
        "status": 200,
        "median_ms": served,
        "p90_ms": served,
        "queries": 1 if served != rendered else queries,
        "render": {"median_ms": rendered, "p90_ms": rendered, "queries": queries, "sql_ms": 1.0},
    }


def _write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


def _fake_runs(tmp_path, repetitions=3):
    peers_dir = tmp_path / "peers"
    for name in ("wiki", "wagtail"):
        (peers_dir / name).mkdir(parents=True)
        (peers_dir / name / "db.sqlite3").write_bytes(b"")
    for i in range(1, repetitions + 1):
        run = peers_dir / "runs" / str(i)
        for name, scale in (("wiki", 10), ("wagtail", 1)):
            for cache, ms in (("PageCache", 0.3), ("DummyCache", 40.0), ("LocMemCache", 30.0)):
                rows = [
                    {"label": label, "status": 200, "median_ms": ms * scale * i, "queries": 9}
                    for label in ("hello", "detail", "listing", "search")
                ]
                _write(run / "peers" / f"{name}-{cache}.json", {"results": rows})
                deep = [{"label": "listing-deep", "status": 200, "median_ms": ms * 2, "queries": 9}]
                _write(run / "peers" / f"{name}-deep-{cache}.json", {"results": deep})
        for vendor, factor in (("postgresql", 1), ("sqlite", 2)):
            labels = ("hello", "detail", "list", "list-deep", "list-facets", "search")
            for caches_mode, served, rendered in (("warm", 0.5, 10.0), ("off", 20.0, 20.0)):
                suffix = "-cachesoff" if caches_mode == "off" else ""
                _write(
                    run / "portal" / f"{vendor}-100-20261130-10000{i}{suffix}.json",
                    {
                        "system": "portal",
                        "database": vendor,
                        "n": 100,
                        "caches": caches_mode,
                        "results": [
                            _portal_row(label, served * factor, rendered * factor)
                            for label in labels
                        ],
                    },
                )
    return peers_dir


def _table(output, title_start):
    lines = output.split(f"### {title_start}", 1)[1].splitlines()
    end = next(
        (i for i, line in enumerate(lines) if i > 2 and not line.startswith("|")), len(lines)
    )
    rows = [line for line in lines[:end] if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


def test_compare_pairs_like_with_like_and_names_each_database(tmp_path):
    peers_dir = _fake_runs(tmp_path)
    output = compare.comparison_tables(str(peers_dir / "runs"), str(peers_dir))
    header = [
        "page",
        "portal (PostgreSQL)",
        "portal (SQLite)",
        "django-wiki (SQLite)",
        "Wagtail (SQLite)",
        "Wagtail / portal (PostgreSQL)",
        "Wagtail / portal (SQLite)",
    ]
    cached = _table(output, "Cached against cached")
    off = _table(output, "Rendered against rendered, every cache off")
    warm = _table(output, "The portal's warm fragment caches")
    for table in (cached, off, warm):
        assert table[0] == header
    # Cached: the portal's hit (0.5 ms) against the peers' stock page cache (0.3, 0.6, 0.9 ms).
    detail = next(row for row in cached if row[0] == "detail, artikel-1000")
    assert detail[1:3] == ["0.50 (1)", "1.00 (1)"]
    assert detail[4] == "0.60 (9)"
    assert detail[5] == "**1.20×** (0.60, 1.20, 1.80)"
    assert detail[6] == "**0.60×** (0.30, 0.60, 0.90)"
    assert compare.STALE_NOTE in output.split("### Rendered against rendered")[0]
    # Every cache off: the portal's off run against the peers' DummyCache.
    page_one = next(row for row in off if row[0] == "list, page 1")
    assert page_one[1] == "20.00 (5)"
    assert page_one[5] == "**4.00×** (2.00, 4.00, 6.00)"
    # The last page against the peers' last page, never against their first.
    deep = next(row for row in off if row[0] == "list, last page")
    assert deep[4] == "80.00 (9)"
    assert deep[5] == "**4.00×** (4.00, 4.00, 4.00)"
    # Wagtail has no filtered listing: the two-facet list gets no peer figure and no ratio.
    for table in (cached, off, warm):
        facets = next(row for row in table if row[0] == "list, two facets")
        assert facets[3:] == ["—", "—", "—", "—"]
    # Warm fragments: the portal's rendered figure against the peers' default LocMemCache.
    detail = next(row for row in warm if row[0] == "detail, artikel-1000")
    assert detail[1] == "10.00 (5)"
    assert detail[5] == "**6.00×** (3.00, 6.00, 9.00)"


def test_compare_without_a_peer_deep_page_shows_nothing_for_it(tmp_path):
    peers_dir = _fake_runs(tmp_path, repetitions=1)
    for deep in (peers_dir / "runs" / "1" / "peers").glob("*-deep-*.json"):
        deep.unlink()
    output = compare.comparison_tables(str(peers_dir / "runs"), str(peers_dir))
    deep = next(row for row in _table(output, "Rendered against") if row[0] == "list, last page")
    assert deep[3:] == ["—", "—", "—", "—"]
    page_one = next(row for row in _table(output, "Rendered against") if row[0] == "list, page 1")
    assert page_one[5] == "2.00×"


def test_capacity_note_gives_requests_per_core_and_concurrent_users():
    rows = [
        {"label": "detail", "path": "/m/", "rps": 1000.0},
        {"label": "list", "path": "/l/", "rps": 800.0},
        {"label": "detail-rendered", "path": "/m/", "rps": 100.0},
        {"label": "member-detail", "path": "/m/", "rps": 60.0},
    ]
    note = compare.capacity_note({"database": "postgresql", "n": 10000, "cpus": 2, "results": rows})
    assert "PostgreSQL, 10000 methods" in note
    assert "| readers, cached pages | detail, list | 400 | 12,000 |" in note
    assert "| readers, rendered (page cache off) | detail-rendered | 50 | 1,500 |" in note
    assert "| signed-in users | member-detail | 30 | 900 |" in note


def test_parse_wrk_reads_the_bytes_per_response():
    text = (
        "  Latency Distribution\n     50%    2.00ms\n     90%    3.00ms\n     99%    5.00ms\n"
        "  20000 requests in 10.00s, 19.53MB read\nRequests/sec:   2000.00\n"
        "Transfer/sec:      1.95MB\n"
    )
    parsed = compare.parse_wrk(text)
    assert parsed["rps"] == 2000.0
    assert parsed["p50_ms"] == 2.0
    assert parsed["bytes_per_response"] == round(1.95 * 1024**2 / 2000)


def test_a_signed_in_page_and_its_anonymous_page_are_timed_in_turn():
    """So that both meet the same machine: its speed drifts from one minute to the next."""
    order: list[str] = []

    class Recording:
        def __init__(self, name: str) -> None:
            self.name = name

        def get(self, path: str):
            order.append(f"{self.name} {path}")
            return SimpleNamespace(content=b"")

    ratio = measure._paired_ratio((Recording("anonym"), "/a/"), (Recording("medlem"), "/a/"), 3)
    assert order == ["anonym /a/", "medlem /a/"] * 3
    assert ratio > 0
