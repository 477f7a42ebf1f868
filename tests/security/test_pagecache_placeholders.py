"""Placeholders of the page cache cannot be forged from content (issue 12).

The page cache stores a page with placeholders for the CSP nonce and the CSRF token and fills in
fresh values for every visitor. The placeholders used to be fixed strings replaced anywhere in
the page, so a comment containing "__KH_CSP_NONCE__" showed every later visitor the live nonce
(and a "__KH_CSRF_TOKEN__" their CSRF token) inside the comment. Now each stored page has its own
random marker, so text written before the page was rendered can never hold a placeholder.
"""

import re

import pytest
from django.http import HttpResponse
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
from django.template import RequestContext, Template
from django.test import Client, override_settings
from django.urls import path

from core.pagecache import cache_anonymous_page
from methods import searchlog
from methods.models import Comment
from tests.factories import (
    CompanyFactory,
    ExperienceReportFactory,
    MethodFactory,
    MethodStepFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# The fixed placeholders of before, and the prefix of today's (the random part cannot be known).
FORGED = "__KH_CSP_NONCE__ __KH_CSRF_TOKEN__ __KH_CSP_NONCE_ __KH_CSRF_TOKEN_"


def forged(label: str) -> str:
    """Text as a user could type it: the placeholders, labelled with the field they are in."""
    return f"{label} {FORGED}"


def as_markdown(label: str) -> str:
    # In a code span, so markdown shows the underscores literally rather than as bold.
    return f"`{forged(label)}`\n\n{forged(label)}"


@pytest.fixture
def hostile_content(db):
    author = UserFactory(display_name=forged("display-name"))
    company = CompanyFactory(
        name=forged("company-name"),
        slug="foretaget",
        description=as_markdown("company-description"),
    )
    method = MethodFactory(
        title=forged("method-title"),
        slug="metoden",
        summary=forged("method-summary"),
        body=as_markdown("method-body"),
        easy_read=as_markdown("method-easy-read"),
        author=author,
    )
    MethodStepFactory(method=method, text=as_markdown("step-text"))
    Comment.objects.create(method=method, author=author, body=as_markdown("comment-body"))
    ExperienceReportFactory(
        method=method,
        company=company,
        author=author,
        title=forged("report-title"),
        context=forged("report-context"),
        helped=forged("report-helped"),
        hindered=forged("report-hindered"),
    )
    return method


PAGES = [
    "/",
    "/metoder/",
    "/metoder/metoden/",
    "/metoder/metoden/kort/",
    "/foretag/",
    "/foretag/foretaget/",
    "/sok/?q=method",
]


def csp_nonce(response) -> str | None:
    found = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    return found.group(1) if found else None  # pages without a script or style have none


def assert_secrets_only_where_the_template_put_them(response) -> None:
    nonce = csp_nonce(response)
    if nonce is None:
        assert " nonce=" not in response.text
        nonce = "no nonce in this response"
    # The nonce appears only as the nonce attribute of a script or style element.
    assert response.text.count(nonce) == response.text.count(f' nonce="{nonce}"')
    tags = re.findall(rf'<(\w+)[^<>]* nonce="{re.escape(nonce)}"', response.text)
    assert set(tags) <= {"script", "style"}
    # The reading pages have no form: no CSRF token anywhere, and no cookie for one.
    assert "csrfmiddlewaretoken" not in response.text
    assert "csrftoken" not in response.cookies


def test_placeholders_typed_into_user_fields_are_shown_literally(hostile_content, monkeypatch):
    # The search below finds one method; a search that finds so little is counted on every
    # render and never cached (methods.searchlog): here it must be cached like any page.
    monkeypatch.setattr(searchlog, "FEW_RESULTS", -1)
    seen = set()
    for url in PAGES:
        miss = Client().get(url)
        assert miss.status_code == 200, url
        assert miss["X-Page-Cache"] == "miss", url
        for _ in range(2):
            hit = Client().get(url)
            assert hit["X-Page-Cache"] == "hit", url
            assert_secrets_only_where_the_template_put_them(hit)
            # Every forged placeholder is still there, as the user wrote it.
            assert hit.text.count("__KH_CSP_NONCE__") == miss.text.count("__KH_CSP_NONCE__")
            assert hit.text.count("__KH_CSRF_TOKEN__") == miss.text.count("__KH_CSRF_TOKEN__")
        assert_secrets_only_where_the_template_put_them(miss)
        seen |= set(re.findall(rf"([a-z-]+) {re.escape(FORGED)}", hit.text))
    assert seen >= {
        "display-name",
        "company-name",
        "company-description",
        "method-title",
        "method-summary",
        "method-body",
        "method-easy-read",
        "step-text",
        "comment-body",
        "report-title",
    }


# A tiny page with a form and text that imitates the form's token input: only the token the
# template wrote for the request is refilled, never a look-alike in the text.
FOREIGN_TOKEN = _mask_cipher_secret(_get_new_csrf_string())
LOOK_ALIKE = f'<input type="hidden" name="csrfmiddlewaretoken" value="{FOREIGN_TOKEN}">'


@cache_anonymous_page
def form_page(request):
    template = Template(
        "<form method=post>{% csrf_token %}<button>Skicka</button></form>{{ text|safe }}"
    )
    return HttpResponse(template.render(RequestContext(request, {"text": LOOK_ALIKE})))


urlpatterns = [path("form/", form_page)]


@override_settings(ROOT_URLCONF=__name__)
def test_only_the_token_the_template_wrote_is_refilled(db):
    miss = Client().get("/form/")
    assert miss["X-Page-Cache"] == "miss"
    hit = Client().get("/form/")
    assert hit["X-Page-Cache"] == "hit"
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', hit.text)
    assert len(tokens) == 2
    assert tokens[0] not in (FOREIGN_TOKEN, *re.findall(r'value="([^"]+)"', miss.text))
    assert tokens[1] == FOREIGN_TOKEN  # the text is shown as it was
    assert hit.text.endswith(LOOK_ALIKE)
