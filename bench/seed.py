"""Seed the separate benchmark database with N published methods (see docs/performance.md).

    python -m bench.seed [--n 10000] [--corpus corpus.jsonl] [--force] [--workers 2]

Without DATABASE_URL it writes bench.sqlite3 in the project, never db.sqlite3; with DATABASE_URL
the database name must contain "bench" (a PostgreSQL database is created if missing). If the
database already holds the same N from the same source, nothing is done unless --force.
"""

from __future__ import annotations

import hashlib
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bench import cli, database


def _file_digest(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:16]


class Command(BaseCommand):
    help = "Seed the benchmark database (bench.sqlite3 or a PostgreSQL *_bench database)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--n", type=int, default=None, help="methods (default 10000)")
        parser.add_argument(
            "--corpus", help="JSON Lines corpus in the peerbench format instead of generated text"
        )
        parser.add_argument(
            "--force", action="store_true", help="seed again even if the data is current"
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="processes that prepare the methods (default one per core; 0: none)",
        )
        parser.add_argument(
            "--allow-test-database",
            action="store_true",
            help="also allow a test database (test_* or SQLite in memory); for the test suite",
        )

    def handle(self, *args, **options) -> None:
        allow_test = options["allow_test_database"]
        database.use_bench_database_by_default()
        name = database.check_target(allow_test_database=allow_test)
        from bench import seeding  # loads the models, so only once Django is set up
        from methods import keptpage

        corpus = options["corpus"]
        n = options["n"]
        if n is None:
            n = seeding.count_corpus(corpus) if corpus else 10_000
        if n < 1:
            raise CommandError("--n must be at least 1.")
        source = f"corpus:{_file_digest(corpus)}" if corpus else "generated"
        test_database = allow_test and database.is_test_database()

        if not test_database and database.ensure_postgresql_database():
            self.stdout.write(f"Created the PostgreSQL database {name}.")
        meta = database.read_meta()
        if meta.get("n") == str(n) and meta.get("source") == source and not options["force"]:
            if not test_database:
                # The data is current; the schema may not be (new migrations since seeding).
                call_command("migrate", interactive=False, verbosity=0)
            # What the task worker does after a deploy: the kept page parts a migration or a
            # changed template left missing are kept again before anything is measured (a
            # page without them renders live, and slower).
            if keptpage.missing():
                workers = options["workers"]
                seeding.keep_method_pages(seeding.default_workers() if workers is None else workers)
                self.stdout.write("Kept the method pages again (a release dropped them).")
            seeding.analyze()
            self.stdout.write(
                f"{name} already holds {n} methods ({source}, seeded {meta.get('seeded_at')}); "
                "nothing to do (--force seeds again)."
            )
            return

        started = time.perf_counter()
        if test_database:
            self._empty_test_database()
        else:
            self.stdout.write(f"Recreating {name} ...")
            database.recreate()
            call_command("migrate", interactive=False, verbosity=0)
        migrated = time.perf_counter() - started
        self.stdout.write(f"Seeding {n} methods ({source}) into {name} ...")
        records = seeding.corpus_records(corpus, n) if corpus else None
        try:
            result = seeding.seed(
                n, records, source=source, log=self.stdout.write, workers=options["workers"]
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        total = time.perf_counter() - started
        database.write_meta(
            {
                "n": n,
                "source": source,
                "seeded_at": timezone.now().isoformat(timespec="seconds"),
                "seconds": round(total, 1),
                "detail_slug": result.detail_slug,
                "search_hits": result.search_hits,
                "editor_email": seeding.EDITOR_EMAIL,
                **result.accounts,
            }
        )
        self.stdout.write(
            f"  create and migrate: {migrated:.1f} s"
            + "".join(f"\n  {step}: {seconds:.1f} s" for step, seconds in result.timings.items())
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {result.methods} methods ({result.steps} steps), {result.companies} "
                f"companies, {result.reports} published experience reports in {total:.1f} s; "
                f"'{seeding.textgen.SEARCH_WORD}' is in {result.search_hits} methods."
            )
        )

    def _empty_test_database(self) -> None:
        """Only for a test database: remove what an earlier seeding in the same test left."""
        from companies.models import Company, ExperienceReport
        from methods.models import Method

        ExperienceReport.objects.all().delete()
        Method.objects.all().delete()
        Company.objects.all().delete()
        from django.contrib.auth import get_user_model

        get_user_model().objects.filter(email__startswith="bench-").delete()


if __name__ == "__main__":
    cli.main(Command, "bench.seed")
