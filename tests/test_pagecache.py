"""The anonymous page cache (core/pagecache.py): served fast, never stale, never shared
with a signed-in user, and every per-request secret fresh."""

import re
import time

import pytest
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import Client, override_settings
from django.urls import path

from core.compression import DeflatedPage
from core.models import SiteVersion
from core.pagecache import CachedPage, LocalPages, cache_anonymous_page
from methods import workflow
from methods.choices import CommentState, Status
from methods.models import Comment, Method
from methods.services import move_to_bin
from tests.factories import MethodFactory

pytestmark = pytest.mark.django_db

NONCE = re.compile(r' nonce="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NONCE_IN_POLICY = re.compile(r"'nonce-[^']+'")


@pytest.fixture
def published(db):
    return MethodFactory(title="Skuggning på golvet", slug="skuggning")


def csp_nonce(response) -> str:
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


def test_second_anonymous_visit_is_served_from_the_cache_with_one_query(
    client, published, django_assert_num_queries
):
    first = client.get("/metoder/skuggning/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(1):  # the site version
        second = client.get("/metoder/skuggning/")
    assert second["X-Page-Cache"] == "hit"
    assert second.status_code == 200
    assert "Skuggning på golvet" in second.text
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == "private, no-cache"
    assert second.cookies == {}  # nothing per visitor in a reading page
    # Identical apart from the nonce and the CSRF token.
    scrub = lambda text: CSRF.sub("", NONCE.sub("", text))  # noqa: E731
    assert scrub(second.text) == scrub(first.text)


def test_a_hit_is_answered_before_the_session_the_user_and_the_view(client, published):
    """ServeCachedPages answers it near the top of the middleware stack: the layers below it
    (session, authentication, messages, URL dispatch) never see the request."""
    miss = client.get("/metoder/skuggning/")
    assert hasattr(miss.wsgi_request, "user")
    hit = client.get("/metoder/skuggning/")
    assert hit["X-Page-Cache"] == "hit"
    assert not hasattr(hit.wsgi_request, "session")
    assert not hasattr(hit.wsgi_request, "user")
    assert hit.wsgi_request.LANGUAGE_CODE == "sv"


def test_whether_a_path_is_cached_is_resolved_once_and_remembered_within_bounds(
    client, published, monkeypatch
):
    from core import pagecache

    pagecache._resolved.clear()
    resolved = []
    real_resolve = pagecache.resolve
    monkeypatch.setattr(
        pagecache, "resolve", lambda *args: resolved.append(args[0]) or real_resolve(*args)
    )
    assert client.get("/metoder/skuggning/")["X-Page-Cache"] == "miss"
    assert client.get("/metoder/skuggning/")["X-Page-Cache"] == "hit"
    assert resolved == ["/metoder/skuggning/"]
    # A path that is no cached page (a form) is remembered as such; unknown paths too.
    client.get("/konto/login/")
    client.get("/konto/login/")
    assert resolved.count("/konto/login/") == 1
    monkeypatch.setattr(pagecache, "RESOLVED_PATHS", 3)
    for number in range(10):
        assert client.get(f"/finns-inte-{number}/").status_code == 404
        assert len(pagecache._resolved) <= 3


def test_a_hit_carries_the_headers_the_whole_stack_gives_the_miss(client, published):
    miss = client.get("/metoder/skuggning/")
    hit = client.get("/metoder/skuggning/")
    assert hit["X-Page-Cache"] == "hit"
    skip = {"X-Page-Cache", "Content-Security-Policy", "Content-Length"}
    assert {k: v for k, v in hit.headers.items() if k not in skip} == {
        k: v for k, v in miss.headers.items() if k not in skip
    }
    # The policy is the same apart from the nonce, which is this response's own.
    assert NONCE_IN_POLICY.sub("", hit["Content-Security-Policy"]) == NONCE_IN_POLICY.sub(
        "", miss["Content-Security-Policy"]
    )
    assert hit["Content-Length"] == str(len(hit.content))
    for name in ("X-Frame-Options", "Content-Language", "Permissions-Policy", "Vary"):
        assert hit[name], name


def test_a_hit_in_english_is_the_english_page(client, published):
    client.cookies["django_language"] = "en"
    assert client.get("/metoder/")["X-Page-Cache"] == "miss"
    hit = client.get("/metoder/")
    assert hit["X-Page-Cache"] == "hit"
    assert hit["Content-Language"] == "en"
    assert '<html lang="en"' in hit.text
    del client.cookies["django_language"]
    swedish = client.get("/metoder/")
    assert swedish["X-Page-Cache"] == "miss"
    assert '<html lang="sv"' in swedish.text


def test_a_hit_still_checks_the_host(client, published):
    client.get("/metoder/skuggning/")
    assert client.get("/metoder/skuggning/", HTTP_HOST="evil.example").status_code == 400


def test_every_hit_gets_its_own_nonce_matching_its_csp_header(client, published):
    client.get("/metoder/skuggning/kort/")  # the printable card has a script with the nonce
    nonces = []
    for _ in range(2):
        response = client.get("/metoder/skuggning/kort/")
        assert response["X-Page-Cache"] == "hit"
        in_page = set(NONCE.findall(response.text))
        assert in_page == {csp_nonce(response)}
        nonces.append(csp_nonce(response))
    assert nonces[0] != nonces[1]
    assert "__KH_" not in response.text


# The site's anonymous pages carry no form with a CSRF token today (tests/test_language.py);
# should one get a form, the cache still hands each visitor a token of their own. A tiny page
# with a form shows it.
@cache_anonymous_page
def form_page(request):
    return render(
        request,
        Template("<form method=post>{% csrf_token %}<button>Skicka</button></form>").render(
            RequestContext(request)
        ),
    )


def posted(request):
    return HttpResponse("ok")


urlpatterns = [path("form/", form_page), path("post/", posted)]


def render(request, html):
    return HttpResponse(html)


@override_settings(ROOT_URLCONF=__name__)
def test_a_cached_form_hands_each_visitor_a_working_csrf_token(db):
    first = Client().get("/form/")  # someone else fills the cache
    assert first["X-Page-Cache"] == "miss"
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/form/")
    assert page["X-Page-Cache"] == "hit"
    token = CSRF.search(page.text).group(1)
    assert token != CSRF.search(first.text).group(1)
    assert "csrftoken" in page.cookies  # set for this visitor, as {% csrf_token %} would
    assert "Cookie" in page["Vary"]
    assert visitor.post("/post/", {"csrfmiddlewaretoken": token}).status_code == 200
    # Without the token the same visitor is refused: the token is what lets the post in.
    assert visitor.post("/post/").status_code == 403


def test_publishing_shows_the_method_at_once(client, published, editor, member):
    assert "Ny metod om nyckelrutiner" not in client.get("/metoder/").text
    assert client.get("/metoder/")["X-Page-Cache"] == "hit"
    draft = MethodFactory(title="Ny metod om nyckelrutiner", status=Status.SUBMITTED)
    Method.objects.filter(pk=draft.pk).update(status=Status.SUBMITTED)
    workflow.publish(Method.objects.get(pk=draft.pk), editor)
    response = client.get("/metoder/")
    assert response["X-Page-Cache"] == "miss"
    assert "Ny metod om nyckelrutiner" in response.text
    assert client.get(draft.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("change", ["hide_comment", "bin_method", "rename_phase", "rename_author"])
def test_every_kind_of_change_retires_the_cached_pages(client, published, editor, change):
    Comment.objects.create(method=published, author=published.author, body="Bra stöd")
    comment = Comment.objects.get(body="Bra stöd")
    client.get("/metoder/skuggning/")
    assert client.get("/metoder/skuggning/")["X-Page-Cache"] == "hit"
    before = SiteVersion.objects.current()
    if change == "hide_comment":
        client.force_login(editor)
        client.post(f"/kommentarer/{comment.pk}/dolj/")
        client.logout()
        assert Comment.objects.get(pk=comment.pk).state == CommentState.HIDDEN
    elif change == "bin_method":
        move_to_bin(published, editor)
    elif change == "rename_phase":
        phase = published.phases.get()
        phase.name = "Helt nytt fasnamn"
        phase.save()
    else:
        published.author.display_name = "Nytt Namn"
        published.author.save()
    assert SiteVersion.objects.current() > before
    response = client.get("/metoder/skuggning/")
    if change == "bin_method":
        assert response.status_code == 404
        return
    assert response["X-Page-Cache"] == "miss"
    expected = {
        "hide_comment": lambda text: "Bra stöd" not in text,
        "rename_phase": lambda text: "Helt nytt fasnamn" in text,
        "rename_author": lambda text: "Nytt Namn" in text,
    }
    assert expected[change](response.text)


def test_a_login_does_not_retire_the_cache(client, published, member):
    before = SiteVersion.objects.current()
    Client().force_login(member)  # writes last_login
    Client().post("/konto/login/", {"login": member.email, "password": "wrong"})
    assert SiteVersion.objects.current() == before


def test_signed_in_users_never_get_or_leave_a_cached_page(client, published, member):
    client.get("/metoder/skuggning/")  # anonymous fills the cache
    signed_in = Client()
    signed_in.force_login(member)
    response = signed_in.get("/metoder/skuggning/")
    assert "X-Page-Cache" not in response
    assert "Mira Medlem" in response.text
    # And the page rendered for the member is not stored for the next anonymous visitor.
    signed_in.get("/metoder/")
    anonymous = Client().get("/metoder/")
    assert anonymous["X-Page-Cache"] == "miss"
    assert "Mira Medlem" not in anonymous.text


def test_visitors_with_pending_messages_get_a_fresh_page(client, published):
    client.get("/")
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get("/")


def test_conditional_get_answers_304_without_body_or_csp_header(client, published):
    etag = client.get("/metoder/skuggning/")["ETag"]
    assert etag.startswith('W/"')
    for _ in range(2):  # on the miss path and on the hit path alike
        client.get("/")  # (the 304 on a hit is checked by the second round)
        response = client.get("/metoder/skuggning/", headers={"if-none-match": etag})
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == etag
        assert "Content-Security-Policy" not in response
    # A stale tag gets the full page.
    assert (
        client.get("/metoder/skuggning/", headers={"if-none-match": 'W/"old"'}).status_code == 200
    )


def test_a_304_after_a_change_is_a_full_page_again(client, published, editor):
    etag = client.get("/metoder/skuggning/")["ETag"]
    published.summary = "En helt ny sammanfattning."
    published.save()
    response = client.get("/metoder/skuggning/", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "En helt ny sammanfattning." in response.text
    assert response["ETag"] != etag


def test_errors_and_other_pages_are_not_cached(client, published):
    client.get("/metoder/finns-inte/")
    assert "X-Page-Cache" not in client.get("/metoder/finns-inte/")
    assert "X-Page-Cache" not in client.get("/konto/login/")


def test_the_cache_can_be_switched_off(client, published, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


def stored(text: str, age: float = 0) -> CachedPage:
    return CachedPage(
        page=DeflatedPage([text.encode()], []),
        content_type="text/html",
        etag='W/"x"',
        stored_at=time.time() - age,
    )


def test_the_pages_kept_in_a_process_are_bounded_least_recently_used_out():
    pages = LocalPages(2)
    first, second, third = stored("1"), stored("2"), stored("3")
    pages.put("a", first)
    pages.put("b", second)
    assert pages.get("a") is first  # now the most recently used
    pages.put("c", third)
    assert pages.get("b") is None
    assert pages.get("a") is first
    assert pages.get("c") is third


def test_a_page_kept_in_a_process_lives_no_longer_than_in_the_shared_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    pages = LocalPages(2)
    pages.put("old", stored("gammal", age=61))
    pages.put("new", stored("ny", age=59))
    assert pages.get("old") is None
    assert pages.get("new") is not None
