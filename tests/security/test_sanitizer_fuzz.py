"""The sanitiser, fuzzed and run against a broad XSS corpus, in every place user text is shown.

Property tests (hypothesis) drive render_markdown and sanitize_html with random unicode,
HTML-ish fragments built from payload tokens and markdown syntax; parametrised tests run the
corpus in tests/security/xss_payloads.py through the model saves and the pages.
"""

from __future__ import annotations

import io
import re
from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from core.rendering import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown, sanitize_html
from methods.models import Comment
from tests.factories import CompanyFactory, MethodFactory, MethodStepFactory, UserFactory
from tests.methods.test_rendering import _Collector, assert_safe
from tests.security.xss_payloads import (
    ATTRIBUTE_NAMES,
    ATTRIBUTE_VALUES,
    MARKDOWN_TOKENS,
    PAYLOADS,
    SHORT_PAYLOADS,
    STORABLE_PAYLOADS,
    TAG_NAMES,
)


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    # Hundreds of searches and uploads from one client; the limits have their own tests.
    settings.RATELIMIT_ENABLED = False


SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}
# What the WHATWG URL parser does before it looks for a scheme: strip leading and trailing C0
# controls and spaces, remove every tab and newline. A scheme is ASCII alpha then alnum/+/-/.;
# anything else (a space, U+FFFD, a zero-width space, a backslash first) makes a relative URL.
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def url_scheme(value: str) -> str:
    """The scheme a browser would give this attribute value ("" for relative URLs)."""
    value = re.sub(r"[\t\n\r]", "", value.strip(_C0_AND_SPACE))
    match = _SCHEME.match(value)
    return match.group(1).lower() if match else ""


def assert_browser_safe(html: str) -> None:
    """tests.methods.test_rendering.assert_safe, with the URL scheme read as a browser reads it.

    The imported assert_safe takes everything before the first ':' as the scheme, so it flags
    harmless relative URLs such as '#fn:1' or 'java    script:x' (a space cannot be in a
    scheme). This check is stricter elsewhere: only allow-listed attributes per tag.
    """
    collector = _Collector()
    collector.feed(html)
    collector.close()
    assert set(collector.tags) <= ALLOWED_TAGS, (collector.tags, html)
    assert not collector.comments, html
    allowed_attributes = set().union(*ALLOWED_ATTRIBUTES.values()) | {"rel"}
    for name, value in collector.attrs:
        assert name in allowed_attributes, (name, html)
        if name in {"href", "src"}:
            assert url_scheme(value) in SAFE_SCHEMES, (value, html)


def assert_rendered_safe(html: str) -> None:
    assert_browser_safe(html)
    assert sanitize_html(html) == html, "sanitize_html is not idempotent on this output"


# --- hypothesis strategies --------------------------------------------------------------------

_attribute = st.builds(
    lambda name, quote, value: f" {name}={quote}{value}{quote}",
    st.sampled_from(ATTRIBUTE_NAMES),
    st.sampled_from(['"', "'", "", "`"]),
    st.sampled_from(ATTRIBUTE_VALUES) | st.text(max_size=8),
)
_open_tag = st.builds(
    lambda name, attributes, end: f"<{name}{''.join(attributes)}{end}",
    st.sampled_from(TAG_NAMES) | st.sampled_from([t.upper() for t in TAG_NAMES]),
    st.lists(_attribute, max_size=3),
    st.sampled_from([">", "/>", " >", "", "\n>"]),
)
_close_tag = st.builds(lambda name: f"</{name}>", st.sampled_from(TAG_NAMES))
_fragment = st.one_of(
    _open_tag,
    _close_tag,
    st.sampled_from(MARKDOWN_TOKENS),
    st.sampled_from(SHORT_PAYLOADS),
    st.sampled_from(ATTRIBUTE_VALUES),
    st.text(max_size=6),
)
html_ish = st.lists(_fragment, max_size=25).map("".join)
markdown_link = st.builds(
    lambda bang, label, url, title: f"{bang}[{label}]({url}{title})",
    st.sampled_from(["", "!"]),
    st.text(max_size=6) | st.sampled_from(SHORT_PAYLOADS),
    st.sampled_from(ATTRIBUTE_VALUES) | st.text(max_size=12),
    st.sampled_from(["", ' "t"', " 't'", ' "x\\" onerror=\\"alert(1)"', " (t)"]),
)
markdown_ish = st.lists(st.one_of(_fragment, markdown_link), max_size=20).map("".join)
any_input = st.one_of(st.text(), html_ish, markdown_ish)

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)


@FUZZ
@given(any_input)
def test_render_markdown_output_is_always_safe(text):
    assert_rendered_safe(render_markdown(text))


@FUZZ
@given(st.one_of(html_ish, st.text()))
def test_sanitize_html_output_is_always_safe_and_idempotent(html):
    cleaned = sanitize_html(html)
    assert_browser_safe(cleaned)
    assert sanitize_html(cleaned) == cleaned


@FUZZ
@given(markdown_ish)
def test_markdown_links_never_keep_a_dangerous_scheme(text):
    assert_browser_safe(render_markdown(text))


# --- the corpus through the renderer ---------------------------------------------------------


def test_corpus_is_broad():
    assert len(PAYLOADS) >= 150


@pytest.mark.parametrize("payload", PAYLOADS)
def test_corpus_render_markdown(payload):
    assert_rendered_safe(render_markdown(payload))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_corpus_sanitize_html(payload):
    assert_rendered_safe(sanitize_html(payload))


def test_imported_assert_safe_agrees_on_plain_payloads():
    """The shared assert_safe (naive scheme parse) passes every payload without URL tricks."""
    plain = [p for p in PAYLOADS if not re.search(r"href|src|\]\(|\]:|<[a-z]+:", p, re.I)]
    assert len(plain) > 100
    for payload in plain:
        assert_safe(render_markdown(payload))


# --- the corpus through the models -----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("payload", STORABLE_PAYLOADS)
def test_corpus_in_stored_method_step_comment_and_company_html(payload):
    method = MethodFactory(body=payload, easy_read=payload, roles=[], search_index=False)
    step = MethodStepFactory(method=method, text=payload, search_index=False)
    comment = Comment.objects.create(method=method, author=method.author, body=payload[:4000])
    company = CompanyFactory(description=payload)
    for html in (
        method.body_html,
        method.easy_read_html,
        step.text_html,
        comment.body_html,
        company.description_html,
    ):
        assert_rendered_safe(html)


# --- the corpus on the pages ------------------------------------------------------------------


def _profile(html: str) -> tuple[Counter, list[tuple[str, str]]]:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return Counter(collector.tags), collector.attrs


def assert_page_safe(html: str, baseline: str) -> None:
    """Compared with the same page holding harmless text: no new kind of tag except the
    renderer's allow-list, no extra script, no event handler, no dangerous URL."""
    tags, attrs = _profile(html)
    base_tags, _ = _profile(baseline)
    assert set(tags) - set(base_tags) <= ALLOWED_TAGS, set(tags) - set(base_tags)
    for tag in ("script", "iframe", "object", "embed", "svg", "math", "style", "base", "meta"):
        assert tags[tag] == base_tags[tag], tag
    for name, value in attrs:
        assert not name.startswith("on"), name
        assert name not in {"srcdoc", "formaction", "srcset"}, name
        if name in {"href", "src", "action"}:
            assert url_scheme(value) in SAFE_SCHEMES, value


def _get(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.mark.django_db
def test_titles_summaries_and_company_names_are_escaped_on_the_pages(client):
    baseline_company = CompanyFactory(name="Harmlöst AB", description="Text")
    baseline_method = MethodFactory(
        title="Harmlös", summary="Harmlös", company=baseline_company, roles=[]
    )
    MethodStepFactory(method=baseline_method, text="Text")
    baselines = {
        "detail": _get(client, baseline_method.get_absolute_url()),
        "card": _get(client, f"{baseline_method.get_absolute_url()}kort/"),
        "company": _get(client, baseline_company.get_absolute_url()),
    }
    tried = 0
    # A sample of the corpus (four pages each); the stored-HTML test above runs all of it.
    for payload in SHORT_PAYLOADS[::16]:
        if "\x00" in payload:
            continue
        company = CompanyFactory(name=payload[:160], description=payload)
        method = MethodFactory(
            title=payload[:160],
            summary=payload[:600],
            body=payload,
            easy_read=payload,
            company=company,
            roles=[],
        )
        MethodStepFactory(method=method, text=payload)
        Comment.objects.create(method=method, author=method.author, body=payload)
        url = method.get_absolute_url()
        assert_page_safe(_get(client, url), baselines["detail"])
        assert_page_safe(_get(client, url, version="lattlast"), baselines["detail"])
        assert_page_safe(_get(client, f"{url}kort/"), baselines["card"])
        assert_page_safe(_get(client, company.get_absolute_url()), baselines["company"])
        tried += 1
    assert tried > 15


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/sok/", "/metoder/"])
def test_search_queries_are_escaped(client, path):
    MethodFactory(title="Handledarsamtal", roles=[])
    baseline = _get(client, path, q="handledare")
    for payload in SHORT_PAYLOADS[::6]:
        if "\x00" in payload:
            # Refused before any view runs (core.middleware.RejectNulMiddleware).
            assert client.get(path, {"q": payload}).status_code == 400
            continue
        html = _get(client, path, q=payload)
        assert_page_safe(html, baseline)
        if len(payload) > 3 and "<" in payload:
            assert payload not in html, payload


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, "PNG")
    return out.getvalue()


UPLOAD_NAMES = [p for p in SHORT_PAYLOADS if "\x00" not in p and "/" not in p][:40] + [
    "<img src=x onerror=alert(1)>.png",
    '"><script>alert(1)</script>.png',
    "bild\u202egnp.exe",
]


@pytest.mark.django_db
def test_uploaded_file_names_are_never_echoed(client):
    client.force_login(UserFactory())
    for name in UPLOAD_NAMES:
        for content in (_png(), b"<script>alert(1)</script>"):
            response = client.post(
                "/markdownx/upload/", {"image": SimpleUploadedFile(name, content, "image/png")}
            )
            assert response.status_code in (200, 400)
            assert response["Content-Type"] == "application/json"
            body = response.content.decode()
            assert name not in body and "<script" not in body and "onerror" not in body
            if response.status_code == 200:
                assert re.fullmatch(
                    r'\{"image_code": "!\[[^\]]*\]\(/[\w/.-]+/[0-9a-f]{32}\.png\)"\}', body
                ), body
