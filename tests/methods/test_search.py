"""Search: the same cases on PostgreSQL (full text + trigram) and SQLite (the fallback).

`make test` runs this file on SQLite, and again on PostgreSQL with DATABASE_URL set (CI does both).
"""

import re
import sys
import unicodedata

import pytest
from django.db import connection

from companies.models import ExperienceReport
from methods.choices import Status
from methods.models import Method, SearchSynonym
from methods.search import highlight, normalize, parse_query, search_methods, stem
from tests.factories import CompanyFactory, ExperienceReportFactory, MethodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def handbook(db):
    """A small handbook whose words exercise diacritics, compounds, inflections and typos."""
    return {
        "forankring": MethodFactory(
            title="Förankring i arbetslaget",
            summary="Ledning och deltagare kommer överens.",
            body="Ett samtal före insatsen.",
            easy_read="Vi pratar före.",
        ),
        "handledare": MethodFactory(
            title="Stöd för nya handledare",
            summary="Hur en handledare tar emot en ny kollega.",
            body="Tips för den som är ny i rollen.",
            easy_read="Så tar du emot.",
        ),
        "hygien": MethodFactory(
            title="Livsmedelshygien i caféet",
            summary="Rutiner i köket.",
            body="Tvätta händerna och följ egenkontrollen.",
            easy_read="Tvätta händerna.",
        ),
        "arbetstraning": MethodFactory(
            title="Stegvis arbetsträning",
            summary="Ansvaret växer steg för steg.",
            body="Deltagaren provar nya uppgifter.",
            easy_read="Du gör lite mer varje vecka.",
        ),
        "asf": MethodFactory(
            title="Nätverk mellan företag",
            summary="Träffar för arbetsintegrerande sociala företag i regionen.",
            body="Vi delar erfarenheter.",
            easy_read="Vi träffas.",
        ),
        "unrelated": MethodFactory(
            title="Mobilen som verktyg",
            summary="Schema och bilder i telefonen.",
            body="Appar för jobbet.",
            easy_read="Använd mobilen.",
        ),
    }


def found(query: str) -> list[str]:
    parsed = parse_query(query)
    results = search_methods(Method.objects.published(), parsed).order_by("-rank", "title")
    return [m.title for m in results]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("förankring", "Förankring i arbetslaget"),
        ("forankring", "Förankring i arbetslaget"),  # without diacritics
        ("FÖRANKRING", "Förankring i arbetslaget"),
        ("handledning", "Stöd för nya handledare"),  # another form of the same word
        ("handledarna", "Stöd för nya handledare"),
        ("träning", "Stegvis arbetsträning"),  # a part of a compound
        ("traning", "Stegvis arbetsträning"),
        ("hygien", "Livsmedelshygien i caféet"),
        ("livsmedelshygein", "Livsmedelshygien i caféet"),  # misspelt
        ("arbetstraening", "Stegvis arbetsträning"),  # misspelt
        ("praktik", "Stegvis arbetsträning"),  # synonym from the seeded list
        ("ASF", "Nätverk mellan företag"),  # abbreviation -> phrase
        ("mobilen schema", "Mobilen som verktyg"),  # every word must match
    ],
)
def test_search_finds(handbook, query, expected):
    titles = found(query)
    assert titles, f"{query!r} found nothing"
    assert titles[0] == expected, titles


def test_search_requires_every_word(handbook):
    assert found("mobilen hygien") == []


def test_search_never_shows_unpublished(handbook):
    MethodFactory(title="Hemlig förankring", status=Status.DRAFT)
    assert "Hemlig förankring" not in found("förankring")


def test_title_matches_rank_before_body_matches(db):
    MethodFactory(title="Om kaffe", body="Handledare brygger kaffe.", summary="x", easy_read="x")
    MethodFactory(title="Handledare i köket", body="Annat.", summary="y", easy_read="y")
    assert found("handledare")[0] == "Handledare i köket"


def test_synonyms_edited_by_curators_are_used(handbook):
    assert found("skyddsrond") == []
    SearchSynonym.objects.create(term="skyddsrond", synonyms="hygien")
    assert found("skyddsrond") == ["Livsmedelshygien i caféet"]


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "a" * 2000,
        "& | ! : * ( ) ' \"",
        "förankring & | !",
        "'; DROP TABLE methods_method; --",
        "<script>alert(1)</script>",
        "handled:* & !x",
        "\x00\x1f",
        "🙂 😀",
        "(((((",
    ],
)
def test_any_input_is_safe(handbook, raw, client):
    found(raw)  # must not raise
    for path in ("/sok/", "/metoder/"):
        response = client.get(path, {"q": raw})
        # A NUL never reaches a view (core.middleware.RejectNulMiddleware answers 400).
        assert response.status_code == (400 if "\x00" in raw else 200)
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_too_long_query_is_cut_with_a_notice(client, handbook):
    response = client.get("/sok/", {"q": "förankring " + "x" * 2000})
    assert response.context["query"] == ("förankring " + "x" * 2000)[:200]
    assert "Sökningen var för lång och har kortats." in response.content.decode()


def test_search_page_groups_results_with_counts(client, handbook):
    company = CompanyFactory(name="Hygienbolaget", description="Vi städar kök.")
    ExperienceReportFactory(
        company=company,
        method=handbook["hygien"],
        title="Hygien i praktiken",
        context="Vi övade handtvätt och hygien varje morgon.",
    )
    ExperienceReportFactory(title="Utkast om hygien", status=Status.DRAFT)
    response = client.get("/sok/", {"q": "hygien"})
    context = response.context
    assert (context["method_count"], context["company_count"], context["report_count"]) == (
        1,
        1,
        1,
    )
    html = response.content.decode()
    assert "Metoder (1)" in html
    assert "Företag (1)" in html
    assert "Erfarenhetsrapporter (1)" in html
    assert "Hygien i praktiken" in html
    assert "Utkast om hygien" not in html
    assert ExperienceReport.objects.count() == 2


def test_search_results_show_highlighted_snippets(client, handbook):
    html = client.get("/sok/", {"q": "egenkontroll"}).content.decode()
    assert "<mark>egenkontrollen</mark>" in html


def test_list_search_sorts_by_relevance_and_combines_with_facets(client, handbook):
    response = client.get("/metoder/", {"q": "handledare", "fas": "genomforande"})
    titles = [m.title for m, _ in response.context["rows"]]
    assert titles[0] == "Stöd för nya handledare"
    assert response.context["filter"].sort == "relevans"


def test_highlight_escapes_text_and_marks_matches():
    parsed = parse_query("handledare")
    snippet = highlight("<b>Nya</b> handledarna & <i>deltagare</i>", parsed)
    assert str(snippet) == "Nya <mark>handledarna</mark> &amp; deltagare"


def test_highlight_cuts_around_the_first_match():
    text = "ord " * 100 + "förankring " + "ord " * 100
    snippet = str(highlight(text, parse_query("forankring"), max_length=80))
    assert snippet.startswith("… ")
    assert snippet.endswith(" …")
    assert "<mark>förankring</mark>" in snippet


def test_normalize_and_stem():
    assert normalize("  Förankring, ÅÄÖ! ") == "forankring aao"
    assert normalize("Café – naïve Ŝ ǅ ﬁ ½") == "cafe naive s dz fi 1 2"
    assert stem("handledning") == "handled"
    assert stem("handledare") == "handled"
    assert stem("träning") == "träning"  # too short a stem to trim
    assert stem("metoder") == "metod"


def test_parse_query_drops_operators_and_limits_terms():
    many_words = " ".join(f"ord{i}" for i in range(20))
    parsed = parse_query("a & b | handledning:* (förankring) " + many_words)
    stems = [group[0][0] for group in parsed.groups]
    assert stems[:2] == ["handled", "forankr"]
    assert len(stems) == 8


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="checks the PostgreSQL full-text index"
)


@postgresql_only
def test_postgresql_stores_a_weighted_swedish_vector_with_gin_indexes(handbook):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text FROM methods_method WHERE id = %s",
            [handbook["forankring"].pk],
        )
        vector = cursor.fetchone()[0]
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'methods_method'")
        indexes = {row[0] for row in cursor.fetchall()}
    assert "'forankring':1A" in vector  # title words weigh most
    assert "'arbetslaget':3A" in vector or "'arbetslag':3A" in vector
    assert "methods_method_search_vector_gin" in indexes
    # Nothing reads a method's whole text by substring (compound parts and misspellings come
    # from the word vocabulary), so it has no trigram index to keep up on every save.
    assert "methods_method_search_text_trgm" not in indexes


@postgresql_only
def test_postgresql_ranks_by_full_text_rank(handbook):
    parsed = parse_query("förankring")
    ranked = search_methods(Method.objects.published(), parsed).order_by("-rank")
    assert ranked[0].rank > 1.0  # full-text rank plus the title bonus


def test_phase_names_are_searchable(db):
    from methods.models import Phase

    MethodFactory(title="Trepartssamtal", phases=[Phase.objects.get(slug="forankring")])
    assert found("förankring") == ["Trepartssamtal"]
    assert found("forankringen") == ["Trepartssamtal"]


def test_a_misspelt_search_still_highlights_the_intended_word(client, db):
    MethodFactory(
        title="Livsmedelshygien i köket",
        summary="Rutiner i köket.",
        body="Kursen i livsmedelshygien tar en dag.",
        easy_read="Tvätta händerna.",
    )
    response = client.get("/sok/", {"q": "livsmedelshygein"})
    method, snippet = response.context["method_rows"][0]
    assert method.title == "Livsmedelshygien i köket"
    assert "<mark>livsmedelshygien</mark>" in str(snippet)


# Trust (issue 14): a search finds what its words find, and nothing looser.


@pytest.fixture
def broad_handbook(db):
    """Methods that share everyday words (arbete, saker, handledare) but only one topic each."""
    texts = [
        ("Stegvis arbetsträning", "Deltagaren provar nya uppgifter i arbetet."),
        ("Säkerhetsrunda", "Vi går igenom säkerheten i lokalen."),
        ("Städa förrådet", "Vi sorterar saker och slänger det vi saknar användning för."),
        ("Handledarträffar", "Handledare delar erfarenheter av arbetet."),
        ("Fika i arbetslaget", "Arbetslaget träffas och pratar om arbetet."),
    ]
    return [MethodFactory(title=t, summary=s, body="Arbete.", easy_read="Kort.") for t, s in texts]


def test_a_word_found_once_is_not_widened_by_a_typo_fallback(broad_handbook):
    # Fewer than three exact hits used to let trigram similarity return nearly every method.
    assert found("arbetsträning") == ["Stegvis arbetsträning"]
    assert found("arbetstraning") == ["Stegvis arbetsträning"]


def test_a_misspelling_finds_what_the_right_spelling_finds(broad_handbook):
    assert found("arbetstränign") == found("arbetsträning") == ["Stegvis arbetsträning"]
    assert found("säkerhte") == found("säkerhet")


def test_a_synonym_is_never_trimmed_into_a_loose_prefix(broad_handbook):
    # arbetsmiljö = säkerhet: "säkerhet" once became the prefix "sak", matching saker, saknar.
    assert found("arbetsmiljö") == ["Säkerhetsrunda"]
    assert found("säkerhet") == ["Säkerhetsrunda"]


def test_a_compound_of_a_known_word_finds_the_word(db):
    MethodFactory(title="Ny på jobbet", summary="En mentor visar vägen.", body="x", easy_read="x")
    MethodFactory(title="Annat", summary="Inget om det.", body="x", easy_read="x")
    assert found("mentor") == ["Ny på jobbet"]
    assert found("mentorskap") == ["Ny på jobbet"]  # mentor + skap


def test_small_words_do_not_make_every_method_match(broad_handbook):
    assert parse_query("lärande på jobbet").stems == {"larand", "jobbet"}
    assert parse_query("på i").stems == {"pa"}  # nothing else to search for


def test_equal_rank_is_ordered_by_title_then_age(db):
    first = MethodFactory(title="Samma", summary="Handledare.", body="x", easy_read="x")
    second = MethodFactory(title="Samma", summary="Handledare.", body="x", easy_read="x")
    results = search_methods(Method.objects.published(), parse_query("handledare"))
    assert [m.pk for m in results.order_by("-rank", "title", "pk")] == [first.pk, second.pk]
    assert results[0].rank == results[1].rank


@postgresql_only
def test_postgresql_corrects_to_words_of_published_methods_only(db):
    from methods.services import refresh_search_index

    draft = MethodFactory(title="Kvarnstensmetoden", status=Status.DRAFT)
    refresh_search_index(draft)
    parsed = parse_query("kvarnstensmetodne")
    list(search_methods(Method.objects.all(), parsed))
    assert parsed.corrections == {}  # a draft's words are nobody's vocabulary
    published = MethodFactory(title="Kvarnstensmetoden")
    refresh_search_index(published)
    parsed = parse_query("kvarnstensmetodne")
    assert [m.title for m in search_methods(Method.objects.published(), parsed)] == [
        "Kvarnstensmetoden"
    ]
    assert parsed.corrections == {"kvarnstensmetodne": "kvarnstensmetoden"}


@postgresql_only
def test_postgresql_correction_reads_a_bounded_vocabulary(db):
    from django.test.utils import CaptureQueriesContext

    def queries() -> list[str]:
        parsed = parse_query("handlednig")
        parse_query("warm the synonym cache")
        with CaptureQueriesContext(connection) as context:
            titles = [m.title for m in search_methods(Method.objects.published(), parsed)]
        assert parsed.corrections == {"handlednig": "handledning"}
        assert titles and all(t.startswith("Handledning") for t in titles)
        return [q["sql"] for q in context.captured_queries]

    MethodFactory(title="Handledning 0")
    few = queries()
    for n in range(1, 30):
        MethodFactory(title=f"Handledning {n}")
    many = queries()
    # Known words, nearest words, compound parts, the site version, the results.
    assert len(few) == len(many) == 5


@postgresql_only
def test_postgresql_search_leaves_the_long_search_text_to_the_full_text_index(db):
    # A LIKE over search_text let the planner scan every long text (1,000 methods were slower
    # than 10,000); compounds now reach the tsquery as vocabulary words.
    MethodFactory(title="Livsmedelshygien i köket")
    parsed = parse_query("hygien")
    sql = str(search_methods(Method.objects.published(), parsed).query)
    assert '"search_text"::text LIKE' not in sql
    assert [m.title for m in search_methods(Method.objects.published(), parsed)] == [
        "Livsmedelshygien i köket"
    ]
    assert "livsmedelshygien" in parsed.expansions["hygien"]


@postgresql_only
def test_postgresql_vocabulary_rebuilds_after_a_bulk_load_and_learns_diacritics(db):
    from methods.search import VOCABULARY_TABLE, rebuild_vocabulary, remember_words

    MethodFactory(title="Förankring i arbetslaget")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {VOCABULARY_TABLE}")  # noqa: S608
    rebuild_vocabulary()

    def written(word: str) -> str:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT written FROM {VOCABULARY_TABLE} WHERE word = %s", [word])  # noqa: S608
            return cursor.fetchone()[0]

    assert written("forankring") == "forankring"  # search_text has no diacritics
    remember_words("Förankring")
    assert written("forankring") == "förankring"
    remember_words("FORANKRING")  # a plain form never overwrites the real one
    assert written("forankring") == "förankring"


def test_normalize_strips_every_combining_mark_like_the_plain_definition():
    """normalize() takes a fast path for Latin text; the result must be what the plain
    definition (drop every character unicodedata calls combining) gives, for every code point
    in every context: alone, after a Latin letter, in ASCII text and beside another script."""

    def plain(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
        return re.sub(r"[\W_]+", " ", stripped).strip()

    characters = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    for start in range(0, len(characters), 512):
        chunk = "".join(characters[start : start + 512])
        for text in (chunk, "a" + "a".join(chunk), f"Förankring {chunk} ärende", "е\u0301" + chunk):
            assert normalize(text) == plain(text)
