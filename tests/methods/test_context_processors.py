"""The header's search box shows the query typed, never characters an HTML page may not hold."""

import pytest


@pytest.mark.django_db
def test_the_400_page_for_a_nul_in_the_query_shows_the_query_without_it(client):
    # The middleware refuses the NUL with 400; its error page still has the header search box.
    response = client.get("/sok/", {"q": "hand\x00led\x07ning"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "\x00" not in html and "\x07" not in html
    assert 'name="q" value="handledning"' in html


@pytest.mark.django_db
def test_the_search_box_keeps_an_ordinary_query(client):
    html = client.get("/sok/", {"q": "lärlogg med bilder"}).content.decode()
    assert 'id="site-search-q" type="search" name="q" value="lärlogg med bilder"' in html
