"""Factories for tests. Phases, competence areas and business lines come from data migrations."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import User
from companies.models import Company, ExperienceReport, Membership
from companies.services import refresh_report_stats
from core.roles import EDITOR_GROUP
from core.validators import luhn_check_digit
from methods.choices import LearningForm, Role, Status
from methods.models import BusinessLine, CompetenceArea, Method, MethodStep, MethodTargetRole, Phase
from methods.services import refresh_search_index

PASSWORD = "ett-langt-testlosen-42"


def luhn_org_number(n: int) -> str:
    """A valid organisation number from a running number (check digit computed)."""
    body = f"{802000000 + n:09d}"
    digits = body + luhn_check_digit(body)
    return f"{digits[:6]}-{digits[6:]}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Användare {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


def make_editor(**kwargs) -> User:
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return user


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Testföretaget {n}")
    org_number = factory.Sequence(luhn_org_number)
    legal_form = "ekonomisk-forening"
    municipality = "Örebro"
    county = "orebro"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    company = factory.SubFactory(CompanyFactory)
    role = "member"


class MethodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Method
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Testmetod {n}")
    summary = "En kort sammanfattning av metoden."
    easy_read = "Det här är en **lättläst** text."
    body = "## Så går det till\n\nFörst visar handledaren."
    learning_form = LearningForm.IN_WORK
    status = Status.PUBLISHED
    author = factory.SubFactory(UserFactory)

    @factory.post_generation
    def phases(self, create, extracted, **kwargs):
        if create:
            self.phases.set(extracted if extracted is not None else [Phase.objects.get(number=3)])

    @factory.post_generation
    def competence_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.competence_areas.set(extracted)

    @factory.post_generation
    def business_lines(self, create, extracted, **kwargs):
        if create and extracted:
            self.business_lines.set(extracted)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create:
            for role in extracted or [Role.PARTICIPANT, Role.SUPERVISOR]:
                MethodTargetRole.objects.create(method=self, role=role)

    @factory.post_generation
    def search_index(self, create, extracted, **kwargs):
        # Last hook: after phases, areas, lines and roles exist, as the services do it.
        if create:
            refresh_search_index(self)


class MethodStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MethodStep
        skip_postgeneration_save = True

    method = factory.SubFactory(MethodFactory)
    phase = factory.LazyFunction(lambda: Phase.objects.get(number=3))
    role = Role.SUPERVISOR
    text = "Handledaren visar hur man gör."

    @factory.post_generation
    def search_index(self, create, extracted, **kwargs):
        if create:
            refresh_search_index(self.method)


class ExperienceReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExperienceReport
        skip_postgeneration_save = True

    company = factory.SubFactory(CompanyFactory)
    method = factory.SubFactory(MethodFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Erfarenhet {n}")
    period_start = factory.Faker("date_between", start_date="-2y", end_date="-1y")
    context = "Vi prövade metoden i caféet med fyra deltagare."
    recommend_score = 4
    consent_to_publish = True
    status = Status.PUBLISHED

    @factory.post_generation
    def report_stats(self, create, extracted, **kwargs):
        if create:
            refresh_report_stats(self.method)


__all__ = [
    "PASSWORD", "BusinessLine", "CompanyFactory", "CompetenceArea", "ExperienceReportFactory",
    "MembershipFactory", "MethodFactory", "MethodStepFactory", "UserFactory", "make_editor",
]  # fmt: skip
