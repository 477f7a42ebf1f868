"""The words readers type, on both databases: misspelt, without å, ä, ö, inflected, as
phrases, and hostile. Each must find the right method first, in order of relevance.

`make test` runs this file on SQLite (FTS5, methods.search_sqlite) and again on PostgreSQL with
DATABASE_URL set; nothing here is skipped on either.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from methods.models import Method
from methods.search import normalize, parse_query, search_methods
from tests.factories import MethodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def handbook(db):
    """A small handbook written like the demo content, with methods that mention the same
    words in their text only, so relevance decides the order."""
    methods = [
        (
            "Handledning i arbetet",
            "Så stöttar handledaren en ny medarbetare under de första månaderna.",
            "Handledningen sker i det vanliga arbetet. Handledaren visar, deltagaren provar.",
        ),
        (
            "Livsmedelshygien i köket",
            "God hygien när deltagarna lagar och serverar mat.",
            "Tvätta händerna, håll isär rått och tillagat och följ egenkontrollen.",
        ),
        (
            "Förankring med deltagaren",
            "Deltagaren och handledaren kommer överens om målen innan insatsen börjar.",
            "Ett samtal i lugn och ro, där deltagarens egna mål skrivs ned.",
        ),
        (
            "Arbetsmiljö och skyddsronder",
            "Skyddsronden går igenom lokalerna tillsammans med deltagarna.",
            "Vi letar efter risker: lyft, buller, halka och stress.",
        ),
        (
            "Studiebesök hos ett annat företag",
            "Deltagarna ser hur ett annat arbetsintegrerande företag arbetar.",
            "Förbered frågor före besöket och samtala efteråt om vad ni såg.",
        ),
        (
            "Introduktion första veckan",
            "Den nya deltagaren får ett schema, en fadder och en rundvandring.",
            "Dag ett visar vi lokalerna, dag två börjar arbetet i lugn takt.",
        ),
        (
            "Lärande på jobbet",
            "Kunskap växer bäst i verkliga uppgifter.",
            "Deltagaren lär sig yrket steg för steg med stöd av kollegor.",
        ),
        # Methods that mention the same words in their text only: they come after.
        (
            "Checklista för första dagen",
            "Allt som ska vara klart när en ny deltagare börjar.",
            "Boka introduktion, handledning och ett studiebesök. Gå igenom arbetsmiljö och "
            "hygien. Lärande på jobbet kräver förankring. Utse en fadder.",
        ),
        (
            "Avslutande samtal",
            "Vad har deltagaren lärt sig?",
            "Vi följer upp handledningen och introduktionen och skriver ned vad som gav lärande "
            "på jobbet.",
        ),
    ]
    return {
        title: MethodFactory(title=title, summary=summary, body=body, easy_read="Kort text.")
        for title, summary, body in methods
    }


def found(query: str) -> list[str]:
    parsed = parse_query(query)
    results = search_methods(Method.objects.published(), parsed).order_by("-rank", "title")
    return [m.title for m in results]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("handlednig", "Handledning i arbetet"),  # a letter left out
        ("hygein", "Livsmedelshygien i köket"),  # two letters swapped
        ("hyggien", "Livsmedelshygien i köket"),  # a letter too many
        ("förankrig", "Förankring med deltagaren"),
        ("arbetsmiljo", "Arbetsmiljö och skyddsronder"),  # without diacritics
        ("studiebesok", "Studiebesök hos ett annat företag"),
        ("introduktion", "Introduktion första veckan"),
        ("lärande på jobbet", "Lärande på jobbet"),
        ("handledningen", "Handledning i arbetet"),  # another form of the word
        ("hygien", "Livsmedelshygien i köket"),  # a part of a compound, in the title
    ],
)
def test_the_right_method_comes_first(handbook, query, expected):
    titles = found(query)
    assert titles, f"{query!r} found nothing"
    assert titles[0] == expected, titles


def test_results_are_ordered_by_relevance_not_by_title(handbook):
    # The title hit first, then the methods that only mention the word in their text, even
    # though "Avslutande samtal" and "Checklista ..." come first in alphabetical order.
    titles = found("introduktion")
    assert titles[0] == "Introduktion första veckan"
    assert set(titles[1:]) == {"Checklista för första dagen", "Avslutande samtal"}
    # No title has the word: the summary weighs more than a mention late in the text.
    assert found("fadder") == ["Introduktion första veckan", "Checklista för första dagen"]


def test_a_title_hit_ranks_above_a_text_hit_with_more_mentions(db):
    MethodFactory(
        title="Samtal om mål",
        summary="Om mentorer.",
        body="Mentorn, mentorn och mentorn igen: mentorn hjälper.",
        easy_read="Kort.",
    )
    MethodFactory(title="Mentor på arbetsplatsen", summary="Kort.", body="Kort.", easy_read="K.")
    assert found("mentor") == ["Mentor på arbetsplatsen", "Samtal om mål"]


def test_a_correction_names_the_word_searched_for(handbook):
    parsed = parse_query("handlednig")
    list(search_methods(Method.objects.published(), parsed))
    assert parsed.corrections == {"handlednig": "handledning"}
    parsed = parse_query("förankrig")
    list(search_methods(Method.objects.published(), parsed))
    assert parsed.corrections == {"forankrig": "förankring"}


def test_a_word_that_is_found_is_not_corrected(handbook):
    parsed = parse_query("hygien")
    assert found("hygien")[0] == "Livsmedelshygien i köket"
    list(search_methods(Method.objects.published(), parsed))
    assert parsed.corrections == {}


def test_a_correction_is_marked_in_the_snippet(client, handbook):
    response = client.get("/sok/", {"q": "handlednig"})
    method, snippet = response.context["method_rows"][0]
    assert method.title == "Handledning i arbetet"
    assert "<mark>Handledningen</mark>" in str(snippet)


@pytest.mark.parametrize(
    "raw",
    [
        'handledning" OR "hygien',
        "handledning OR hygien",
        "NEAR(handledning hygien)",
        "NEAR(handledning hygien, 2)",
        "handled*",
        "^handledning",
        "search_title:hygien",
        "{search_title search_text}: hygien",
        "- hygien",
        "hygien NOT köket",
        "hygien AND (köket",
        '"""',
        "hand\x00ledning",
        "handledning " + "x" * 300,
        "hygien " * 40,
        "々々 ஃஃ ٣٤",  # word characters that the FTS5 tokenizer may drop
    ],
)
def test_hostile_queries_neither_fail_nor_change_meaning(handbook, raw):
    # Operators are only words: the query means what its words mean.
    assert found(raw) == found(normalize(raw))


def test_operator_words_are_not_operators(handbook):
    assert found("handledning OR hygien") == []  # every word must match, "or" too
    assert found("handled*") == found("handled")


def test_search_page_queries_do_not_grow_with_the_handbook(client, handbook):
    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(path).status_code == 200
        return len(context.captured_queries)

    paths = ["/sok/?q=handledning", "/metoder/?q=handledning", "/sok/?q=handlednig"]
    for path in paths:
        client.get(path)  # the caches every search shares (synonyms, facets) are filled
    # More hits than a group of the search page shows, so each group counts its total.
    for n in range(12):
        MethodFactory(title=f"Handledning del {n}", body="Handledaren visar.")  # pages go stale
    before = [queries(path) for path in paths]
    for n in range(12, 40):
        MethodFactory(title=f"Handledning del {n}", body="Handledaren visar.")
    assert [queries(path) for path in paths] == before
