"""HEAD on a reading page answers as GET without a body (issue 12): health checks and link
checkers use it. The views say require_safe, and the page cache answers HEAD from a page a
GET stored but never stores what a HEAD rendered."""

import pytest
from django.urls import reverse

from methods.models import Phase
from tests.factories import CompanyFactory, MethodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(db):
    method = MethodFactory(title="Skuggning på golvet", slug="skuggning")
    company = CompanyFactory(name="Kafé Huvud", slug="kafe-huvud")
    phase = Phase.objects.order_by("number").first()
    return [
        reverse("methods:home"),
        reverse("methods:phase", args=[phase.slug]),
        reverse("methods:list"),
        reverse("methods:list") + "?q=skuggning",
        method.get_absolute_url(),
        reverse("methods:card", args=[method.slug]),
        reverse("companies:list"),
        reverse("companies:detail", args=[company.slug]),
        reverse("companies:search") + "?q=skuggning",
        reverse("methods:accessibility"),
        reverse("healthz"),
    ]


def assert_head_like_get(client, url):
    head = client.head(url)
    get = client.get(url)
    assert (url, head.status_code, get.status_code) == (url, 200, 200)
    assert head.content == b""
    assert get.content != b""
    assert head["Content-Type"] == get["Content-Type"]
    return head, get


def test_head_answers_every_reading_page_like_get_for_anonymous_readers(client, pages):
    for url in pages:
        assert_head_like_get(client, url)


def test_head_answers_every_reading_page_like_get_for_a_signed_in_member(client, member, pages):
    client.force_login(member)
    for url in pages:
        head, get = assert_head_like_get(client, url)
        assert "X-Page-Cache" not in head


def test_head_is_served_from_the_cache_but_never_fills_it(client, pages):
    url = reverse("methods:detail", args=["skuggning"])
    assert "X-Page-Cache" not in client.head(url)  # rendered, not stored
    assert client.get(url)["X-Page-Cache"] == "miss"  # the HEAD stored nothing
    head = client.head(url)
    assert head["X-Page-Cache"] == "hit"
    assert head.content == b""
    assert head["ETag"] == client.get(url)["ETag"]


def test_other_methods_are_still_refused_on_reading_pages(client, pages):
    for url in pages[:-1]:  # /healthz answers any method
        assert client.put(url).status_code == 405, url
