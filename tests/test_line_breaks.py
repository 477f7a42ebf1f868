"""A text area's line breaks count as one character each, as the browser counted them
(core.forms.count_line_breaks_as_typed): browsers send CRLF but their maxlength counts one."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.urls import reverse

from core.widgets import MarkdownEditor
from methods.models import Comment
from tests.factories import MethodFactory, UserFactory

SENT = "Första raden\r\nandra\rtredje\n"
AS_TYPED = "Första raden\nandra\ntredje\n"


@pytest.mark.parametrize(
    "widget", [forms.Textarea(), MarkdownEditor(), AdminTextareaWidget()], ids=type
)
def test_every_text_area_reads_line_breaks_as_one_character(widget):
    assert widget.value_from_datadict({"text": SENT}, {}, "text") == AS_TYPED
    assert widget.value_from_datadict({}, {}, "text") is None


def test_one_line_inputs_are_left_as_sent():
    assert forms.TextInput().value_from_datadict({"text": "a\r\nb"}, {}, "text") == "a\r\nb"


@pytest.mark.django_db
def test_a_comment_at_the_limit_with_line_breaks_is_accepted(client):
    """4,000 characters as typed in four paragraphs: 4,006 as sent. The browser let it through
    (maxlength 4000), so the server must too, and stores what was typed."""
    method = MethodFactory()
    client.force_login(UserFactory())
    paragraphs = ["a" * 997, "b" * 997, "c" * 997, "d" * 1003]
    typed = "\n\n".join(paragraphs)
    assert len(typed) == 4000
    response = client.post(
        reverse("methods:comment_create", args=[method.slug]), {"body": typed.replace("\n", "\r\n")}
    )
    assert response.status_code == 302
    assert Comment.objects.get(method=method).body == typed


@pytest.mark.django_db
def test_one_character_over_is_still_refused_with_the_count_as_typed(client):
    method = MethodFactory()
    client.force_login(UserFactory())
    typed = "a" * 3000 + "\n" + "b" * 1000
    response = client.post(
        reverse("methods:comment_create", args=[method.slug]), {"body": typed.replace("\n", "\r\n")}
    )
    assert response.status_code == 400
    assert "högst 4000 tecken (den har 4001)" in response.content.decode()
    assert not Comment.objects.exists()
