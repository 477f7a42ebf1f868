"""Seed a benchmark handbook of N published methods in bulk.

bulk_create skips Model.save() and the services, so this module does their work itself, in
sets rather than per row:

- Method.save(): slug, body_html/easy_read_html (core.rendering.render_markdown), time_band
  (TimeBand.for_minutes), published_at; MethodStep.save(): text_html.
- methods.services.refresh_search_index(): search_title and search_text are computed here from
  the same parts in the same order (tests/test_bench.py checks the mirror against the service),
  and on PostgreSQL search_vector with the same weighted to_tsvector('swedish', ...) expression.
- companies.services.refresh_report_stats(): Method.report_count from the reports created here.
- Company.save() / ExperienceReport.save(): description_html, search_text, consent time.
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from companies.choices import County, HeadcountBand, LegalForm
from companies.models import BusinessLine, Company, ExperienceReport
from core.models import SiteVersion
from core.rendering import render_markdown
from core.roles import EDITOR_GROUP
from core.validators import luhn_check_digit
from methods.choices import CostLevel, EvidenceStatus, LearningForm, Role, Status, TimeBand
from methods.models import (
    RESERVED_SLUGS,
    CompetenceArea,
    Method,
    MethodStep,
    MethodTargetRole,
    Phase,
)
from methods.search import normalize

from . import textgen

EDITOR_EMAIL = "bench-redaktor@example.org"
AUTHOR_COUNT = 10
BATCH = 500
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
) -> SeedResult:
    """Create n published methods (from records, or generated), n/50 companies and n/5
    published experience reports, in one transaction. The database must hold no methods yet."""
    if Method.objects.exists():
        raise ValueError("The benchmark database already has methods; recreate it first.")
    result = SeedResult(source=source)
    clock = _Clock(result.timings)
    records = generated_records(n) if records is None else records
    with transaction.atomic():
        reference = _reference_data()
        users = _users()
        clock.lap("reference data and users")
        companies = _companies(max(1, n // 50), reference)
        result.companies = len(companies)
        clock.lap("companies")
        method_ids: list[int] = []
        for number, batch in enumerate(_batched(enumerate(records), BATCH)):
            ids, steps = _methods(batch, reference, users, clock)
            method_ids += ids
            result.steps += steps
            if number % 4 == 3:
                log(f"  {len(method_ids)} methods")
        result.methods = len(method_ids)
        if result.methods != n:
            raise ValueError(f"Only {result.methods} records for n={n}.")
        result.reports = _reports(max(1, n // 5), method_ids, companies)
        clock.lap("experience reports and report_count")
        SiteVersion.objects.bump()  # bulk_create sends no signals
    analyze()
    result.search_hits = Method.objects.filter(search_text__contains=textgen.SEARCH_WORD).count()
    result.detail_slug = _detail_slug(method_ids, source)
    return result


def analyze() -> None:
    """Planner statistics, as a live database has them: right after a bulk load PostgreSQL has
    none until autovacuum gets round to it, and guesses (badly) that tables are tiny. SQLite is
    left as Django leaves it (no ANALYZE is ever run there)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _detail_slug(method_ids: list[int], source: str) -> str:
    """A mid-range method; with the peers' corpus the article the peers measure
    (artikel-1000) when it exists, so all three show the same text."""
    if source != "generated" and len(method_ids) > 1000:
        slug = Method.objects.filter(pk=method_ids[1000]).values_list("slug", flat=True).get()
        return slug
    middle = method_ids[len(method_ids) // 2]
    return Method.objects.filter(pk=middle).values_list("slug", flat=True).get()


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
        slug = slugify(tag)[:50] or "tagg"
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


def _method_parts(i: int, record: dict, reference: _Reference, users: dict) -> dict:
    """Everything about method i that is not in the corpus record, deterministic in i."""
    rng = random.Random(7_000_003 * (i + 1))
    phases = sorted(rng.sample(reference.phases, rng.choice([1, 2, 2, 3])), key=lambda p: p.number)
    areas = list(dict.fromkeys(_areas_for_tags(list(record["tags"]), reference)))
    lines = rng.sample(reference.lines, rng.choice([0, 1, 1, 2]))
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
        "author": users["authors"][i % len(users["authors"])],
    }


def _methods(
    batch: list[tuple[int, dict]], reference: _Reference, users: dict, clock: _Clock
) -> tuple[list[int], int]:
    learning_forms = _choice_values(LearningForm.choices)
    costs = _choice_values(CostLevel.choices)
    evidence = _choice_values(EvidenceStatus.choices)
    today = timezone.localdate()
    methods, parts_list, search_parts = [], [], []
    for i, record in batch:
        parts = _method_parts(i, record, reference, users)
        rng = parts["rng"]
        slug = record["slug"]
        if slug != slugify(slug) or slug in RESERVED_SLUGS or len(slug) > 80:
            raise ValueError(f"Record {i}: unusable slug {slug!r}")
        body = _body(record)
        prep, delivery, followup = parts["minutes"]
        method = Method(
            title=record["title"][:160],
            slug=slug,
            summary=record["intro"],
            easy_read=parts["easy_read"],
            purpose=parts["purpose"],
            body=body,
            learning_form=learning_forms[rng.randrange(len(learning_forms))],
            prep_minutes=prep,
            delivery_minutes=delivery,
            followup_minutes=followup,
            group_size_min=1,
            group_size_max=rng.choice([1, 4, 8, 12]),
            cost_level=costs[rng.randrange(len(costs))],
            internal_hours=Decimal(rng.choice(["0.5", "2.0", "4.0", "8.0"])),
            materials=parts["materials"],
            needs_external_trainer=parts["external"],
            external_trainer_phase=reference.genomforande if parts["external"] else None,
            evidence_status=evidence[i % len(evidence)],
            author=parts["author"],
            status=Status.PUBLISHED,
            published_at=FIRST_PUBLISHED + timedelta(minutes=90 * i),
            review_by=(
                date(2025, 1, 1) + timedelta(days=i % 300)
                if i % REVIEW_OVERDUE_EVERY == 0
                else today + timedelta(days=365 + i % 300)
            ),
        )
        # What Method.save() does.
        method.body_html = render_markdown(method.body)
        method.easy_read_html = render_markdown(method.easy_read)
        method.time_band = TimeBand.for_minutes(method.total_minutes)
        # What methods.services.refresh_search_index() stores, from the same parts in the same
        # order: steps by (phase number, role); phases by number, areas and lines in the
        # database's own name order.
        title = normalize(method.title)
        summary = normalize(" ".join([method.summary, method.easy_read, method.purpose]))
        steps_text = " ".join(text for _phase, _role, text in parts["steps"])
        vocabulary = " ".join(
            [
                *[p.name for p in parts["phases"]],
                *[a.name for a in sorted(parts["areas"], key=lambda a: reference.area_rank[a.pk])],
                *[b.name for b in sorted(parts["lines"], key=lambda b: reference.line_rank[b.pk])],
            ]
        )
        rest = normalize(" ".join([method.body, steps_text, method.materials, vocabulary]))
        method.search_title = title[:200]
        method.search_text = f"{title} {summary} {rest}"
        methods.append(method)
        parts_list.append(parts)
        search_parts.append((title, summary, rest))
    clock.lap("methods: render and index text")
    methods = Method.objects.bulk_create(methods)
    clock.lap("methods: insert")
    ids = [m.pk for m in methods]
    phase_through = Method.phases.through
    area_through = Method.competence_areas.through
    line_through = Method.business_lines.through
    phase_through.objects.bulk_create(
        phase_through(method_id=m.pk, phase_id=p.pk)
        for m, parts in zip(methods, parts_list, strict=True)
        for p in parts["phases"]
    )
    area_through.objects.bulk_create(
        area_through(method_id=m.pk, competencearea_id=a.pk)
        for m, parts in zip(methods, parts_list, strict=True)
        for a in parts["areas"]
    )
    line_through.objects.bulk_create(
        line_through(method_id=m.pk, businessline_id=b.pk)
        for m, parts in zip(methods, parts_list, strict=True)
        for b in parts["lines"]
    )
    MethodTargetRole.objects.bulk_create(
        MethodTargetRole(method_id=m.pk, role=role)
        for m, parts in zip(methods, parts_list, strict=True)
        for role in parts["target_roles"]
    )
    clock.lap("methods: relations")
    steps = [
        MethodStep(
            method_id=m.pk, phase_id=phase.pk, role=role, text=text, text_html=render_markdown(text)
        )
        for m, parts in zip(methods, parts_list, strict=True)
        for phase, role, text in parts["steps"]
    ]
    clock.lap("steps: render")
    MethodStep.objects.bulk_create(steps)
    clock.lap("steps: insert")
    if connection.vendor == "postgresql":
        _search_vectors(ids, search_parts)
        clock.lap("search_vector (PostgreSQL)")
    return ids, len(steps)


def _search_vectors(ids: list[int], parts: list[tuple[str, str, str]]) -> None:
    """The weighted tsvector refresh_search_index() stores, for a whole batch at once: the same
    SQL Django compiles for SearchVector(Value(...), weight=..., config="swedish") + ..."""
    table = Method._meta.db_table
    vector = " || ".join(
        f"setweight(to_tsvector('swedish'::regconfig, COALESCE(%s, '')), '{weight}')"
        for weight in "ABC"
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            f'UPDATE "{table}" SET "search_vector" = ({vector}) WHERE "id" = %s',  # noqa: S608
            [
                (title, summary, rest, pk)
                for pk, (title, summary, rest) in zip(ids, parts, strict=True)
            ],
        )


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
