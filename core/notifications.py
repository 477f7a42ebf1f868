"""E-mail notifications: notify() renders a mail and queues the send_notification task, which
Django's tasks framework runs after the transaction commits.

The message is rendered in the request (Swedish, with the data as it is now); only sending is
deferred, so a slow or absent mail server never blocks or breaks the request. With the database
queue (production) a mail server that is down delays the mail: see send_notification.
"""

from __future__ import annotations

import functools
import logging
import smtplib
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.template.backends.django import DjangoTemplates
from django.utils import timezone, translation

from .roles import EDITOR_GROUP

logger = logging.getLogger(__name__)

# The mail server down (docs/reliability.md, "Mail server down"). The queue (django-tasks-db)
# never runs a task twice: one that raises stays FAILED. So the task itself catches a temporary
# failure (server unreachable, connection dropped, a 4xx answer), queues a copy of itself to
# run after a growing delay, and ends normally. Only a permanent refusal (5xx) or the last
# attempt raises, which leaves a FAILED task with its error for the admin. The delays add up to
# about 19 hours: a mail server down overnight delays the notifications, it does not lose them.
RETRY_DELAYS = [
    timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32, 64, 128, 180, 180, 180, 180, 180)
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def is_temporary(error: OSError) -> bool:
    """Worth trying again later? smtplib's errors are OSErrors; the 5xx answers are final."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):  # raised only when all were refused
        return all(400 <= code < 500 for code, _message in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return True  # refused, reset, timed out, disconnected, name not resolved


@task()
def send_notification(recipients: list[str], subject: str, body: str, attempt: int = 1) -> int:
    """Send one notification; the number of mails sent (0 when it is to be tried again)."""
    message = EmailMessage(subject=subject, body=body, to=recipients)
    try:
        return message.send()
    except OSError as error:
        # The immediate backend (development, tests) cannot run anything later.
        can_wait = send_notification.get_backend().supports_defer
        if attempt >= MAX_ATTEMPTS or not is_temporary(error) or not can_wait:
            raise
        delay = RETRY_DELAYS[attempt - 1]
        send_notification.using(run_after=timezone.now() + delay).enqueue(
            recipients=recipients, subject=subject, body=body, attempt=attempt + 1
        )
        logger.warning(
            "Mail server unavailable (%s); notification %r tried again in %s (attempt %d of %d)",
            error, subject, delay, attempt + 1, MAX_ATTEMPTS,
        )  # fmt: skip
        return 0


@functools.cache
def plain_text_templates() -> DjangoTemplates:
    """The site's templates with autoescaping off, for mails: they are plain text, so a title
    "Fika & <lärande>" must reach the subject and body as it is, not as "Fika &amp; &lt;...".
    This holds for every mail template, whether or not it says {% autoescape off %}."""
    site = settings.TEMPLATES[0]
    return DjangoTemplates(
        {
            "NAME": "plain-text-mail",
            "DIRS": site["DIRS"],
            "APP_DIRS": site["APP_DIRS"],
            "OPTIONS": {"autoescape": False},
        }
    )


def notify(recipients: Iterable[str], template: str, context: dict) -> None:
    """Render emails/<template>_subject.txt and emails/<template>.txt and queue the mail."""
    addresses = sorted({address for address in recipients if address})
    if not addresses:
        return
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        templates = plain_text_templates()
        subject = templates.get_template(f"emails/{template}_subject.txt").render(context)
        body = templates.get_template(f"emails/{template}.txt").render(context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())

    def enqueue() -> None:
        send_notification.enqueue(recipients=addresses, subject=subject, body=body)

    transaction.on_commit(enqueue)


def editor_addresses() -> list[str]:
    """The addresses of the active editors and superusers."""
    return list(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name=EDITOR_GROUP) | Q(is_superuser=True))
        .values_list("email", flat=True)
        .distinct()
    )
