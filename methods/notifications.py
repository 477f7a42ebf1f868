"""E-mail notifications, sent through Django's tasks framework after the transaction commits.

The message is rendered in the request (Swedish, with the data as it is now); only sending is
deferred, so a slow or absent mail server never blocks or breaks the request.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation


@task()
def send_notification(recipients: list[str], subject: str, body: str) -> int:
    message = EmailMessage(subject=subject, body=body, to=recipients)
    return message.send()


def notify(recipients: Iterable[str], template: str, context: dict) -> None:
    """Render emails/<template>_subject.txt and emails/<template>.txt and queue the mail."""
    addresses = sorted({address for address in recipients if address})
    if not addresses:
        return
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
        body = render_to_string(f"emails/{template}.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())

    def enqueue() -> None:
        send_notification.enqueue(recipients=addresses, subject=subject, body=body)

    transaction.on_commit(enqueue)


def editor_addresses() -> list[str]:
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from accounts.models import EDITOR_GROUP

    return list(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name=EDITOR_GROUP) | Q(is_superuser=True))
        .values_list("email", flat=True)
        .distinct()
    )
