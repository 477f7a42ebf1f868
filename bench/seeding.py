"""Seed a benchmark handbook of N published methods in bulk.

bulk_create skips Model.save() and the services, so this module does their work itself, in
sets rather than per row:

- Method.save(): slug, body_html/easy_read_html (core.rendering.render_markdown), time_band
  (TimeBand.for_minutes), published_at; MethodStep.save(): text_html.
- methods.services.refresh_search_index(): search_title and search_text are computed here from
  the same parts in the same order (tests/test_bench.py checks the mirror against the service),
  and on PostgreSQL search_vector with the same weighted to_tsvector('swedish', ...) SQL,
  computed by PostgreSQL for a whole chunk in one query and loaded with the rows (COPY).
- companies.services.refresh_report_stats(): Method.report_count from the reports created here.
- Company.save() / ExperienceReport.save(): description_html, search_text, consent time.
- companies.efforts.create_effort(): an effort's six phase records.
- REBUILDS: the read models and counters other apps keep in their services.

For 100,000 methods (docs/performance.md, "Seeding"): methods are prepared in a process pool
in chunks while this process inserts them (COPY on PostgreSQL), and on PostgreSQL the secondary
indexes of the loaded tables (the GIN indexes above all) are dropped for the load and built
once at the end.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import slugify

from companies.choices import County, HeadcountBand, LegalForm, MembershipRole
from companies.models import (
    BusinessLine,
    Company,
    Effort,
    EffortPhase,
    ExperienceReport,
    Membership,
)
from core.bulk import insert_rows
from core.models import SiteVersion
from core.rendering import render_markdown
from core.roles import EDITOR_GROUP
from core.validators import luhn_check_digit
from methods import search_sqlite
from methods.choices import CostLevel, EvidenceStatus, LearningForm, Role, Status, TimeBand
from methods.models import (
    RESERVED_SLUGS,
    CompetenceArea,
    KeptMethodPage,
    Method,
    MethodStep,
    MethodTargetRole,
    Phase,
)
from methods.search import normalize

from . import textgen

EDITOR_EMAIL = "bench-redaktor@example.org"
AUTHOR_COUNT = 10
# Methods per chunk: one task for a worker, one set of INSERTs here.
BATCH = 500
# Constant per company, so the signed-in pages' data grows with N like the rest.
EFFORTS_PER_COMPANY = 3
# Every REVIEW_OVERDUE_EVERY-th method is past its review date, so the editors' desk has a
# realistic "to be reviewed" list that grows with the handbook.
REVIEW_OVERDUE_EVERY = 100
FIRST_PUBLISHED = datetime(2023, 1, 2, 9, 0, tzinfo=timezone.get_fixed_timezone(60))


@dataclass
class SeedResult:
    methods: int = 0
    companies: int = 0
    reports: int = 0
    steps: int = 0
    search_hits: int = 0
    source: str = "generated"
    detail_slug: str = ""
    accounts: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


# Records ------------------------------------------------------------------------------------


def generated_records(n: int) -> Iterator[dict]:
    for i in range(n):
        yield textgen.article(i)


def corpus_records(path: str | Path, n: int | None) -> Iterator[dict]:
    """Records from a JSON Lines corpus in the peerbench format (title, slug, intro,
    paragraphs [[heading, text], ...], tags, markdown), the first n lines."""
    with open(path, encoding="utf-8") as lines:
        count = 0
        for line in lines:
            if n is not None and count >= n:
                return
            if not line.strip():
                continue
            record = json.loads(line)
            missing = {"title", "slug", "intro", "paragraphs", "tags"} - set(record)
            if missing:
                raise ValueError(f"{path}: line {count + 1} lacks {sorted(missing)}")
            if not record.get("markdown"):
                record["markdown"] = textgen.as_markdown(record)
            count += 1
            yield record
    if n is not None and count < n:
        raise ValueError(f"{path} has {count} records, fewer than the {n} asked for.")


def count_corpus(path: str | Path) -> int:
    with open(path, encoding="utf-8") as lines:
        return sum(1 for line in lines if line.strip())


def _body(record: dict) -> str:
    """The method text: the corpus markdown without the intro, which is the summary."""
    markdown = record["markdown"]
    intro = record["intro"]
    if markdown.startswith(intro):
        markdown = markdown[len(intro) :].lstrip()
    return markdown


# Helpers ------------------------------------------------------------------------------------


def org_number(n: int) -> str:
    """A valid organisation number (Luhn check digit, checked by the app's own validator)."""
    body = f"{802100000 + n:09d}"
    digits = body + luhn_check_digit(body)
    return f"{digits[:6]}-{digits[6:]}"


def _choice_values(choices) -> list[str]:
    return [value for value, _label in choices]


def _batched(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Clock:
    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = round(self.timings.get(name, 0.0) + now - self.last, 3)
        self.last = now


# Seeding ------------------------------------------------------------------------------------


def seed(
    n: int,
    records: Iterable[dict] | None = None,
    *,
    source: str = "generated",
    log: Callable[[str], None] = lambda message: None,
    workers: int | None = None,
) -> SeedResult:
    """Create n published methods (from records, or generated), n/50 companies with members and
    efforts and n/5 published experience reports, in one transaction. The database must hold
    no methods yet.

    The methods are prepared (text generated, markdown rendered, search text normalised) by
    `workers` processes (default: one per core; 0 prepares them in this process) while this
    process inserts the previous chunk. On PostgreSQL the secondary indexes of the loaded
    tables are dropped for the load and created again from their own definitions at the end.
    """
    if Method.objects.exists():
        raise ValueError("The benchmark database already has methods; recreate it first.")
    workers = default_workers() if workers is None else workers
    result = SeedResult(source=source)
    clock = _Clock(result.timings)
    started = clock.last
    generated = records is None
    # Forked workers inherit this process's memory; give them no open database connection
    # (the test suite seeds inside its own transaction, whose connection stays).
    if workers and not connection.in_atomic_block:
        connection.close()
    with _preparers(workers) as prepare, transaction.atomic(), ExitStack() as load:
        reference = _reference_data()
        users = _users()
        clock.lap("reference data and users")
        load.enter_context(search_sqlite.triggers_off())
        companies = _companies(max(1, n // 50), reference)
        result.companies = len(companies)
        clock.lap("companies")
        if generated:
            # Generated methods are made in the workers from their number alone, so every tag
            # they can carry has its competence area before the first chunk is handed out.
            _areas_for_tags(textgen.TAGS, reference)
            chunks = (list(range(start, min(n, start + BATCH))) for start in range(0, n, BATCH))
        else:
            chunks = _batched(enumerate(records), BATCH)
        indexes = _drop_secondary_indexes()
        clock.lap("drop indexes")
        method_ids: list[int] = []
        for number, prepared in enumerate(prepare(_tasks(chunks, reference, users))):
            clock.lap("methods: wait for prepared chunks")
            ids, steps = _insert_methods(prepared)
            method_ids += ids
            result.steps += steps
            clock.lap("methods: insert")
            if number % 20 == 19:
                log(f"  {len(method_ids)} methods ({time.perf_counter() - started:.0f} s)")
        result.methods = len(method_ids)
        if result.methods != n:
            raise ValueError(f"Only {result.methods} records for n={n}.")
        result.reports = _reports(max(1, n // 5), method_ids, companies)
        clock.lap("experience reports and report_count")
        _efforts(companies, method_ids, reference)
        clock.lap("members and efforts")
        load.close()  # SQLite: the full-text triggers back, each index filled once
        clock.lap("full-text indexes (SQLite)")
        # The b-trees now (seconds): the kept pages' queries below look rows up by them.
        _create_indexes([index for index in indexes if not _is_gin(index)])
        clock.lap("create indexes: b-tree")
        # Statistics before anything queries the new rows: without them the planner takes the
        # tables for a few rows each and the read models' rebuilds run nested loops over all
        # of them (one "same line" ranking took 9 s at 100,000 methods instead of milliseconds).
        analyze()
        clock.lap("analyze (loaded rows)")

    kept = KeptMethodPage._meta.db_table
    split_analyze = connection.vendor == "postgresql"

    def indexes_and_read_models() -> None:
        # The GIN indexes (most of the index time, one backend each) and the read models,
        # committed together, while the workers render the kept pages on the other core.
        with transaction.atomic():
            _create_indexes([index for index in indexes if _is_gin(index)])
            clock.lap("create indexes: GIN (beside the kept pages)")
            for rebuild in REBUILDS:
                import_string(rebuild)()
                clock.lap(f"rebuild: {rebuild} (beside the kept pages)")
            SiteVersion.objects.bump()  # bulk_create sends no signals
        if split_analyze:
            # Every table but the kept pages' is complete: vacuum it here, beside the workers,
            # rather than after them.
            analyze([table for table in connection.introspection.table_names() if table != kept])
            clock.lap("analyze, all but the kept pages (beside the kept pages)")

    # Every published method's page parts (methods.keptpage), as the task worker keeps them:
    # after the commit, so that worker processes can read the methods.
    keep_method_pages(workers, meanwhile=indexes_and_read_models)
    clock.lap("kept method pages (after the steps beside them)")
    analyze([kept] if split_analyze else None)
    clock.lap("analyze" + (", the kept pages" if split_analyze else ""))
    result.search_hits = Method.objects.filter(search_text__contains=textgen.SEARCH_WORD).count()
    result.detail_slug = _detail_slug(method_ids, source)
    result.accounts = _accounts(companies)
    return result


# Read models and counters other parts of the site keep up to date in save() and the services,
# which bulk loading skips: each is a function that rebuilds its table for all data at once.
REBUILDS: list[str] = [
    "methods.search.rebuild_vocabulary",
    "methods.listindex.rebuild",
    # Every published method's suggestion lists, as the refresh task keeps them on a live site:
    # without them each method page would rank the handbook while the benchmark waits.
    "methods.suggestions.rebuild",
]


def keep_method_pages(workers: int, meanwhile: Callable[[], None] = lambda: None) -> None:
    """methods.keptpage.keep() for every published method, rendered in worker processes (a
    page's parts take milliseconds in each language; 100,000 of them one after the other would
    take most of the seeding's time). Each worker writes its own rows: sent back, the main
    process's inserts were the bottleneck. Nothing else writes while the seeder runs, so the
    rows are written without keep()'s locks. In this process when workers is 0, or inside a
    transaction (the test suite's) that other processes cannot see.

    `meanwhile` runs in this process while the workers render: work that keeps one database
    backend busy and leaves the rest of the machine idle (the seeder's GIN indexes and read
    models). It must not change what the kept parts show. It runs first where it cannot run
    beside them: inline, and on SQLite (one writer at a time)."""
    from django.db import connections

    from methods import keptpage

    ids = list(Method.objects.published().order_by("pk").values_list("pk", flat=True))
    batches = [ids[start : start + keptpage.BATCH] for start in range(0, len(ids), keptpage.BATCH)]
    KeptMethodPage.objects.all().delete()
    inline = not workers or connection.in_atomic_block
    beside = not inline and connection.vendor == "postgresql"
    if not beside:
        meanwhile()
    if inline:
        for batch in batches:
            _keep_batch(batch)
        return
    connections.close_all()  # each forked worker opens its own
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        rendering = pool.map_async(_keep_batch, batches, chunksize=1)
        if beside:
            meanwhile()  # on this process's own, new connection
        rendering.get()


def _keep_batch(method_ids: list[int]) -> None:
    from methods import keptpage

    KeptMethodPage.objects.bulk_create(keptpage.rendered(method_ids))


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def analyze(tables: list[str] | None = None) -> None:
    """Planner statistics and visibility, as a live database has them: right after a bulk load
    PostgreSQL has no statistics until autovacuum gets round to it, and guesses (badly) that
    tables are tiny; nor has it marked any page all-visible, so an index-only scan must visit
    the table for every row, and the planner sorts the whole table instead (a middle page of
    the list at 100,000 methods: 94 ms, 10 ms once vacuumed). Autovacuum does both on a live
    database; VACUUM (ANALYZE) does them now (15 s at 100,000). SQLite has no statistics until
    the site's first connections close (core/dbbackends/sqlite3 runs PRAGMA optimize then), and
    a benchmark's one long connection never closes. `tables`: these only (PostgreSQL), else
    every table."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    command = "VACUUM (ANALYZE)" if vacuum else "ANALYZE"
    if tables is not None:  # PostgreSQL takes a list (SQLite one table at a time)
        command += " " + ", ".join(connection.ops.quote_name(table) for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(command)


def _detail_slug(method_ids: list[int], source: str) -> str:
    """A mid-range method; with the peers' corpus the article the peers measure
    (artikel-1000) when it exists, so all three show the same text."""
    if source != "generated" and len(method_ids) > 1000:
        slug = Method.objects.filter(pk=method_ids[1000]).values_list("slug", flat=True).get()
        return slug
    middle = method_ids[len(method_ids) // 2]
    return Method.objects.filter(pk=middle).values_list("slug", flat=True).get()


# Secondary indexes around the load ------------------------------------------------------------

# The tables the load fills row by row. Their GIN indexes (search_vector, the trigram index on
# search_text) cost more to maintain per row than to build once from the finished table.
LOADED_TABLES = [
    Method._meta.db_table,
    MethodStep._meta.db_table,
    MethodTargetRole._meta.db_table,
    Method.phases.through._meta.db_table,
    Method.competence_areas.through._meta.db_table,
    Method.business_lines.through._meta.db_table,
    ExperienceReport._meta.db_table,
]


def secondary_indexes() -> list[tuple[str, str]]:
    """(name, definition) of every index on the loaded tables that neither enforces a
    constraint nor uniqueness (those keep checking the load), as PostgreSQL itself prints it."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT index_class.relname, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            JOIN pg_class index_class ON index_class.oid = i.indexrelid
            JOIN pg_class table_class ON table_class.oid = i.indrelid
            WHERE table_class.relname = ANY(%s)
              AND table_class.relnamespace = 'public'::regnamespace
              AND NOT i.indisunique AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY index_class.relname
            """,
            [LOADED_TABLES],
        )
        return cursor.fetchall()


def _drop_secondary_indexes() -> list[tuple[str, str]]:
    indexes = secondary_indexes()
    with connection.cursor() as cursor:
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    return indexes


def _is_gin(index: tuple[str, str]) -> bool:
    return " USING gin " in index[1]


def _create_indexes(indexes: list[tuple[str, str]]) -> None:
    if not indexes:
        return
    with connection.cursor() as cursor:
        # The foreign keys are checked at commit; an index cannot be built on a table with
        # checks pending, so run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # A GIN index over 100,000 long texts is built in memory far faster than in passes.
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        for _name, definition in indexes:
            cursor.execute(definition)


# Reference data, users, companies -------------------------------------------------------------


@dataclass
class _Reference:
    phases: list[Phase]
    areas: dict[str, CompetenceArea]  # slug -> area
    area_rank: dict[int, int]  # pk -> position in the database's own ordering (by name)
    lines: list[BusinessLine]
    line_rank: dict[int, int]
    genomforande: Phase


def _reference_data() -> _Reference:
    """Phases, competence areas and business lines come from the data migrations; each corpus
    tag becomes a competence area (created on first use)."""
    phases = list(Phase.objects.order_by("number"))
    areas = {area.slug: area for area in CompetenceArea.objects.all()}
    lines = list(BusinessLine.objects.all())
    return _Reference(
        phases=phases,
        areas=areas,
        area_rank={},
        lines=lines,
        line_rank={pk: i for i, pk in enumerate(BusinessLine.objects.values_list("pk", flat=True))},
        genomforande=next(p for p in phases if p.slug == "genomforande"),
    )


def _areas_for_tags(tags: list[str], reference: _Reference) -> list[CompetenceArea]:
    chosen = []
    for tag in tags:
        slug = _tag_slug(tag)
        area = reference.areas.get(slug)
        if area is None:
            area = CompetenceArea.objects.create(name=tag[:100], slug=slug)
            reference.areas[slug] = area
            reference.area_rank.clear()  # the name order changed
        chosen.append(area)
    if not reference.area_rank:
        reference.area_rank.update(
            {pk: i for i, pk in enumerate(CompetenceArea.objects.values_list("pk", flat=True))}
        )
    return chosen


def _tag_slug(tag: str) -> str:
    return slugify(tag)[:50] or "tagg"


def _users() -> dict:
    user_model = get_user_model()
    editor = user_model(email=EDITOR_EMAIL, display_name="Bench Redaktör")
    editor.set_unusable_password()
    editor.save()
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    authors = []
    for i in range(AUTHOR_COUNT):
        author = user_model(email=f"bench-skribent-{i}@example.org", display_name=f"Skribent {i}")
        author.set_unusable_password()
        authors.append(author)
    authors = user_model.objects.bulk_create(authors)
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True)
        for user in [editor, *authors]
    )
    return {"editor": editor, "authors": authors}


def _companies(count: int, reference: _Reference) -> list[Company]:
    counties = _choice_values(County.choices)
    forms = _choice_values(LegalForm.choices)
    bands = _choice_values(HeadcountBand.choices)
    companies = []
    for i in range(count):
        rng = random.Random(5_000_011 * (i + 1))
        name = f"Benchföretaget {i:04d} {rng.choice(textgen.VOCABULARY).capitalize()}"
        county = counties[i % len(counties)]
        municipality = rng.choice(textgen.VOCABULARY).capitalize()
        description = textgen.sentences(rng, 60)
        languages = "svenska, lätt svenska med bildstöd"
        company = Company(
            name=name,
            slug=f"benchforetaget-{i:04d}",
            org_number=org_number(i),
            legal_form=forms[i % len(forms)],
            municipality=municipality,
            county=county,
            description=description,
            description_html=render_markdown(description),
            employees_band=bands[i % len(bands)],
            participants_band=bands[(i + 1) % len(bands)],
            criterion_integration=True,
            criterion_participation=i % 2 == 0,
            criterion_reinvests=True,
            criterion_independent=i % 3 != 0,
            languages_at_work=languages,
            open_to_study_visits=i % 4 == 0,
        )
        # As Company.save() computes it.
        company.search_text = normalize(
            " ".join(
                [name, municipality, str(company.get_county_display()), description, languages]
            )
        )
        companies.append(company)
    companies = Company.objects.bulk_create(companies)
    through = Company.business_lines.through
    through.objects.bulk_create(
        through(company_id=company.pk, businessline_id=line.pk)
        for i, company in enumerate(companies)
        for line in random.Random(i).sample(reference.lines, 1 + i % 2)
    )
    return companies


def _company_users(companies: list[Company]) -> dict[int, tuple]:
    """An administrator and a member for every company: company pk -> (admin, member)."""
    user_model = get_user_model()
    users = []
    for i, _company in enumerate(companies):
        for kind, name in (("admin", "Administratör"), ("medlem", "Medlem")):
            user = user_model(email=f"bench-{kind}-{i:04d}@example.org", display_name=f"{name} {i}")
            user.set_unusable_password()
            users.append(user)
    users = user_model.objects.bulk_create(users)
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    pairs = {company.pk: (users[2 * i], users[2 * i + 1]) for i, company in enumerate(companies)}
    Membership.objects.bulk_create(
        Membership(user=user, company_id=pk, role=role)
        for pk, (admin, member) in pairs.items()
        for user, role in ((admin, MembershipRole.ADMIN), (member, MembershipRole.MEMBER))
    )
    return pairs


def _efforts(companies: list[Company], method_ids: list[int], reference: _Reference) -> None:
    """EFFORTS_PER_COMPANY efforts per company, in different phases, each with a few methods
    and its phase records as companies.efforts.create_effort() and complete_phase() leave them."""
    pairs = _company_users(companies)
    roles = _choice_values(Role.choices)
    today = timezone.localdate()
    efforts = []
    for i, company in enumerate(companies):
        admin, _member = pairs[company.pk]
        for k in range(EFFORTS_PER_COMPANY):
            number = i * EFFORTS_PER_COMPANY + k
            rng = random.Random(3_000_017 * (number + 1))
            efforts.append(
                Effort(
                    company=company,
                    title=f"Insats {number:05d}: " + " ".join(rng.sample(textgen.VOCABULARY, 2)),
                    goal=textgen.sentences(rng, 20),
                    responsible_roles=sorted(rng.sample(roles[:3], 1 + k % 2)),
                    current_phase=reference.phases[number % len(reference.phases)],
                    created_by=admin,
                )
            )
    efforts = Effort.objects.bulk_create(efforts)
    Effort.methods.through.objects.bulk_create(
        Effort.methods.through(effort_id=effort.pk, method_id=method_id)
        for j, effort in enumerate(efforts)
        for method_id in random.Random(j).sample(method_ids, min(len(method_ids), 2 + j % 3))
    )
    Effort.responsible_members.through.objects.bulk_create(
        Effort.responsible_members.through(
            effort_id=effort.pk, user_id=pairs[effort.company_id][1].pk
        )
        for effort in efforts
    )
    records = []
    for j, effort in enumerate(efforts):
        current = effort.current_phase.number
        started = today - timedelta(days=30 * current + j % 30)
        for phase in reference.phases:
            done = phase.number < current
            records.append(
                EffortPhase(
                    effort=effort,
                    phase=phase,
                    started_on=started + timedelta(days=30 * (phase.number - 1))
                    if phase.number <= current
                    else None,
                    completed_on=started + timedelta(days=30 * phase.number - 1) if done else None,
                )
            )
    for batch in _batched(records, BATCH):
        EffortPhase.objects.bulk_create(batch)


def _accounts(companies: list[Company]) -> dict[str, str]:
    """Who the benchmark signs in as for the company pages: a company in the middle, its
    administrator and member, and its first effort (read by bench.run from bench_meta)."""
    company = companies[len(companies) // 2]
    memberships = {
        m.role: m.user.email
        for m in Membership.objects.filter(company=company).select_related("user")
    }
    return {
        "company_slug": company.slug,
        "company_admin_email": memberships[MembershipRole.ADMIN],
        "member_email": memberships[MembershipRole.MEMBER],
        "effort_id": str(
            Effort.objects.filter(company=company).order_by("pk").values_list("pk", flat=True)[0]
        ),
    }


# Preparing methods (in worker processes) ------------------------------------------------------


@contextmanager
def _preparers(workers: int) -> Iterator[Callable[[Iterable[tuple]], Iterator[list[dict]]]]:
    """A function that maps _prepare_chunk over tasks, in order: in `workers` processes with a
    few chunks in flight (memory stays bounded whatever N), or here when workers is 0."""
    if not workers:
        yield lambda tasks: (_prepare_chunk(*task) for task in tasks)
        return
    # fork: the workers start with Django set up and textgen's vocabulary built.
    pool = multiprocessing.get_context("fork").Pool(workers)
    try:

        def ordered(tasks: Iterable[tuple]) -> Iterator[list[dict]]:
            pending: deque = deque()
            for task in tasks:
                pending.append(pool.apply_async(_prepare_chunk, task))
                if len(pending) > 2 * workers:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()

        yield ordered
        pool.close()
    finally:
        pool.terminate()
        pool.join()


@dataclass
class _Snapshot:
    """What a worker needs of the database, as plain values (no connection in the workers)."""

    phases: list[tuple[int, int, str]]  # (pk, number, name) by number
    areas: dict[str, tuple[int, str, int]]  # slug -> (pk, name, rank in name order)
    lines: list[tuple[int, str, int]]  # (pk, name, rank in name order)
    genomforande: int
    authors: list[int]


def _tasks(chunks: Iterable[list], reference: _Reference, users: dict) -> Iterator[tuple]:
    for chunk in chunks:
        if chunk and not isinstance(chunk[0], int):
            for _i, record in chunk:
                _areas_for_tags(list(record["tags"]), reference)
        yield chunk, _snapshot(reference, users)


def _snapshot(reference: _Reference, users: dict) -> _Snapshot:
    return _Snapshot(
        phases=[(p.pk, p.number, p.name) for p in reference.phases],
        areas={
            slug: (area.pk, area.name, reference.area_rank[area.pk])
            for slug, area in reference.areas.items()
        },
        lines=[(b.pk, b.name, reference.line_rank[b.pk]) for b in reference.lines],
        genomforande=reference.genomforande.pk,
        authors=[author.pk for author in users["authors"]],
    )


def _prepare_chunk(chunk: list, snapshot: _Snapshot) -> list[dict]:
    """Methods as plain values, ready to insert: a chunk of numbers (generated text) or of
    (number, record) pairs."""
    pairs = (
        [(i, textgen.article(i)) for i in chunk] if chunk and isinstance(chunk[0], int) else chunk
    )
    return [_prepare_method(i, record, snapshot) for i, record in pairs]


def _method_parts(i: int, record: dict, snapshot: _Snapshot) -> dict:
    """Everything about method i that is not in the corpus record, deterministic in i."""
    rng = random.Random(7_000_003 * (i + 1))
    phases = sorted(rng.sample(snapshot.phases, rng.choice([1, 2, 2, 3])), key=lambda p: p[1])
    areas = list(dict.fromkeys(snapshot.areas[_tag_slug(tag)] for tag in record["tags"]))
    lines = rng.sample(snapshot.lines, rng.choice([0, 1, 1, 2]))
    roles = _choice_values(Role.choices)
    steps = []
    for phase in phases:
        for role in sorted(rng.sample(roles[:3], 2)):
            steps.append((phase, role, textgen.sentences(rng, rng.randint(12, 24))))
    target_roles = sorted(rng.sample(roles[:3], rng.choice([1, 2, 3])))
    prep = rng.choice([0, 15, 30, 60])
    delivery = rng.choice([30, 60, 120, 240, 480])
    followup = rng.choice([0, 15, 30, 60, 120])
    external = i % 7 == 0
    return {
        "rng": rng,
        "phases": phases,
        "areas": areas,
        "lines": lines,
        "steps": steps,
        "target_roles": target_roles,
        "minutes": (prep, delivery, followup),
        "external": external,
        "purpose": textgen.sentences(rng, 20),
        "materials": textgen.sentences(rng, 10),
        "easy_read": textgen.sentences(rng, 40) if i % 4 == 0 else "",
        "author": snapshot.authors[i % len(snapshot.authors)],
    }


def _prepare_method(i: int, record: dict, snapshot: _Snapshot) -> dict:
    parts = _method_parts(i, record, snapshot)
    rng = parts["rng"]
    slug = record["slug"]
    if slug != slugify(slug) or slug in RESERVED_SLUGS or len(slug) > 80:
        raise ValueError(f"Record {i}: unusable slug {slug!r}")
    body = _body(record)
    prep, delivery, followup = parts["minutes"]
    learning_forms = _choice_values(LearningForm.choices)
    costs = _choice_values(CostLevel.choices)
    evidence = _choice_values(EvidenceStatus.choices)
    fields = {
        "title": record["title"][:160],
        "slug": slug,
        "summary": record["intro"],
        "easy_read": parts["easy_read"],
        "purpose": parts["purpose"],
        "body": body,
        "learning_form": learning_forms[rng.randrange(len(learning_forms))],
        "prep_minutes": prep,
        "delivery_minutes": delivery,
        "followup_minutes": followup,
        "group_size_min": 1,
        "group_size_max": rng.choice([1, 4, 8, 12]),
        "cost_level": costs[rng.randrange(len(costs))],
        "internal_hours": Decimal(rng.choice(["0.5", "2.0", "4.0", "8.0"])),
        "materials": parts["materials"],
        "needs_external_trainer": parts["external"],
        "external_trainer_phase_id": snapshot.genomforande if parts["external"] else None,
        "evidence_status": evidence[i % len(evidence)],
        "author_id": parts["author"],
        "status": Status.PUBLISHED,
        "published_at": FIRST_PUBLISHED + timedelta(minutes=90 * i),
        "review_by": (
            date(2025, 1, 1) + timedelta(days=i % 300)
            if i % REVIEW_OVERDUE_EVERY == 0
            else timezone.localdate() + timedelta(days=365 + i % 300)
        ),
        # What Method.save() does.
        "body_html": render_markdown(body),
        "easy_read_html": render_markdown(parts["easy_read"]),
        "time_band": TimeBand.for_minutes(prep + delivery + followup),
    }
    # What methods.services.refresh_search_index() stores, from the same parts in the same
    # order: steps by (phase number, role); phases by number, areas and lines in the database's
    # own name order.
    title = normalize(fields["title"])
    summary = normalize(" ".join([fields["summary"], fields["easy_read"], fields["purpose"]]))
    steps_text = " ".join(text for _phase, _role, text in parts["steps"])
    vocabulary = " ".join(
        [
            *[name for _pk, _number, name in parts["phases"]],
            *[name for _pk, name, _rank in sorted(parts["areas"], key=lambda a: a[2])],
            *[name for _pk, name, _rank in sorted(parts["lines"], key=lambda b: b[2])],
        ]
    )
    rest = normalize(" ".join([body, steps_text, fields["materials"], vocabulary]))
    fields["search_title"] = title[:200]
    fields["search_text"] = f"{title} {summary} {rest}"
    return {
        "fields": fields,
        "search": (title, summary, rest),
        "phases": [pk for pk, _number, _name in parts["phases"]],
        "areas": [pk for pk, _name, _rank in parts["areas"]],
        "lines": [pk for pk, _name, _rank in parts["lines"]],
        "target_roles": parts["target_roles"],
        # What MethodStep.save() does.
        "steps": [
            (phase[0], role, text, render_markdown(text)) for phase, role, text in parts["steps"]
        ],
    }


# Inserting methods (in this process) ----------------------------------------------------------


def _insert_methods(prepared: list[dict]) -> tuple[list[int], int]:
    methods = [Method(**item["fields"]) for item in prepared]
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        for method, pk, vector in zip(
            methods, _next_ids(Method, len(methods)), _search_vectors(prepared), strict=True
        ):
            method.pk = pk
            method.search_vector = vector
        _copy(Method, methods, with_pk=True)
    else:
        methods = Method.objects.bulk_create(methods)
    pairs = list(zip((m.pk for m in methods), prepared, strict=True))
    # The related rows as plain tuples: building a model instance for each of them (a dozen per
    # method) cost more Python time than the database spends storing them.
    steps = [
        (pk, phase, role, text, html)
        for pk, item in pairs
        for phase, role, text, html in item["steps"]
    ]
    related = [
        (
            Method.phases.through,
            ["method", "phase"],
            [(pk, phase) for pk, item in pairs for phase in item["phases"]],
        ),
        (
            Method.competence_areas.through,
            ["method", "competencearea"],
            [(pk, area) for pk, item in pairs for area in item["areas"]],
        ),
        (
            Method.business_lines.through,
            ["method", "businessline"],
            [(pk, line) for pk, item in pairs for line in item["lines"]],
        ),
        (
            MethodTargetRole,
            ["method", "role"],
            [(pk, role) for pk, item in pairs for role in item["target_roles"]],
        ),
        (MethodStep, ["method", "phase", "role", "text", "text_html"], steps),
    ]
    for model, fields, rows in related:
        if rows:
            (_copy_rows if postgresql else insert_rows)(model, fields, rows)
    return [pk for pk, _item in pairs], len(steps)


def _search_vectors(prepared: list[dict]) -> list[str]:
    """The weighted tsvector refresh_search_index() stores, for a whole chunk in one query: the
    same SQL Django compiles for SearchVector(Value(...), weight=..., config="swedish") + ...,
    returned as text for COPY."""
    vector = " || ".join(
        f"setweight(to_tsvector('swedish'::regconfig, COALESCE(part_{weight}, '')), '{weight}')"
        for weight in "ABC"
    )
    titles, summaries, rests = zip(*(item["search"] for item in prepared), strict=True)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT ({vector})::text FROM unnest(%s::text[], %s::text[], %s::text[]) "  # noqa: S608
            "WITH ORDINALITY AS parts(part_A, part_B, part_C, position) ORDER BY position",
            [list(titles), list(summaries), list(rests)],
        )
        return [row[0] for row in cursor.fetchall()]


def _next_ids(model, count: int) -> list[int]:
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy(model, objs: list, *, with_pk: bool = False) -> None:
    """INSERT by PostgreSQL's COPY: each field's value as Django would save it (pre_save sets
    auto_now; get_db_prep_save adapts), without compiling an INSERT for every chunk."""
    fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
    _copy_rows(
        model,
        [f.name for f in fields],
        ([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in objs),
    )


def _copy_rows(model, fields: list[str], rows: Iterable) -> None:
    """COPY rows (sequences of values in the database's form, in the order of `fields`) into
    the model's table, as core.bulk.insert_rows does with INSERT."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _reports(count: int, method_ids: list[int], companies: list[Company]) -> int:
    """count published experience reports, spread over the methods (some methods get several,
    most none), then Method.report_count as refresh_report_stats() would set it."""
    reports = []
    per_method: Counter[int] = Counter()
    now = timezone.now()
    for j in range(count):
        rng = random.Random(9_000_001 * (j + 1))
        # Skewed: a third of the reports go to the first tenth of the methods.
        if j % 3 == 0:
            method_id = method_ids[rng.randrange(max(1, len(method_ids) // 10))]
        else:
            method_id = method_ids[rng.randrange(len(method_ids))]
        per_method[method_id] += 1
        company = companies[j % len(companies)]
        title = f"Erfarenhet {j:05d}: " + " ".join(rng.choice(textgen.VOCABULARY) for _ in range(3))
        context = textgen.sentences(rng, 60)
        outcome = textgen.sentences(rng, 30)
        helped = textgen.sentences(rng, 20)
        report = ExperienceReport(
            company=company,
            method_id=method_id,
            title=title,
            period_start=date(2024, 1, 1) + timedelta(days=j % 700),
            period_end=date(2024, 3, 1) + timedelta(days=j % 700),
            context=context,
            outcome_behaviour=outcome,
            helped=helped,
            recommend_score=1 + j % 5,
            consent_to_publish=True,
            consent_recorded_at=now,
            status=Status.PUBLISHED,
            published_at=now - timedelta(hours=j),
        )
        # As ExperienceReport.save() computes it (phase_notes is empty).
        report.search_text = normalize(
            " ".join(
                [
                    title,
                    context,
                    report.adaptations,
                    report.outcome_reaction,
                    report.outcome_learning,
                    outcome,
                    report.outcome_results,
                    helped,
                    report.hindered,
                ]
            )
        )
        reports.append(report)
    for batch in _batched(reports, BATCH):
        ExperienceReport.objects.bulk_create(batch)
    # Set-based: one UPDATE per distinct count, not one per method.
    by_count: dict[int, list[int]] = {}
    for method_id, reported in per_method.items():
        by_count.setdefault(reported, []).append(method_id)
    for reported, ids in by_count.items():
        for chunk in _batched(ids, BATCH):
            Method.objects.filter(pk__in=chunk).update(report_count=reported)
    return len(reports)
