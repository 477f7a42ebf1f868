"""One rule per access decision: views and templates ask the permissions modules, never decide.

The static checks read the code: a view, template or queryset that looks at what a user is
(editor, staff, author, member) instead of asking methods.permissions or companies.permissions
fails here. The equivalence checks make sure each rule's queryset form and object form agree
for every role and every state, so a list and a page can never disagree about the same row.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from companies import efforts as effort_services
from companies import permissions as company_permissions
from companies.models import Effort, ExperienceReport, Question
from methods import permissions
from methods.choices import Status
from methods.models import Method, Revision
from methods.services import record_revision
from tests.factories import (
    CompanyFactory,
    ExperienceReportFactory,
    MembershipFactory,
    MethodFactory,
    UserFactory,
    make_editor,
)

ROOT = Path(settings.BASE_DIR)
# Modules that serve requests or build querysets: each must leave access to the permissions
# module of its app.
DECIDING_MODULES = sorted(
    [
        *ROOT.glob("methods/views/*.py"),
        *ROOT.glob("companies/views/*.py"),
        ROOT / "accounts/views.py",
        ROOT / "methods/models.py",
        ROOT / "companies/models.py",
        ROOT / "methods/wizard.py",
        *ROOT.glob("core/*.py"),
    ]
)
# What a user is: only the permissions modules look at these.
IDENTITY_ATTRIBUTES = {"is_editor", "is_staff", "is_superuser", "author_id"}
TEMPLATE_IDENTITY = re.compile(r"user\.(is_editor|is_staff|is_superuser)|author_id\s*==")


def _identity_uses(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in IDENTITY_ATTRIBUTES:
            # Reading a column into a query (values/only) names it as a string, not here;
            # writing it (an object's author) is not a decision either.
            if isinstance(node.ctx, ast.Load):
                found.append(f"{path.relative_to(root)}:{node.lineno} .{node.attr}")
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and (
            node.name.lstrip("_").startswith("can_")
            or node.name in {"is_editor", "editor_required", "is_company_admin"}
        ):
            found.append(f"{path.relative_to(root)}:{node.lineno} def {node.name}")
    return found


@pytest.mark.parametrize("path", DECIDING_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_decides_access_itself(path):
    assert _identity_uses(path) == [], (
        "Ask methods.permissions or companies.permissions instead of deciding here."
    )


def test_no_template_decides_access_itself():
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for match in TEMPLATE_IDENTITY.finditer(path.read_text())
    ]
    assert offenders == [], "Use the permission filters: {% if user|can_review_methods %}"


def test_the_static_check_catches_a_view_that_decides(tmp_path):
    """The check itself can fail: a view written the old way is caught."""
    view = tmp_path / "view.py"
    view.write_text(
        "def page(request, method):\n"
        "    if request.user.is_editor or method.author_id == request.user.pk:\n"
        "        return 1\n"
        "def _can_see(user):\n"
        "    return True\n"
    )
    found = [line.split(" ", 1)[1] for line in _identity_uses(view, tmp_path)]
    assert sorted(found) == [".author_id", ".is_editor", "def _can_see"]


# The rules' two forms agree ------------------------------------------------------------------


@pytest.fixture
def cast(db):
    company = CompanyFactory(name="Kafé A")
    author = UserFactory(display_name="Ali")
    co_member = UserFactory(display_name="Cleo")
    company_admin = UserFactory(display_name="Ada")
    MembershipFactory(user=author, company=company)
    MembershipFactory(user=co_member, company=company)
    MembershipFactory(user=company_admin, company=company, role="admin")
    stranger = UserFactory(display_name="Sam")
    MembershipFactory(user=stranger, company=CompanyFactory(name="Kafé B"))
    users = {
        "anonymous": AnonymousUser(),
        "author": author,
        "co_member": co_member,
        "company_admin": company_admin,
        "stranger": stranger,
        "editor": make_editor(display_name="Eva"),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    methods = [
        MethodFactory(author=author, company=company, status=status) for status in Status.values
    ]
    deleted = MethodFactory(author=author, status=Status.PUBLISHED)
    Method.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())
    methods.append(Method.objects.get(pk=deleted.pk))
    reports = [
        ExperienceReportFactory(company=company, author=author, method=methods[0], status=status)
        for status in Status.values
    ]
    return users, methods, reports, company


def test_method_visibility_has_one_answer(cast):
    users, methods, _reports, _company = cast
    for role, user in users.items():
        listed = set(Method.objects.visible_to(user).values_list("pk", flat=True))
        for method in methods:
            assert permissions.can_see_method(user, method) == (method.pk in listed), (
                role,
                method.status,
            )


def test_method_addresses_have_one_answer(cast):
    """Whose address answers (the page, or an archived method's notice) agrees between the
    queryset and the object, and the notice goes exactly to those who may not see the method."""
    users, methods, _reports, _company = cast
    for role, user in users.items():
        reachable = set(Method.objects.reachable_by(user).values_list("pk", flat=True))
        for method in methods:
            assert permissions.can_reach_method(user, method) == (method.pk in reachable), (
                role,
                method.status,
            )
            # The author and the editors get the method itself; everyone else the notice.
            assert permissions.shows_archived_notice(user, method) == (
                method.status == Status.ARCHIVED
                and method.deleted_at is None
                and role not in {"author", "editor", "superuser"}
            ), (role, method.status)


def test_the_method_page_answers_as_the_rule(cast, client):
    """The method page runs its query compiled once per form of the rule (the reader's pk a
    parameter: core.compiled): every role, one after the other in the same process, gets the
    page, the archived notice or 404 exactly as the object rules say. The author and the
    company's other members share a form and differ only by that parameter."""
    users, methods, _reports, _company = cast
    for role, user in users.items():
        client.logout()
        if user.is_authenticated:
            client.force_login(user)
        for method in methods:
            response = client.get(f"/metoder/{method.slug}/")
            if not permissions.can_reach_method(user, method):
                assert response.status_code == 404, (role, method.status)
                continue
            assert response.status_code == 200, (role, method.status)
            notice = response.templates[0].name == "methods/method_archived.html"
            assert notice == permissions.shows_archived_notice(user, method), (role, method.status)


def test_revision_visibility_has_one_answer(cast):
    users, methods, _reports, _company = cast
    for method in methods:
        record_revision(method, None, "")
    for role, user in users.items():
        for method in methods:
            if not permissions.can_see_method(user, method):
                continue
            listed = set(Revision.objects.visible_to(user, method).values_list("pk", flat=True))
            for revision in Revision.objects.filter(method=method):
                assert permissions.can_see_revision(user, revision) == (revision.pk in listed), (
                    role,
                    method.status,
                )


def test_report_visibility_follows_membership(cast):
    users, _methods, reports, company = cast
    for role, user in users.items():
        listed = set(ExperienceReport.objects.visible_to(user).values_list("pk", flat=True))
        for report in reports:
            expected = (
                report.status == Status.PUBLISHED
                or company_permissions.can_follow_company(user, company)
                or role == "author"
            )
            assert (report.pk in listed) == expected, (role, report.status)


def test_effort_visibility_follows_membership(cast):
    users, _methods, _reports, company = cast

    def save(effort: Effort) -> None:
        effort.title = "Hygienlyftet"
        effort.save()

    effort = effort_services.create_effort(company, users["author"], save)
    for role, user in users.items():
        listed = Effort.objects.visible_to(user).filter(pk=effort.pk).exists()
        assert listed == company_permissions.can_follow_company(user, company), role


def test_question_visibility_has_one_answer(cast):
    """A question to company A from the stranger, and one from A's author to company B: each
    is read by its asker and the asked company's admins, the queryset agreeing with the
    object rule; no one else, editors and superusers included."""
    users, _methods, _reports, company = cast
    to_a = Question.objects.create(company=company, asker=users["stranger"], body="Hur?")
    company_b = users["stranger"].memberships.get().company
    to_b = Question.objects.create(company=company_b, asker=users["author"], body="Och ni?")
    readers = {to_a.pk: {"stranger", "company_admin"}, to_b.pk: {"author"}}
    for role, user in users.items():
        listed = set(Question.objects.visible_to(user).values_list("pk", flat=True))
        for question in (to_a, to_b):
            may = company_permissions.can_read_question(user, question)
            assert may == (question.pk in listed) == (role in readers[question.pk]), (
                role,
                question.company.name,
            )
