"""The bulk seeder's speed-ups change nothing in the data: the process pool prepares the same
methods as one process, and the indexes dropped for the load come back as the migrations made
them. (tests/test_bench.py checks the seeded handbook itself and the mirror of the services.)
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from bench import database, seed, seeding, textgen
from companies.choices import MembershipRole
from companies.models import Company, Effort, EffortPhase, Membership
from methods import keptpage
from methods.models import KeptMethodPage, Method, MethodStep, MethodTargetRole, Phase

N = 100
# Every column but the ids (the authors are compared by e-mail) and the time of seeding.
FIELDS = [
    f.attname
    for f in Method._meta.concrete_fields
    if f.attname not in {"id", "author_id", "created_at", "updated_at"}
]


def _seed(**options) -> str:
    out = io.StringIO()
    call_command(seed.Command(), n=N, force=True, allow_test_database=True, stdout=out, **options)
    return out.getvalue()


def _handbook() -> dict:
    """Every seeded method row and its related rows, keyed by slug, without database ids."""
    methods = {}
    for row in Method.objects.values(*FIELDS, "author__email"):
        slug = row["slug"]
        row["search_vector"] = _vector(slug)
        methods[slug] = row
    return {
        "methods": methods,
        "steps": sorted(
            MethodStep.objects.values_list(
                "method__slug", "phase__number", "role", "text", "text_html"
            )
        ),
        "roles": sorted(MethodTargetRole.objects.values_list("method__slug", "role")),
        "phases": sorted(
            Method.phases.through.objects.values_list("method__slug", "phase__number")
        ),
        "areas": sorted(
            Method.competence_areas.through.objects.values_list(
                "method__slug", "competencearea__slug"
            )
        ),
        "lines": sorted(
            Method.business_lines.through.objects.values_list("method__slug", "businessline__slug")
        ),
    }


def _vector(slug: str) -> str | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM methods_method WHERE slug = %s", [slug])
        return cursor.fetchone()[0]


def _indexes() -> list[tuple[str, str, str]]:
    """Every index on the tables the seeder loads, as PostgreSQL prints it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename, indexname, indexdef FROM pg_indexes "
            "WHERE schemaname = 'public' AND tablename = ANY(%s) ORDER BY 1, 2",
            [seeding.LOADED_TABLES],
        )
        return cursor.fetchall()


@pytest.mark.django_db
def test_a_current_database_gets_back_the_kept_pages_a_release_dropped():
    """Seeding a database that already holds the handbook only brings it up to date: the kept
    page parts that a migration or a changed template dropped are kept again, so that the
    benchmark never measures pages rendered live for want of them."""
    _seed(workers=0)
    dropped = list(Method.objects.order_by("pk").values_list("pk", flat=True)[:10])
    KeptMethodPage.objects.filter(method_id__in=dropped).delete()
    assert keptpage.missing() == dropped
    out = io.StringIO()
    call_command(seed.Command(), n=N, allow_test_database=True, workers=0, stdout=out)
    assert "Kept the method pages again" in out.getvalue()
    assert keptpage.missing() == []
    assert KeptMethodPage.objects.count() == 2 * N


@pytest.mark.django_db
def test_the_process_pool_seeds_the_same_methods_as_one_process():
    assert "Seeded 100 methods" in _seed(workers=2)
    pooled = _handbook()
    assert "Seeded 100 methods" in _seed(workers=0)
    alone = _handbook()
    # Every published method's page parts are kept, in every language, rendered as the task
    # would (in this test's transaction the seeder renders them here, whatever the workers).
    assert keptpage.missing() == []
    assert KeptMethodPage.objects.count() == 2 * N
    assert len(alone["methods"]) == N
    assert len(alone["steps"]) >= 2 * N
    assert pooled == alone


@pytest.mark.django_db
def test_the_indexes_dropped_for_the_load_are_there_again_as_the_migrations_made_them():
    if connection.vendor != "postgresql":
        pytest.skip("the seeder drops and re-creates indexes on PostgreSQL only")
    migrated = _indexes()
    names = {name for _table, name, _definition in migrated}
    assert {
        "methods_method_search_vector_gin",
        "companies_experiencereport_search_text_trgm",
    } <= names
    dropped = {name for name, _definition in seeding.secondary_indexes()}
    assert {
        "methods_method_search_vector_gin",
        "companies_experiencereport_search_text_trgm",
    } <= dropped
    _seed()
    assert _indexes() == migrated
    # Built, not merely declared.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT bool_and(indisvalid AND indisready) FROM pg_index "
            "WHERE indrelid::regclass::text = ANY(%s)",
            [seeding.LOADED_TABLES],
        )
        assert cursor.fetchone()[0] is True


@pytest.mark.django_db
def test_on_sqlite_the_full_text_indexes_are_filled_after_the_load_and_kept_again():
    """The seeder loads without the FTS5 triggers and fills each index once at the end
    (methods.search_sqlite.triggers_off): the index must then find what the rows hold, and
    the triggers must be back for what is written next."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL drops and rebuilds its own indexes (the test above)")
    from methods import search, services
    from methods.models import MethodSuggestion

    def indexed(word: str) -> int:
        return search.search_methods(Method.objects.all(), search.parse_query(word)).count()

    _seed()
    expected = Method.objects.filter(search_text__contains=textgen.SEARCH_WORD).count()
    assert expected > 0
    assert indexed(textgen.SEARCH_WORD) == expected
    method = Method.objects.first()
    method.title = "Ordet zebrafink finns bara här"
    method.save()
    services.refresh_search_index(method)  # what every edit of a method runs
    assert indexed("zebrafink") == 1
    # The seeder also keeps the suggestion lists, as the refresh task does on a live site.
    assert MethodSuggestion.objects.filter(kind=MethodSuggestion.Kind.COMPUTED).count() == N


@pytest.mark.django_db
def test_every_company_has_an_administrator_a_member_and_efforts_in_progress():
    _seed()
    companies = Company.objects.count()
    assert companies == N // 50
    roles = sorted(Membership.objects.values_list("company__slug", "role"))
    assert roles == sorted(
        (slug, role)
        for slug in Company.objects.values_list("slug", flat=True)
        for role in (MembershipRole.ADMIN, MembershipRole.MEMBER)
    )
    assert Effort.objects.count() == companies * seeding.EFFORTS_PER_COMPANY
    phases = Phase.objects.count()
    assert EffortPhase.objects.count() == Effort.objects.count() * phases
    for effort in Effort.objects.select_related("current_phase"):
        assert effort.methods.exists()
        records = {r.phase.number: r for r in effort.phase_records.select_related("phase")}
        current = effort.current_phase.number
        assert all(records[n].completed_on for n in range(1, current))
        assert records[current].started_on and not records[current].completed_on
        assert all(records[n].started_on is None for n in range(current + 1, phases + 1))
        member = Membership.objects.get(company=effort.company, role=MembershipRole.MEMBER).user
        assert list(effort.responsible_members.all()) == [member]
    # The benchmark finds a company, its administrator, member and an effort in bench_meta.
    meta = database.read_meta()
    company = Company.objects.get(slug=meta["company_slug"])
    assert Membership.objects.get(company=company, user__email=meta["member_email"]).role == (
        MembershipRole.MEMBER
    )
    assert Membership.objects.get(
        company=company, user__email=meta["company_admin_email"]
    ).role == (MembershipRole.ADMIN)
    assert Effort.objects.get(pk=meta["effort_id"]).company == company
