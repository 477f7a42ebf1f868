"""Measure the benchmark database in-process (Django test client) and print one table.

    DJANGO_DEBUG=0 DJANGO_SECRET_KEY=... DJANGO_ALLOWED_HOSTS=testserver,127.0.0.1 \
    DJANGO_SECURE_SSL_REDIRECT=0 python -m bench.run [--runs 20] [--warmup 5] [--page detail]
        [--caches warm|off]

`make bench` sets that environment. Results are written as JSON to
bench/results/<database>-<N>-<timestamp>.json (...-cachesoff.json with --caches off). See
docs/performance.md.
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import platform
import pstats
from pathlib import Path
from typing import TYPE_CHECKING

import django
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from django.utils import timezone

from bench import cli, database

if TYPE_CHECKING:
    from bench.measure import Page

DEFAULT_STATIC_ROOT = "/tmp/kompetenshandboken-bench-static"  # noqa: S108 - a throw-away copy


def collect_static(root: Path, force: bool = False) -> None:
    """Hashed, compressed static files (as in production) for the benchmark, kept outside the
    project; collected again when a source file is newer than the manifest."""
    manifest = root / "staticfiles.json"
    if manifest.exists() and not force:
        newest = max(
            (p.stat().st_mtime for d in settings.STATICFILES_DIRS for p in Path(d).rglob("*")),
            default=0,
        )
        if newest <= manifest.stat().st_mtime:
            return
    root.mkdir(parents=True, exist_ok=True)
    call_command("collectstatic", interactive=False, verbosity=0, clear=True)


class Command(BaseCommand):
    help = "In-process benchmark of the main pages against the benchmark database."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--warmup", type=int, default=5)
        parser.add_argument(
            "--page", action="append", default=[], help="only these labels (repeatable)"
        )
        parser.add_argument("--output-dir", default=str(settings.BASE_DIR / "bench" / "results"))
        parser.add_argument("--no-json", action="store_true")
        parser.add_argument(
            "--caches",
            choices=["warm", "off"],
            default="warm",
            help="warm: served from the page cache and rendered with warm reference caches; "
            "off: every page rendered with DummyCache and the page cache off",
        )
        parser.add_argument(
            "--session",
            choices=["member", "admin", "editor"],
            help="only print 'cookie-name=value' of a signed-in session (for bench/http.sh)",
        )
        parser.add_argument(
            "--static-root",
            default=os.environ.get("BENCH_STATIC_ROOT", DEFAULT_STATIC_ROOT),
            help="where the hashed static files are collected (not the project's staticfiles/)",
        )
        parser.add_argument(
            "--list-pages",
            action="store_true",
            help="only collect static files and print 'label path' lines (for bench/http.sh)",
        )
        parser.add_argument(
            "--profile", metavar="LABEL", help="cProfile this page and print the top functions"
        )
        parser.add_argument("--allow-debug", action="store_true", help="measure with DEBUG on")
        parser.add_argument(
            "--handbook-pdf",
            type=int,
            default=0,
            metavar="N",
            help="also time the whole-handbook PDF with N published methods (0: skip)",
        )

    def handle(self, *args, **options) -> None:
        database.use_bench_database_by_default()
        name = database.check_target()
        if settings.DEBUG and not options["allow_debug"]:
            raise CommandError(
                "Measure with production-like settings: DJANGO_DEBUG=0, DJANGO_SECRET_KEY, "
                "DJANGO_ALLOWED_HOSTS=testserver,127.0.0.1, DJANGO_SECURE_SSL_REDIRECT=0 "
                "(make bench sets them), or pass --allow-debug."
            )
        meta = database.read_meta()
        if not meta:
            raise CommandError(f"{name} is not seeded; run python -m bench.seed first.")
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError(
                f"{name} has unapplied migrations; run python -m bench.seed (it migrates)."
            )
        from bench import measure  # loads the models, so only once Django is set up

        static_root = Path(options["static_root"])
        # The search and API limits per address would answer most timed runs with 429.
        with override_settings(
            ROOT_URLCONF="bench.urls",
            STATIC_ROOT=static_root,
            RATELIMIT_SEARCH=0,
            RATELIMIT_API=0,
        ):
            collect_static(static_root)
            if options["session"]:
                self.stdout.write(measure.session_cookie(options["session"]))
                return
            pages = measure.default_pages()
            if options["page"]:
                pages = [p for p in pages if p.label in options["page"]]
            if options["list_pages"]:
                self.stdout.write(f"meta {database.label()} {meta.get('n')} {meta.get('source')}")
                for page in pages:
                    self.stdout.write(f"{page.label} {page.path} {page.user or '-'}")
                return
            if options["profile"]:
                self._profile(pages, options["profile"], options["runs"], options["caches"])
                return
            load_before = [round(x, 2) for x in os.getloadavg()]
            rows = measure.measure(
                pages, runs=options["runs"], warmup=options["warmup"], caches=options["caches"]
            )
            pdf = measure.handbook_pdf(options["handbook_pdf"]) if options["handbook_pdf"] else None
        vendor = database.label()
        self.stdout.write(
            f"{vendor} {name}: {meta.get('n')} methods ({meta.get('source')}), Django "
            f"{django.get_version()}, DEBUG={settings.DEBUG}, {options['runs']} runs after "
            f"{options['warmup']} warm-up, caches {options['caches']}"
            + (
                " (DummyCache, page cache off: served = rendered)"
                if options["caches"] == "off"
                else ""
            )
        )
        self.stdout.write(measure.format_table(rows))
        if pdf:
            self.stdout.write(
                f"handbook PDF, {pdf['methods']} methods: built in {pdf['first_s']} s, then from "
                f"storage in {pdf['cached_s']} s ({pdf['bytes']} bytes)"
            )
        bad = [row["label"] for row in rows if row["status"] != 200]
        if bad:
            self.stderr.write(f"Not 200: {', '.join(bad)}")
        if not options["no_json"]:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            suffix = "-cachesoff" if options["caches"] == "off" else ""
            out = Path(options["output_dir"]) / f"{vendor}-{meta.get('n')}-{stamp}{suffix}.json"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(
                json.dumps(
                    {
                        "kind": "inprocess",
                        "system": "portal",
                        "database": vendor,
                        "database_name": name,
                        "n": int(meta.get("n", 0)),
                        "source": meta.get("source"),
                        "django": django.get_version(),
                        "python": platform.python_version(),
                        "debug": settings.DEBUG,
                        "caches": options["caches"],
                        "cache_backend": settings.CACHES["default"]["BACKEND"],
                        "cpus": os.cpu_count(),
                        # Other work on the machine skews timings; recorded to judge a run.
                        "loadavg_before": load_before,
                        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
                        "runs": options["runs"],
                        "warmup": options["warmup"],
                        "measured_at": timezone.now().isoformat(timespec="seconds"),
                        "results": rows,
                        "handbook_pdf": pdf,
                    },
                    indent=1,
                )
            )
            self.stdout.write(f"Wrote {out}")
        if bad:
            raise CommandError("Some pages did not answer 200.")

    def _profile(self, pages: list[Page], label: str, runs: int, caches: str) -> None:
        """The rendered path (page cache off; with --caches off every cache off): a cache hit
        has nothing to profile."""
        from contextlib import ExitStack

        from bench import measure

        page = next((p for p in pages if p.label == label), None)
        if page is None:
            raise CommandError(f"No page {label!r}; pages: {', '.join(p.label for p in pages)}")
        client = measure.client_for(page.user)
        with ExitStack() as stack:
            if caches == "off":
                stack.enter_context(measure.caches_off())
            else:
                stack.enter_context(override_settings(PAGE_CACHE_SECONDS=0))
            client.get(page.path)
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(runs):
                client.get(page.path)
            profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(35)
        stats.sort_stats("tottime").print_stats(25)
        self.stdout.write(
            f"cProfile of {runs} rendered requests to {page.path} (caches {caches})\n"
            + out.getvalue()
        )


if __name__ == "__main__":
    cli.main(Command, "bench.run")
