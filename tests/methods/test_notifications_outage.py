"""The mail server down: submissions and comments are still saved, and the notifications go
out once it is back.

As in production: the database task queue (django-tasks-db) and its worker (`manage.py
db_worker --batch`), the real views. The mail server is first a backend that cannot connect
(ConnectionRefusedError, as smtplib raises it), and in the end-to-end test a real SMTP server
(aiosmtpd) on a local port: nothing listens there at first, then the server is started.
"""

from __future__ import annotations

import signal
import smtplib
import socket
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.notifications import MAX_ATTEMPTS, RETRY_DELAYS, send_notification
from methods.choices import Status
from methods.models import Comment
from tests.factories import MethodFactory, UserFactory, make_editor

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
DOWN = {"default": {"BACKEND": "tests.methods.test_notifications_outage.DownBackend"}}


class DownBackend(BaseEmailBackend):
    """A mail server that is not there: every connection is refused, and counted."""

    attempts = 0

    def send_messages(self, email_messages):
        DownBackend.attempts += 1
        raise ConnectionRefusedError(111, "Connection refused")


class RefusingBackend(BaseEmailBackend):
    """A mail server that answers, and refuses the recipient for good (550)."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"No such user")})


def run_worker() -> None:
    """`manage.py db_worker --batch`: every task that is due, then exit. The worker installs its
    own handlers for SIGINT/SIGTERM; pytest's are put back afterwards."""
    saved = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command(
            "db_worker", "--batch", "--no-startup-delay", "--interval=0", "--no-reload", verbosity=0
        )
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


def make_due() -> None:
    """Let the retry delay pass: the waiting tasks' time has come."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def waiting() -> list[DBTaskResult]:
    """The notifications still to send (a new method also queues its suggestion lists' refresh,
    which is not what these tests are about)."""
    return list(
        DBTaskResult.objects.filter(
            status="READY", task_path="core.notifications.send_notification"
        ).order_by("enqueued_at")
    )


def contribute(client, author, commenter) -> tuple[Comment, object]:
    """A comment on the author's method and the author's draft submitted, through the views,
    with the mail server down: both saved, both answered with their usual redirect."""
    published = MethodFactory(title="Visa, gör, berätta", author=author)
    draft = MethodFactory(title="Nytt utkast", author=author, status=Status.DRAFT)

    client.force_login(commenter)
    response = client.post(
        reverse("methods:comment_create", args=[published.slug]), {"body": "Vi provar!"}
    )
    comment = Comment.objects.get(method=published, author=commenter)
    assert response.status_code == 302
    assert response["Location"] == f"{published.get_absolute_url()}#kommentar-{comment.pk}"
    assert comment.body == "Vi provar!"

    client.force_login(author)
    response = client.post(reverse("methods:submit", args=[draft.slug]))
    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    return comment, draft


def people():
    return (
        UserFactory(email="forfattare@example.org"),
        UserFactory(email="kommentator@example.org"),
        make_editor(email="redaktor@example.org"),
    )


# Transactional: the notifications are queued when the request's transaction commits, and the
# worker claims them in transactions of its own. The serialized rollback puts the phases back
# for later transactional tests after pytest-django empties the database.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS=DATABASE_QUEUE, MAILERS=DOWN)
def test_mail_server_down_delays_the_notifications_and_loses_none(client, settings):
    DownBackend.attempts = 0
    author, commenter, editor = people()
    contribute(client, author, commenter)

    # Saved and queued; nothing tried yet: the request never talks to the mail server.
    queued = waiting()
    assert [task.args_kwargs["kwargs"]["recipients"] for task in queued] == [
        [author.email],
        [editor.email],
    ]
    assert DownBackend.attempts == 0 and mail.outbox == []

    # The worker tries, the server is down: each notification is queued again, a minute on.
    before = timezone.now()
    run_worker()
    assert DownBackend.attempts == 2
    first = DBTaskResult.objects.filter(pk__in=[task.pk for task in queued])
    assert {(task.status, task.return_value) for task in first} == {("SUCCESSFUL", 0)}
    retries = waiting()
    assert [task.args_kwargs["kwargs"]["attempt"] for task in retries] == [2, 2]
    for task in retries:
        assert before + RETRY_DELAYS[0] <= task.run_after <= timezone.now() + RETRY_DELAYS[0]
    # Not due yet: a worker running now leaves them waiting.
    run_worker()
    assert DownBackend.attempts == 2

    # Still down when they are due: queued again, with a longer wait.
    make_due()
    run_worker()
    assert DownBackend.attempts == 4
    assert [task.args_kwargs["kwargs"]["attempt"] for task in waiting()] == [3, 3]
    assert mail.outbox == []
    assert not DBTaskResult.objects.filter(status="FAILED").exists()

    # The server is back: each notification goes out, once.
    settings.MAILERS = LOCMEM
    make_due()
    run_worker()
    assert sorted((message.to, message.subject) for message in mail.outbox) == sorted(
        (task.args_kwargs["kwargs"]["recipients"], task.args_kwargs["kwargs"]["subject"])
        for task in queued
    )
    assert waiting() == []
    make_due()
    run_worker()
    assert len(mail.outbox) == 2
    assert not DBTaskResult.objects.filter(status="FAILED").exists()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """aiosmtpd handler: keeps what it receives."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((list(envelope.rcpt_tos), envelope.content.decode()))
        return "250 Message accepted for delivery"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_smtp_server_down_then_up(client, settings):
    """End to end with Django's SMTP backend: first nothing listens on the port (connection
    refused), then a real SMTP server is started there and receives each mail once."""
    port = free_port()
    settings.TASKS = DATABASE_QUEUE
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5},
        }
    }
    author, commenter, editor = people()
    comment, draft = contribute(client, author, commenter)
    run_worker()
    assert [task.args_kwargs["kwargs"]["attempt"] for task in waiting()] == [2, 2]
    assert DBTaskResult.objects.filter(status="SUCCESSFUL", return_value=0).count() == 2

    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        make_due()
        run_worker()
    finally:
        server.stop()
    assert sorted(rcpt for rcpt, _content in inbox.received) == [
        [author.email],
        [editor.email],
    ]
    assert all(content.startswith("Content-Type: text/plain") for _rcpt, content in inbox.received)
    assert waiting() == []
    assert not DBTaskResult.objects.filter(status="FAILED").exists()


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_QUEUE, MAILERS=DOWN)
def test_the_last_attempt_fails_for_good_and_says_why():
    with pytest.raises(ConnectionRefusedError):
        send_notification.call(["x@example.org"], "Ämne", "Text", attempt=MAX_ATTEMPTS)
    assert waiting() == []
    assert sum(RETRY_DELAYS, timedelta()) > timedelta(hours=18)


@pytest.mark.django_db
@override_settings(
    TASKS=DATABASE_QUEUE,
    MAILERS={"default": {"BACKEND": "tests.methods.test_notifications_outage.RefusingBackend"}},
)
def test_a_permanent_refusal_is_not_tried_again():
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        send_notification.call(["x@example.org"], "Ämne", "Text")
    assert waiting() == []


@pytest.mark.django_db
@override_settings(MAILERS=DOWN)
def test_with_the_immediate_backend_a_failed_mail_does_not_break_the_request(
    client, django_capture_on_commit_callbacks
):
    """Development and tests send at once (no queue to wait in): the mail is lost, the comment
    and the submission are saved and the user sees the usual pages."""
    DownBackend.attempts = 0
    author, commenter, _editor = people()
    with django_capture_on_commit_callbacks(execute=True):
        contribute(client, author, commenter)
    assert DownBackend.attempts == 2
