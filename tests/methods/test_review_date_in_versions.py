"""A method's review date survives a new version and a restored revision (it is stored as text
in snapshots and must come back as a date)."""

from datetime import date

import pytest
from django.urls import reverse

from methods import workflow
from methods.choices import Status
from methods.models import Method
from tests.factories import MethodFactory

pytestmark = pytest.mark.django_db


def test_publishing_a_new_version_of_a_method_with_a_review_date(client, editor):
    method = MethodFactory(title="Gammal titel", easy_read="Kort text.", review_by=date(2027, 3, 1))
    copy = workflow.start_new_version(method, editor)
    copy.title = "Ny titel"
    copy.status = Status.SUBMITTED
    copy.save()
    client.force_login(editor)
    response = client.post(reverse("methods:publish", args=[copy.slug]))
    assert (response.status_code, response["Location"]) == (302, method.get_absolute_url())
    method.refresh_from_db()
    assert (method.title, method.review_by) == ("Ny titel", date(2027, 3, 1))
    assert method.revisions.order_by("-number").first().snapshot["review_by"] == "2027-03-01"
    assert not Method.objects.filter(pk=copy.pk).exists()


def test_restoring_a_revision_with_a_review_date(editor):
    from methods.services import record_revision

    method = MethodFactory(review_by=date(2027, 3, 1))
    first = record_revision(method, editor, "Första")
    method.review_by = date(2028, 1, 1)
    method.save()
    workflow.restore_revision(method, first, editor)
    method.refresh_from_db()
    assert method.review_by == date(2027, 3, 1)
    assert method.revisions.order_by("-number").first().snapshot["review_by"] == "2027-03-01"
