"""The one markdown pipeline: markdown -> HTML -> sanitised with nh3 against an allow-list.

Every place that turns user text into HTML calls render_markdown(): model saves (stored HTML
beside the source), the markdownx live preview, PDFs and e-mails. Nothing else may mark user
text as safe.
"""

import re
from urllib.parse import urlsplit

import markdown
import nh3

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


def _is_external(href: str) -> bool:
    parts = urlsplit(href)
    return bool(parts.scheme in {"http", "https"} or href.startswith("//"))


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    # Images must come from this site (uploads) or https; never from data: or other schemes.
    if tag == "img" and attribute == "src":
        scheme = urlsplit(value).scheme
        if scheme not in {"", "https"} or value.startswith("//"):
            return None
    return value


def sanitize_html(html: str) -> str:
    """Clean arbitrary HTML against the allow-list."""
    cleaned = _clean(html)
    # nh3 can serialise a tree that parses differently the next time (a <select> inside a <p>
    # leaves '<p><p></p></p>'); clean again until the output is stable, so what the browser
    # parses is exactly what was checked.
    for _ in range(3):
        again = _clean(cleaned)
        if again == cleaned:
            break
        cleaned = again
    return _mark_external_links(cleaned)


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


def render_markdown(text: str | None) -> str:
    """Markdown source -> sanitised HTML, safe to mark as safe in templates."""
    if not text:
        return ""
    if text.count("[") > MAX_LINK_BRACKETS:
        text = text.replace("[", "\\[")
    # Raw HTML in the source is escaped by markdown's own rules only partly; nh3 is the gate.
    html = markdown.markdown(text, extensions=_MARKDOWN_EXTENSIONS, output_format="html")
    return sanitize_html(_H1.sub(r"<\1h2", html))
