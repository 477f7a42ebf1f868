"""core.paging: one page of a list and its total from one query, links that keep the rest."""

import pytest
from django.http import Http404, QueryDict

from core.paging import bounded, page_number
from methods.models import Method
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def rows(count: int):
    author = UserFactory()
    Method.objects.bulk_create(
        Method(title=f"Rad {i:02d}", slug=f"rad-{i:02d}", summary="Kort.", author=author)
        for i in range(count)
    )
    return Method.objects.filter(author=author).order_by("title")


def test_one_page_and_the_total_in_one_query(django_assert_num_queries):
    methods = rows(7)
    with django_assert_num_queries(1):
        page = bounded(methods, QueryDict("sida=2&q=a b"), "sida", size=3)
    assert [m.title for m in page] == ["Rad 03", "Rad 04", "Rad 05"]
    assert (page.total, page.first_index, page.last_index) == (7, 4, 6)
    assert page.previous_href == "?q=a+b"
    assert page.next_href == "?q=a+b&sida=3"


def test_the_last_page_has_no_next_and_an_empty_list_is_one_empty_page():
    page = bounded(rows(7), QueryDict("sida=3"), "sida", size=3)
    assert [m.title for m in page] == ["Rad 06"]
    assert not page.has_next and page.has_previous
    empty = bounded(Method.objects.none(), QueryDict(""), "sida")
    assert (list(empty), empty.total, empty.has_other_pages) == ([], 0, False)


@pytest.mark.parametrize("value", ["0", "-2", "2a", "", "10001"])
def test_a_page_that_is_no_page_number_is_404(value):
    with pytest.raises(Http404):
        page_number(QueryDict(f"sida={value}"), "sida")


def test_a_page_past_the_end_is_404():
    with pytest.raises(Http404):
        bounded(rows(3), QueryDict("sida=2"), "sida", size=3)
