"""The "Dela och återanvänd" box on the method page (issue 16, part 5): the permanent link and
a citation in the form the method's licence asks for, from what the page loads anyway."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from methods.choices import Licence
from methods.models import Method
from tests.factories import CompanyFactory, MethodFactory, UserFactory

pytestmark = pytest.mark.django_db


def share_box(client, method) -> str:
    html = client.get(method.get_absolute_url()).content.decode()
    start = html.index('<section class="share"')
    return html[start : html.index("</section>", start) + len("</section>")]


def test_cc_by_method_has_its_permanent_link_and_a_full_citation(client):
    method = MethodFactory(
        title="Skuggning",
        author=UserFactory(display_name="Karin Lund"),
        company=CompanyFactory(name="Returbutiken Kvist"),
        licence=Licence.CC_BY,
    )
    url = f"{settings.SITE_URL}/metoder/skuggning/"
    box = share_box(client, method)
    assert '<h2 id="share-heading">Dela och återanvänd</h2>' in box
    assert f'<p>Permanent länk: <a class="share__link" href="{url}">{url}</a></p>' in box
    assert "<p>Du får kopiera, ändra och dela texten om du anger källan så här:</p>" in box
    assert (
        '<p class="share__citation" id="share-citation">”Skuggning” av Karin Lund, Returbutiken '
        f'Kvist. Källa: Kompetenshandboken, <a href="{url}">{url}</a>. Licens: CC BY 4.0, '
        '<a href="https://creativecommons.org/licenses/by/4.0/deed.sv" rel="license">'
        "https://creativecommons.org/licenses/by/4.0/deed.sv</a>.</p>"
    ) in box
    # Hidden until the script shows it: without JavaScript the text is there to select.
    assert 'data-copy-target="share-citation" data-copy-status="share-status"' in box
    assert box.count(" hidden>Kopiera källhänvisningen</button>") == 1
    assert '<p class="share__status" id="share-status" role="status"></p>' in box


def test_share_alike_method_says_the_same_licence_applies(client):
    method = MethodFactory(
        title="Fadder", author=UserFactory(display_name="Omar Said"), licence=Licence.CC_BY_SA
    )
    box = share_box(client, method)
    assert (
        "<p>Du får kopiera, ändra och dela texten om du delar det du gör av den under samma "
        "licens och anger källan så här:</p>"
    ) in box
    assert "”Fadder” av Omar Said. Källa: Kompetenshandboken," in box
    assert (
        'Licens: CC BY-SA 4.0, <a href="https://creativecommons.org/licenses/by-sa/4.0/deed.sv" '
        'rel="license">'
    ) in box


def test_all_rights_reserved_method_asks_for_permission_and_names_no_licence(client):
    method = MethodFactory(
        title="Egen kurs", author=UserFactory(display_name="Lena Ek"), licence=Licence.ALL_RIGHTS
    )
    box = share_box(client, method)
    assert "texten får inte spridas vidare utan tillstånd" in box
    assert box.endswith(
        '</a>. Alla rättigheter förbehållna upphovspersonen.</p>\n  <button type="button" '
        'class="button button--secondary" data-copy-target="share-citation" '
        'data-copy-status="share-status" data-copied="Källhänvisningen är kopierad." '
        'data-failed="Det gick inte att kopiera. Markera texten och kopiera den själv." '
        'hidden>Kopiera källhänvisningen</button>\n  <p class="share__status" id="share-status" '
        'role="status"></p>\n</section>'
    )
    assert 'rel="license"' not in box


def test_citation_text_is_escaped(client):
    method = MethodFactory(title="<b>Fet</b> & stark", author=UserFactory(display_name="<i>X</i>"))
    box = share_box(client, method)
    assert "”&lt;b&gt;Fet&lt;/b&gt; &amp; stark” av &lt;i&gt;X&lt;/i&gt;." in box


def test_citation_of_a_former_member_names_no_one(client):
    method = MethodFactory(title="Kvar", author=None)
    assert "”Kvar” av tidigare medlem." in share_box(client, method)


def test_share_box_costs_no_query():
    """The box reads the method, its author and its company, which the page loads with the
    method (methods.views.reading._visible_method), and settings: no query of its own."""
    method = MethodFactory(author=UserFactory(), company=CompanyFactory())
    loaded = Method.objects.select_related("author", "company").get(pk=method.pk)
    with CaptureQueriesContext(connection) as queries:
        html = render_to_string(
            "methods/_share.html", {"method": loaded, "site_url": settings.SITE_URL}
        )
    assert len(queries) == 0
    assert method.company.name in html
