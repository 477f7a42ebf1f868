"""The editors' desk (methods/views/editorial.py): bounded lists at a constant cost."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from methods.choices import CommentState, Status
from methods.models import Comment, CommentReport, Method
from tests.factories import MethodFactory, UserFactory

pytestmark = pytest.mark.django_db

DESK = reverse("methods:editorial")


def overdue(count: int, start: int = 0) -> list[Method]:
    """count published methods past their review date, the oldest date first."""
    today = timezone.localdate()
    methods = []
    for i in range(start, start + count):
        method = MethodFactory(title=f"Gammal {i:03d}")
        method.review_by = today - datetime.timedelta(days=1000 - i)
        Method.objects.filter(pk=method.pk).update(review_by=method.review_by)
        methods.append(method)
    return methods


def bulk_methods(count: int, prefix: str, **fields) -> None:
    """Many plain rows quickly: the desk's cost must not depend on them."""
    author = UserFactory()
    Method.objects.bulk_create(
        Method(
            title=f"{prefix} {i}",
            slug=f"{prefix}-{i}",
            summary="Kort.",
            author=author,
            **fields,
        )
        for i in range(count)
    )


def test_stale_list_shows_one_page_and_links_to_the_next(client, editor):
    methods = overdue(25)
    client.force_login(editor)
    response = client.get(DESK)
    page = response.content.decode()
    assert [m.pk for m in response.context["stale"]] == [m.pk for m in methods[:20]]
    assert "Ska ses över (25)" in page
    assert 'href="?ses-over=2#stale-heading" rel="next"' in page
    assert "1–20 av 25" in page
    assert "Gammal 020" not in page

    response = client.get(DESK, {"ses-over": 2})
    page = response.content.decode()
    assert [m.pk for m in response.context["stale"]] == [m.pk for m in methods[20:]]
    assert "21–25 av 25" in page
    assert 'href="?#stale-heading" rel="prev"' in page
    assert 'rel="next"' not in page


def test_paging_one_list_keeps_the_others_page(client, editor):
    overdue(21)
    submitted = [
        MethodFactory(status=Status.SUBMITTED, submitted_at=timezone.now()) for _ in range(21)
    ]
    client.force_login(editor)
    response = client.get(DESK, {"granska": 2, "ses-over": 2})
    assert [m.pk for m in response.context["queue"]] == [submitted[20].pk]
    assert len(response.context["stale"]) == 1
    assert 'href="?granska=2#stale-heading" rel="prev"' in response.content.decode()


@pytest.mark.parametrize("value", ["0", "x", "-1", "99999999"])
def test_a_page_that_is_not_a_number_answers_404(client, editor, value):
    client.force_login(editor)
    assert client.get(DESK, {"ses-over": value}).status_code == 404


def test_a_page_past_the_end_answers_404_but_an_empty_first_page_is_empty(client, editor):
    client.force_login(editor)
    response = client.get(DESK)
    assert response.status_code == 200
    assert "Inga metoder har passerat sitt granskningsdatum." in response.content.decode()
    assert client.get(DESK, {"ses-over": 2}).status_code == 404


def _reported_comment(method: Method) -> Comment:
    comment = Comment.objects.create(
        method=method, author=UserFactory(), body="Olämpligt.", state=CommentState.REPORTED
    )
    CommentReport.objects.create(comment=comment, reporter=UserFactory())
    return comment


@pytest.mark.parametrize("extra", [0, 100])
def test_desk_query_count_does_not_grow_with_the_handbook(
    client, editor, django_assert_num_queries, extra
):
    methods = overdue(3)
    MethodFactory(status=Status.SUBMITTED, submitted_at=timezone.now())
    MethodFactory(status=Status.CHANGES_REQUESTED, editor_message="Korta ned.")
    _reported_comment(methods[0])
    if extra:
        bulk_methods(extra, "gammal", status=Status.PUBLISHED, review_by=datetime.date(2000, 1, 1))
        bulk_methods(extra // 2, "inskickad", status=Status.SUBMITTED, submitted_at=timezone.now())
        for method in methods:
            _reported_comment(method)
    client.force_login(editor)
    # session, user (with the editor and two-factor check), the four lists (each with its
    # total)
    with django_assert_num_queries(6):
        response = client.get(DESK)
    assert len(response.context["stale"]) == (3 if not extra else 20)
    assert response.context["stale"].total == 3 + extra
    assert response.context["queue"].total == 1 + extra // 2
    assert response.context["reported_comments"].total == (1 if not extra else 4)
