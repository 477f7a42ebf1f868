"""The benchmark must not rot: seed a small handbook into the test database and measure once.

Timings are never asserted; only that the data is what the benchmark promises and that every
page answers with a row of numbers.
"""

import ast
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Sum
from django.test import override_settings

from bench import database, measure, seed, textgen
from companies.models import Company, ExperienceReport
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
    # Served from the page cache: the site version only; rendered: the full page.
    assert by_label["detail"]["queries"] == 1
    assert by_label["detail"]["render"]["queries"] > 1
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
