"""Issue 12, hostile markdown: the renderer's work is bounded, and over-bound text is refused
with a message (400, the typed text kept), never a 500 or a worker busy for minutes."""

import pytest
from django.urls import reverse

from core import rendering
from core.rendering import (
    MAX_DEFINITION_RUN,
    MAX_MARKDOWN_CHARS,
    MAX_NESTING,
    MAX_RAW_TAGS,
    markdown_problem,
    render_markdown,
)
from methods.models import Comment, Method
from tests.factories import MethodFactory

PREVIEW = reverse("markdownx_markdownify")

# The inputs and their relatives, each of which took seconds to minutes or raised
# RecursionError in Python-Markdown before the bounds.
HOSTILE = {
    "unclosed tags": "<a" * 150_000,
    "unclosed autolinks, short": "<http://" * 1000,
    "definition lines": "a\n: b\n" * 500,
    "nested list, 2 spaces": "".join("  " * i + "- x\n" for i in range(1000)),
    "nested list, 4 spaces": "".join("    " * i + "- x\n" for i in range(60)),
    "nested quotes": ">" * 3000 + " x",
    "nested list on one line": "- " * 600 + "x",
    "nested definitions": "".join("    " * i + "a\n" + "    " * i + ": b\n" for i in range(40)),
}
# Short enough for a comment (4,000 characters), so the comment form's length check is not what
# refuses them.
SHORT_HOSTILE = {name: text for name, text in HOSTILE.items() if len(text) <= 4000}


@pytest.fixture
def parser_calls(monkeypatch):
    """Counts the calls into Python-Markdown: refused text must never reach it."""
    calls = []
    real = rendering._convert

    def counting(text):
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(rendering, "_convert", counting)
    return calls


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_text_is_refused_before_the_parser(name, parser_calls):
    text = HOSTILE[name]
    assert markdown_problem(text)
    html = render_markdown(text)
    # Shown as escaped plain text, without running the parser at all.
    assert parser_calls == []
    assert "<a" not in html.replace("<a href", "")
    assert html.startswith("<p>")


def test_the_reasons_name_the_bound():
    assert markdown_problem("x" * (MAX_MARKDOWN_CHARS + 1)) == (
        f"Texten får vara högst {MAX_MARKDOWN_CHARS} tecken (den har {MAX_MARKDOWN_CHARS + 1})."
    )
    assert markdown_problem("<b>" * (MAX_RAW_TAGS + 1)) == (
        f"Texten har för många HTML-taggar eller tecken < före en bokstav (högst {MAX_RAW_TAGS})."
    )
    assert markdown_problem("> " * (MAX_NESTING + 1) + "x") == (
        f"Listorna eller citaten är för djupt nästlade (högst {MAX_NESTING} nivåer)."
    )
    assert markdown_problem("a\n: b\n" * (MAX_DEFINITION_RUN + 1)) == (
        f"För många rader som börjar med kolon i samma stycke (högst {MAX_DEFINITION_RUN}). "
        "Lägg en tom rad mellan förklaringarna."
    )


def test_text_at_the_bounds_still_renders(parser_calls):
    """Real handbook text never comes near the bounds; text right at them is still markdown."""
    assert markdown_problem("x" * MAX_MARKDOWN_CHARS) is None
    assert render_markdown("> " * MAX_NESTING + "x").count("<blockquote>") == MAX_NESTING
    # Separate paragraphs start a new count of definition lines.
    glossary = "\n\n".join(f"Ord {i}\n: Förklaring {i}" for i in range(MAX_DEFINITION_RUN + 5))
    assert render_markdown(glossary).count("<dd>") == MAX_DEFINITION_RUN + 5
    assert render_markdown("- a\n    - b\n        - c") == (
        "<ul>\n<li>a<ul>\n<li>b<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n</li>\n</ul>"
    )
    assert len(parser_calls) == 3


def test_raw_tags_within_the_bound_are_sanitised_as_before():
    assert render_markdown("<b>fet</b> <script>x</script>") == "<p><b>fet</b> </p>"


def test_a_recursion_error_inside_the_parser_falls_back_to_plain_text(monkeypatch):
    def too_deep(text):
        raise RecursionError

    monkeypatch.setattr(rendering, "_convert", too_deep)
    assert render_markdown("*a* <b>\n\nb") == "<p>*a* &lt;b&gt;</p><p>b</p>"


def test_fallback_keeps_line_breaks_and_escapes():
    text = "<a" * (MAX_RAW_TAGS + 1) + "\nrad två\n\nnytt stycke & slut"
    html = render_markdown(text)
    assert html == (
        "<p>" + "&lt;a" * (MAX_RAW_TAGS + 1) + "<br>rad två</p><p>nytt stycke &amp; slut</p>"
    )


# Forms and views ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", SHORT_HOSTILE)
def test_comment_with_hostile_text_is_refused_and_kept(client, member, name, parser_calls):
    method = MethodFactory(title="Visa – gör – öva", slug="visa-gor-ova")
    parser_calls.clear()
    client.force_login(member)
    text = SHORT_HOSTILE[name]
    response = client.post(reverse("methods:comment_create", args=[method.slug]), {"body": text})
    assert response.status_code == 400
    page = response.content.decode()
    assert markdown_problem(text).replace("<", "&lt;") in page
    # The typed text is shown again in the form, escaped.
    assert (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")) in page
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_editing_a_comment_into_hostile_text_is_refused(client, member):
    method = MethodFactory()
    comment = Comment.objects.create(method=method, author=member, body="Bra!")
    client.force_login(member)
    text = HOSTILE["definition lines"]
    response = client.post(reverse("methods:comment_edit", args=[comment.pk]), {"body": text})
    assert response.status_code == 400
    assert "För många rader som börjar med kolon" in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == "Bra!"


@pytest.mark.django_db
@pytest.mark.parametrize("name", HOSTILE)
def test_preview_answers_400_with_the_message(client, member, name, parser_calls):
    client.force_login(member)
    text = HOSTILE[name]
    response = client.post(PREVIEW, {"content": text})
    assert response.status_code == 400
    message = markdown_problem(text).replace("<", "&lt;")
    assert response.content.decode() == f'<p class="preview-error" role="alert">{message}</p>'
    assert parser_calls == []


@pytest.mark.django_db
def test_preview_renders_ordinary_text(client, member):
    client.force_login(member)
    response = client.post(PREVIEW, {"content": "**fet**"})
    assert response.status_code == 200
    assert response.content.decode() == "<p><strong>fet</strong></p>"


@pytest.mark.django_db
def test_preview_is_rate_limited_per_user(client, member, clock):
    from core import views

    client.force_login(member)
    for _ in range(views.PREVIEW_RATE):
        assert client.post(PREVIEW, {"content": "a"}).status_code == 200
    response = client.post(PREVIEW, {"content": "a"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert response.content.decode() == (
        '<p class="preview-error" role="alert">'
        "Förhandsvisningen pausas en stund. Din text finns kvar; fortsätt skriva.</p>"
    )


@pytest.mark.django_db
def test_method_body_is_bounded_in_the_guided_submission(client, member):
    client.force_login(member)
    data = {
        "title": "Visa och gör i disken",
        "summary": "Handledaren visar. Deltagaren gör.",
        "body": HOSTILE["nested list on one line"],
        "learning_form": "i-arbetet",
        "target_roles": ["deltagare"],
    }
    response = client.post(reverse("methods:new"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Listorna eller citaten är för djupt nästlade (högst 20 nivåer)." in page
    assert not Method.objects.filter(title=data["title"]).exists()
    data["body"] = "x" * 20_001
    response = client.post(reverse("methods:new"), data)
    assert response.status_code == 400
    assert "som mest 20000 tecken (den har 20001)." in response.content.decode()
    assert not Method.objects.filter(title=data["title"]).exists()
