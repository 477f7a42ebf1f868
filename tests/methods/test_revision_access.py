"""Who sees which saved version of a method: readers only what was published.

The world: a member writes a method. Its second version holds a personnummer that the
personal-data guard stopped at submission; the author removes it, submits, and an editor
publishes (version 5). The author then starts a working copy, the editors publish it onto the
method (version 6), and the author starts another working copy that is not yet published.

Every revision number of the method and of the working copy is tried in every place a number
can go (history's `fran` and `till`, restore) by every role: signed out, a member of another
company, a member and the admin of the method's own company (who do not edit it), its author,
an editor and a superuser.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from core.review import ReviewError
from methods import workflow
from methods.choices import Status
from methods.models import Method, Phase, Revision
from tests.conftest import module_world
from tests.factories import CompanyFactory, MembershipFactory, UserFactory, make_editor

pytestmark = pytest.mark.django_db

# A valid personnummer (Luhn check digit), the kind the guard stops.
PERSONNUMMER = "19121212-1212"
DRAFT_TEXT = "Utkastets första formulering om Kim."
COPY_TEXT = "Arbetskopians opublicerade stycke."
PUBLISHED_TEXT = "Handledaren visar, deltagaren gör."
NEW_VERSION_TEXT = "Andra publicerade versionen."

READERS = ("anonymous", "stranger", "co_member", "company_admin")
WRITERS = ("author", "editor", "superuser")
ROLES = READERS + WRITERS
PUBLISHED_NUMBERS = [5, 6]
ALL_NUMBERS = [1, 2, 3, 4, 5, 6]


@dataclass
class World:
    users: dict
    method: Method
    copy: Method


def _save(method: Method, by, body: str) -> Method:
    def save(m: Method) -> None:
        m.body = body
        m.save()

    return workflow.save_version(method, method.version, by, save, "Sparade")


def build_world() -> World:
    company = CompanyFactory(name="Kafé Källan")
    author = UserFactory(display_name="Ali Författare")
    co_member = UserFactory(display_name="Cleo Kollega")
    company_admin = UserFactory(display_name="Ada Admin")
    MembershipFactory(user=author, company=company, role="member")
    MembershipFactory(user=co_member, company=company, role="member")
    MembershipFactory(user=company_admin, company=company, role="admin")
    stranger = UserFactory(display_name="Sam Främling")
    MembershipFactory(user=stranger, company=CompanyFactory(name="Kafé B"), role="member")
    editor = make_editor(display_name="Eva Redaktör")
    superuser = UserFactory(display_name="Super", is_staff=True, is_superuser=True)

    def basics(m: Method) -> None:
        m.title = "Visa och gör"
        m.summary = "En kort sammanfattning."
        m.easy_read = "Du tittar. Sedan gör du."
        m.body = DRAFT_TEXT
        m.learning_form = "i_arbetet"
        m.company = company
        m.save()
        m.phases.set([Phase.objects.get(number=3)])

    method = workflow.create_draft(author, basics)  # 1: draft
    method = _save(method, author, f"Kims personnummer är {PERSONNUMMER}.")  # 2: draft
    with pytest.raises(ReviewError):
        workflow.submit(method, author)  # the guard stops it
    method = _save(method, author, PUBLISHED_TEXT)  # 3: draft
    method = workflow.submit(method, author)  # 4: submitted
    method = workflow.publish(method, editor)  # 5: published
    copy = workflow.start_new_version(method, author)
    copy = _save(copy, author, NEW_VERSION_TEXT)
    copy = workflow.submit(copy, author)
    workflow.publish(copy, editor)  # 6: published onto the method; the copy is gone
    copy = workflow.start_new_version(method, author)
    copy = _save(copy, author, COPY_TEXT)
    method.refresh_from_db()
    assert list(method.revisions.order_by("number").values_list("number", flat=True)) == (
        ALL_NUMBERS
    )
    assert [r.snapshot["status"] for r in method.revisions.order_by("number")] == [
        Status.DRAFT, Status.DRAFT, Status.DRAFT, Status.SUBMITTED, Status.PUBLISHED,
        Status.PUBLISHED,
    ]  # fmt: skip
    return World(
        users={
            "anonymous": None,
            "stranger": stranger,
            "co_member": co_member,
            "company_admin": company_admin,
            "author": author,
            "editor": editor,
            "superuser": superuser,
        },
        method=method,
        copy=copy,
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with module_world(build_world, django_db_blocker, tmp_path_factory) as world:
        yield world


def _client(client, world: World, role: str):
    if world.users[role] is not None:
        client.force_login(world.users[role])
    return client


def _history(world: World, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/metoder/{world.method.slug}/historik/" + (f"?{query}" if query else "")


@pytest.mark.parametrize("role", READERS)
def test_history_lists_only_published_revisions_to_readers(client, world, role):
    response = _client(client, world, role).get(_history(world))
    assert response.status_code == 200
    assert [r.number for r in response.context["revisions"]] == [6, 5]
    assert (response.context["old"].number, response.context["new"].number) == (5, 6)
    page = response.content.decode()
    for secret in (PERSONNUMMER, DRAFT_TEXT, COPY_TEXT):
        assert secret not in page
    assert NEW_VERSION_TEXT in page and PUBLISHED_TEXT in page


@pytest.mark.parametrize("role", WRITERS)
def test_history_lists_every_revision_to_author_and_editors(client, world, role):
    response = _client(client, world, role).get(_history(world, fran=2, till=3))
    assert response.status_code == 200
    assert [r.number for r in response.context["revisions"]] == [6, 5, 4, 3, 2, 1]
    assert PERSONNUMMER in response.content.decode()  # what the author wrote, shown to them


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("number", [*ALL_NUMBERS, 7, 0])
@pytest.mark.parametrize("param", ["fran", "till"])
def test_every_revision_number_in_history_urls(client, world, role, number, param):
    """A number the visitor may not see answers 404, never another version in its place."""
    other = "till" if param == "fran" else "fran"
    response = _client(client, world, role).get(
        _history(world, **{param: number, other: 5 if number != 5 else 6})
    )
    visible = PUBLISHED_NUMBERS if role in READERS else ALL_NUMBERS
    assert response.status_code == (200 if number in visible else 404)
    if response.status_code == 200:
        chosen = response.context["old" if param == "fran" else "new"]
        assert chosen.number == number


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("value", ["abc", "", "-1", "5.0", "99999999999999999999"])
def test_history_rejects_numbers_that_are_not_revisions(client, world, role, value):
    response = _client(client, world, role).get(_history(world, fran=value))
    assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("number", ALL_NUMBERS)
def test_restore_every_revision(client, world, role, number):
    url = f"/metoder/{world.method.slug}/historik/{number}/aterstall/"
    before = Revision.objects.filter(method=world.method).count()
    response = _client(client, world, role).post(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/login/")
    elif role in ("editor", "superuser"):
        assert response.status_code == 302
        assert response["Location"] == _history(world)
        assert Revision.objects.filter(method=world.method).count() == before + 1
        return
    else:
        assert response.status_code == 403
    assert Revision.objects.filter(method=world.method).count() == before


@pytest.mark.parametrize("role", ROLES)
def test_working_copy_history_is_the_authors_and_editors(client, world, role):
    """The unpublished working copy and its versions exist only for its author and editors."""
    response = _client(client, world, role).get(f"/metoder/{world.copy.slug}/historik/")
    if role in READERS:
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        assert COPY_TEXT in response.content.decode()


@pytest.mark.parametrize("role", READERS)
def test_no_reading_page_shows_unpublished_text(client, world, role):
    c = _client(client, world, role)
    slug = world.method.slug
    for url in (f"/metoder/{slug}/", f"/metoder/{slug}/kort/", f"/metoder/{slug}/historik/"):
        page = c.get(url).content.decode()
        for secret in (PERSONNUMMER, DRAFT_TEXT, COPY_TEXT):
            assert secret not in page, (url, secret)
