"""The one markdown pipeline: markdown -> HTML -> sanitised with nh3 against an allow-list.

Every place that turns user text into HTML calls render_markdown(): model saves (stored HTML
beside the source), the markdownx live preview, PDFs and e-mails. Nothing else may mark user
text as safe.

Bounded work. Python-Markdown is not linear for every construct: unclosed raw tags ("<a" or
"<http://" repeated) make the standard library's HTML parser rescan the rest of the text for
each one (quadratic: 300 KB of "<a" takes minutes), and nesting (lists, block quotes, a
definition line after a definition line in one paragraph) costs Python stack frames, so about
500 levels raise RecursionError. Rather than replace the renderer (every stored text and test
is written for Python-Markdown's extension set) or patch its parsers one by one, the input is
bounded before it reaches the parser, by a linear pre-scan (markdown_problem):

- at most MAX_MARKDOWN_CHARS characters (each model field has its own, lower max_length);
- at most MAX_NESTING levels of nesting on any line (list markers, ">", ":" and indentation);
- at most MAX_DEFINITION_RUN definition lines (": ...") in one paragraph;
- at most MAX_RAW_TAGS raw tags ("<" followed by a letter, "/", "!" or "?").

Within these bounds the worst constructs we know of render in well under a second. Forms
refuse such text with a clear message (validate_markdown, on the model fields and the step
fields), the preview answers 400 with the message, and render_markdown itself never raises:
text that slips past a form (an import, old data) is shown as escaped plain text, which is
linear. RecursionError is caught as a last guard, with the same fallback.
"""

import re
import threading
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "sub", "sup",
    "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre",
    "code", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "caption", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
# No javascript:, data:, vbscript: or other schemes; relative URLs are allowed.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

_MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "nl2br"]
# The page owns its single <h1>; headings in user text start one level below.
_H1 = re.compile(r"<(/?)h1\b", re.IGNORECASE)


def _scheme(url: str) -> str | None:
    """The URL's scheme ("" for a relative one), or None when it cannot be read: urlsplit
    refuses an unbalanced "[" in the host ("//[", an IPv6 address never closed), which anyone
    can type into a link."""
    try:
        return urlsplit(url).scheme
    except ValueError:
        return None


def _is_external(href: str) -> bool:
    # An address that cannot be read is treated as another site's: nofollow, noopener.
    return _scheme(href) in {"http", "https", None} or href.startswith("//")


# HTML's "valid integer" for <ol start>: Python-Markdown copies whatever digits began the list,
# and reads any Unicode digit as one ("٣. punkt" gives start="٣").
_HTML_INTEGER = re.compile(r"-?[0-9]+")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    # Images must come from this site (uploads) or https; never from data: or other schemes,
    # nor from an address that cannot be read.
    if tag == "img" and attribute == "src":
        if _scheme(value) not in {"", "https"} or value.startswith("//"):
            return None
    # A list number that is not an HTML integer is dropped: the list starts at 1, and the page
    # stays valid HTML.
    if tag == "ol" and attribute == "start" and not _HTML_INTEGER.fullmatch(value):
        return None
    return value


def sanitize_html(html: str) -> str:
    """Clean arbitrary HTML against the allow-list."""
    cleaned = _clean(html)
    # nh3 can serialise a tree that parses differently the next time (a <select> inside a <p>
    # leaves '<p><p></p></p>'); clean again until the output is stable, so what the browser
    # parses is exactly what was checked.
    for _attempt in range(3):
        again = _clean(cleaned)
        if again == cleaned:
            break
        cleaned = again
    return _mark_external_links(_give_images_an_alt(cleaned))


# In nh3's output "<", ">" and '"' inside attribute values are escaped, and text that merely
# looks like a tag is escaped too ('&lt;img'), so a plain scan finds every <img> tag whole.
_IMG_TAG = re.compile(r"<img\b[^>]*>")


def _give_images_an_alt(html: str) -> str:
    """An image without an alt attribute gets an empty one: HTML requires the attribute.

    Forms refuse images without an alternative text (validate_image_alt_text); this is for
    text that did not pass a form (old data, an import). It counts as "no alternative text"
    there too, and an empty alt at least keeps screen readers from reading out a file name.
    """

    def add_alt(match: re.Match) -> str:
        tag = match.group(0)
        return tag if ' alt="' in tag else '<img alt=""' + tag[len("<img") :]

    return _IMG_TAG.sub(add_alt, html)


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=_attribute_filter,
        link_rel=None,
        strip_comments=True,
    )


def _mark_external_links(html: str) -> str:
    """Give external links rel="noopener nofollow"; internal links stay as they are.

    Runs on nh3 output, whose attributes are always double-quoted, escaped and in alphabetical
    order (href is the first allowed attribute of <a>), so a plain scan of '<a href="...">' is
    reliable here. nh3's own link_rel cannot tell internal from external links.
    """
    out: list[str] = []
    pos = 0
    marker = '<a href="'
    while True:
        start = html.find(marker, pos)
        if start == -1:
            out.append(html[pos:])
            return "".join(out)
        href_start = start + len(marker)
        href_end = html.find('"', href_start)
        href = html[href_start:href_end]
        out.append(html[pos : href_end + 1])
        if _is_external(href.replace("&amp;", "&")):
            out.append(' rel="noopener nofollow"')
        pos = href_end + 1


# Python-Markdown's link parser is quadratic in unclosed brackets (10,000 "[" take 15 s). Real
# method text has a handful of links; above this many brackets they are shown literally.
MAX_LINK_BRACKETS = 300


# The bounds of the pre-scan (see the module docstring).
MAX_MARKDOWN_CHARS = 20_000
MAX_NESTING = 20
MAX_DEFINITION_RUN = 50
MAX_RAW_TAGS = 300

# The container markers at the start of a line, with the blanks between them. Each repetition
# consumes at least one marker character, so matching is linear.
_LINE_PREFIX = re.compile(r"(?:[ \t]*(?:>|[-*+:](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*")
_MARKER = re.compile(r">|[-*+:]|\d{1,9}[.)]")
_DEFINITION_LINE = re.compile(r"[ \t]*:[ \t]")
_RAW_TAG = re.compile(r"<[A-Za-z/!?]")


class MarkdownTooComplex(ValueError):
    """The text is beyond what the renderer is allowed to work on; str() is the message."""


def markdown_problem(text: str | None) -> str | None:
    """Why this text may not be rendered as markdown, or None when it may. Linear in the text."""
    if not text:
        return None
    if len(text) > MAX_MARKDOWN_CHARS:
        return str(
            _("Texten får vara högst %(limit)d tecken (den har %(length)d).")
            % {"limit": MAX_MARKDOWN_CHARS, "length": len(text)}
        )
    if len(_RAW_TAG.findall(text)) > MAX_RAW_TAGS:
        return str(
            _("Texten har för många HTML-taggar eller tecken < före en bokstav (högst %(limit)d).")
            % {"limit": MAX_RAW_TAGS}
        )
    definitions = 0
    # Lines and blank lines as Python-Markdown sees them (not str.splitlines(), which also splits
    # at form feeds and other separators).
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip(" \t"):
            definitions = 0
            continue
        prefix = _LINE_PREFIX.match(line).group()
        # Each marker is followed by a blank of its own; the blanks beyond those are indentation.
        markers = len(_MARKER.findall(prefix))
        indent = prefix.count(" ") + 4 * prefix.count("\t") - markers
        if markers + max(0, indent) // 4 > MAX_NESTING:
            return str(
                _("Listorna eller citaten är för djupt nästlade (högst %(limit)d nivåer).")
                % {"limit": MAX_NESTING}
            )
        if _DEFINITION_LINE.match(line):
            definitions += 1
            if definitions > MAX_DEFINITION_RUN:
                return str(
                    _(
                        "För många rader som börjar med kolon i samma stycke (högst %(limit)d). "
                        "Lägg en tom rad mellan förklaringarna."
                    )
                    % {"limit": MAX_DEFINITION_RUN}
                )
    return None


def check_markdown(text: str | None) -> None:
    """Raise MarkdownTooComplex when markdown_problem() finds one."""
    problem = markdown_problem(text)
    if problem:
        raise MarkdownTooComplex(problem)


def validate_markdown(value: str | None) -> None:
    """Field validator: the text must be within the renderer's bounds."""
    try:
        check_markdown(value)
    except MarkdownTooComplex as error:
        raise ValidationError(str(error), code="markdown_too_complex") from None


def _plain_text(text: str) -> str:
    """The fallback for text beyond the bounds: escaped paragraphs, linear in the text."""
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")) if p.strip()]
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


_PARSERS = threading.local()


def _convert(text: str) -> str:
    """Python-Markdown's HTML for the text, with one parser per thread, reset before each text:
    building a parser loads the extensions and compiles their patterns, which is two thirds of
    the time for a short text such as a step (reset() clears footnotes and abbreviations)."""
    parser = getattr(_PARSERS, "markdown", None)
    if parser is None:
        parser = markdown.Markdown(extensions=_MARKDOWN_EXTENSIONS, output_format="html")
        _PARSERS.markdown = parser
    return parser.reset().convert(text)


def render_markdown(text: str | None) -> str:
    """Markdown source -> sanitised HTML, safe to mark as safe in templates. Never raises for
    any text: text beyond the bounds is shown as plain text (forms refuse it first)."""
    if not text:
        return ""
    if markdown_problem(text):
        return sanitize_html(_plain_text(text))
    # Text with no markdown in it but headings and paragraphs (most steps of a method, and many
    # a method text) comes out of the full pipeline as those elements with the text as typed:
    # built directly, in a fraction of the time (tests/test_rendering_fast_path.py checks that
    # the two agree).
    plain = _plain_blocks(text)
    return plain if plain is not None else _render(text)


# One line of words (letters and digits) with single spaces and , . : ; ? ! after them, not
# starting with a number and a full stop (an ordered list; any digits, as markdown reads them).
# Nothing in it is markdown syntax, an HTML character to escape or a line break. Each part has
# one way to match (a word ends where punctuation or a space begins), so matching is linear,
# also when it fails.
_PLAIN_LINE = r"[^\W_]+(?:[,.:;?!]* [^\W_]+)*[,.:;?!]*"
_PLAIN_PARAGRAPH = re.compile(r"(?!\d+\.)" + _PLAIN_LINE)
_PLAIN_HEADING = re.compile(r"(#{1,6}) (" + _PLAIN_LINE + ")")


def _plain_blocks(text: str) -> str | None:
    """The HTML of text made of plain paragraphs and headings separated by one blank line, as
    the full pipeline renders it (a level-1 heading becomes h2), or None for any other text."""
    html = []
    for block in text.split("\n\n"):
        if _PLAIN_PARAGRAPH.fullmatch(block):
            html.append(f"<p>{block}</p>")
        elif heading := _PLAIN_HEADING.fullmatch(block):
            level = max(2, len(heading[1]))
            html.append(f"<h{level}>{heading[2]}</h{level}>")
        else:
            return None
    return "\n".join(html)


def _render(text: str) -> str:
    """The full pipeline: Python-Markdown, then nh3."""
    if text.count("[") > MAX_LINK_BRACKETS:
        text = text.replace("[", "\\[")
    # Raw HTML in the source is escaped by markdown's own rules only partly; nh3 is the gate.
    try:
        html = _convert(text)
    except RecursionError:
        return sanitize_html(_plain_text(text))
    return sanitize_html(_H1.sub(r"<\1h2", html))


# Alternative text for images. An upload gives the editor "![](address)": the person describes
# the image before it is saved. The placeholder the upload endpoint once inserted counts as
# missing, in either language.
_PLACEHOLDER_ALTS = {"beskriv bilden här", "describe the image here"}


class _ImageAlts(HTMLParser):
    """The alt text of every <img> in sanitised HTML, in order ("" where it has none)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.alts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.alts.append(dict(attrs).get("alt") or "")

    handle_startendtag = handle_starttag


def images_without_alt(text: str | None) -> list[int]:
    """The positions (1, 2, ...) of the images in this text that have no alternative text.

    Checked on the rendered HTML, so every way of writing an image counts: ![alt](address),
    reference images and <img> tags.
    """
    if not text or ("![" not in text and "<img" not in text.lower()):
        return []
    parser = _ImageAlts()
    parser.feed(render_markdown(text))
    parser.close()
    return [
        position
        for position, alt in enumerate(parser.alts, start=1)
        if not alt.strip() or alt.strip().casefold() in _PLACEHOLDER_ALTS
    ]


def validate_image_alt_text(value: str | None) -> None:
    """Field validator: every image in the text says what it shows, for those who cannot see it."""
    missing = images_without_alt(value)
    if not missing:
        return
    raise ValidationError(
        _(
            "Varje bild behöver en beskrivning för den som inte ser den. Bild nummer "
            "%(numbers)s saknar beskrivning. Skriv vad bilden visar mellan hakparenteserna, "
            "till exempel ![Två kollegor tömmer diskmaskinen] följt av bildens adress inom "
            "parentes."
        ),
        code="image_without_alt",
        params={"numbers": ", ".join(str(number) for number in missing)},
    )
