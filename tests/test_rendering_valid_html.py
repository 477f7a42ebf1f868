"""The sanitised HTML is valid HTML: an image always has an alt attribute.

Forms refuse images without an alternative text; text that never passed a form (old data, an
import, the XSS corpus the browser tests store directly) still renders as valid HTML.
"""

import pytest

from core.rendering import images_without_alt, render_markdown, sanitize_html


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("<img src=x onerror=alert(1)>", '<p><img alt="" src="x"></p>'),
        ("<img src=javascript:alert(1)>", '<p><img alt=""></p>'),
        ("![](/media/uploads/a.png)", '<p><img alt="" src="/media/uploads/a.png"></p>'),
        ("![Disk](/media/a.png)", '<p><img alt="Disk" src="/media/a.png"></p>'),
        ('<img src="/a.png" alt="Disk">', '<p><img src="/a.png" alt="Disk"></p>'),
        ('<img title="alt=&quot;x" src=x>', '<p><img alt="" title="alt=&quot;x" src="x"></p>'),
        (
            '<img title="<img src=y>" src=x>',
            '<p><img alt="" title="&lt;img src=y&gt;" src="x"></p>',
        ),
        (
            "Skriv <img> så: `<img src=x>`",
            '<p>Skriv <img alt=""> så: <code>&lt;img src=x&gt;</code></p>',
        ),
    ],
)
def test_every_image_gets_an_alt_attribute(source, html):
    assert render_markdown(source) == html


def test_a_list_keeps_its_start_only_when_it_is_an_html_integer():
    expected = '<ol start="3">\n<li>tre</li>\n<li>fyra</li>\n</ol>'
    assert render_markdown("3. tre\n4. fyra") == expected
    # Markdown reads any Unicode digit as a list number; HTML's start takes ASCII digits only.
    assert render_markdown("٣. tre") == "<ol>\n<li>tre</li>\n</ol>"
    assert sanitize_html('<ol start="-2"><li>a</li></ol>') == '<ol start="-2"><li>a</li></ol>'
    assert sanitize_html('<ol start="2x"><li>a</li></ol>') == "<ol><li>a</li></ol>"


def test_an_alt_text_is_kept_and_nothing_else_is_touched():
    html = '<p><img alt="Två kollegor" src="/a.png"> &lt;img src=x&gt; <code>&lt;img</code></p>'
    assert sanitize_html(html) == html


def test_an_added_empty_alt_still_counts_as_missing():
    assert images_without_alt("<img src=x> ![Diskmaskinen](/a.png) ![](/b.png)") == [1, 3]
