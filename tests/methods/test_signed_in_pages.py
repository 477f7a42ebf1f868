"""The reading pages signed in (never page-cached): the same queries at any handbook size, a
fixed few more than a reader's, and the same with the two-factor check on (production)."""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from methods.choices import Status
from methods.models import Method, Phase
from tests.factories import (
    ExperienceReportFactory,
    MembershipFactory,
    MethodFactory,
    UserFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db

PAGES = ["/metoder/kvarnsten-i-praktiken/", "/metoder/", "/sok/?q=kvarnsten"]


def handbook() -> None:
    method = MethodFactory(
        title="Kvarnsten i praktiken",
        slug="kvarnsten-i-praktiken",
        phases=[Phase.objects.get(number=3)],
    )
    ExperienceReportFactory(method=method)
    MethodFactory(title="Kvarnsten igen", phases=[Phase.objects.get(number=3)])


def grow(extra: int) -> None:
    author = UserFactory()
    Method.objects.bulk_create(
        Method(title=f"Kvarnsten {i}", slug=f"kvarnsten-{i}", summary="Om kvarnsten.",
               author=author, status=Status.PUBLISHED)
        for i in range(extra)
    )  # fmt: skip


def count(client, path: str) -> int:
    client.get(path)  # warm: the reference lists and suggestion lists are kept per version
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("mfa", [False, True])
def test_signed_in_reading_pages_cost_a_fixed_few_queries_more(client, settings, mfa):
    settings.PAGE_CACHE_SECONDS = 0  # the reader's page rendered, as signed-in pages always are
    handbook()
    member = UserFactory()
    MembershipFactory(user=member)
    editor = make_editor()
    if mfa:
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        TOTP.activate(editor, generate_totp_secret())
    clients = {"anonymous": client, "member": Client(), "editor": Client()}
    clients["member"].force_login(member)
    clients["editor"].force_login(editor)

    def counts() -> dict[str, list[int]]:
        with override_settings(MFA_REQUIRED_FOR_STAFF=mfa):
            return {who: [count(c, path) for path in PAGES] for who, c in clients.items()}

    small = counts()
    grow(100)
    assert counts() == small  # the same with 100 more methods
    # Signed in: the session, and the user loaded with whether they are an editor, have
    # two-factor authentication and which companies they belong to (accounts.backends).
    for who in ("member", "editor"):
        extra = [n - a for n, a in zip(small[who], small["anonymous"], strict=True)]
        assert extra == [2, 2, 2], who
