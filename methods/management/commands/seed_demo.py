"""Load the demo handbook: methods, companies, experience reports and demo users.

Idempotent: every row is found by its natural key (slug, e-mail, title) and updated, so running
it twice leaves the same data and creates no duplicates.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import EDITOR_GROUP
from companies.models import BusinessLine, Company, ExperienceReport, Membership
from companies.services import refresh_report_stats
from methods.demo import companies as demo_companies
from methods.demo.methods_a import METHODS as METHODS_A
from methods.demo.methods_b import METHODS as METHODS_B
from methods.models import CompetenceArea, Method, MethodStep, MethodTargetRole, Phase
from methods.services import record_revision, refresh_search_index

DEMO_PASSWORD = "demo-handbok-2026"  # noqa: S105 - printed on purpose: demo accounts only

METHOD_FIELDS = [
    "title", "summary", "easy_read", "purpose", "body", "learning_form", "prerequisites",
    "adaptation_language", "adaptation_reading", "adaptation_health", "prep_minutes",
    "delivery_minutes", "followup_minutes", "group_size_min", "group_size_max", "cost_level",
    "materials", "needs_external_trainer", "indicator_reaction", "indicator_learning",
    "indicator_behaviour", "indicator_results", "evidence_status", "source", "licence",
    "contact", "status",
]  # fmt: skip
REPORT_FIELDS = [
    "context", "adaptations", "phase_notes", "outcome_reaction", "outcome_learning",
    "outcome_behaviour", "outcome_results", "helped", "hindered", "helping_factors",
    "hindering_factors", "cost_sek", "used_external_trainer", "external_trainer_notes",
    "recommend_score", "consent_to_publish", "status",
]  # fmt: skip
COMPANY_FIELDS = [
    "name", "org_number", "legal_form", "municipality", "county", "description", "website",
    "contact_email", "contact_phone", "employees_band", "participants_band",
    "criterion_integration", "criterion_participation", "criterion_reinvests",
    "criterion_independent", "languages_at_work", "open_to_study_visits",
]  # fmt: skip


class Command(BaseCommand):
    help = "Load the demo handbook (safe to run again: nothing is duplicated)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        users = self._users()
        companies = self._companies(users)
        methods = self._methods(users, companies)
        reports = self._reports(users, companies, methods)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demohandboken är laddad: {len(methods)} metoder, {len(companies)} företag, "
                f"{reports} erfarenhetsrapporter."
            )
        )
        self.stdout.write("Demokonton (endast för demo), lösenord för alla: " + DEMO_PASSWORD)
        for row in demo_companies.USERS[:4]:
            self.stdout.write(f"  {row['email']:<42} {row['display_name']}")

    def _users(self) -> dict:
        user_model = get_user_model()
        editors = Group.objects.get(name=EDITOR_GROUP)
        users = {}
        for row in demo_companies.USERS:
            user, created = user_model.objects.get_or_create(
                email=row["email"], defaults={"display_name": row["display_name"]}
            )
            user.display_name = row["display_name"]
            user.is_staff = user.is_superuser = row["role"] == "superuser"
            if created or not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
            user.save()
            if row["role"] == "editor":
                user.groups.add(editors)
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
            users[row["email"]] = user
        return users

    def _companies(self, users: dict) -> dict:
        lines = {b.slug: b for b in BusinessLine.objects.all()}
        companies = {}
        for row in demo_companies.COMPANIES:
            company, _ = Company.objects.update_or_create(
                slug=row["slug"], defaults={f: row[f] for f in COMPANY_FIELDS}
            )
            company.business_lines.set([lines[s] for s in row["business_lines"]])
            for email, role in row["members"]:
                Membership.objects.update_or_create(
                    user=users[email], company=company, defaults={"role": role}
                )
            companies[row["slug"]] = company
        return companies

    def _methods(self, users: dict, companies: dict) -> dict:
        phases = {p.slug: p for p in Phase.objects.all()}
        areas = {a.slug: a for a in CompetenceArea.objects.all()}
        lines = {b.slug: b for b in BusinessLine.objects.all()}
        methods = {}
        today = timezone.localdate()
        for row in [*METHODS_A, *METHODS_B]:
            defaults = {f: row[f] for f in METHOD_FIELDS}
            defaults["internal_hours"] = Decimal(str(row["internal_hours"]))
            defaults["external_trainer_phase"] = phases.get(row["external_trainer_phase"] or "")
            defaults["author"] = users.get(row["author"])
            defaults["company"] = companies.get(row["company"] or "")
            defaults["review_by"] = date(today.year + 1, today.month, 1)
            method, created = Method.objects.update_or_create(slug=row["slug"], defaults=defaults)
            method.phases.set([phases[s] for s in row["phases"]])
            method.competence_areas.set([areas[s] for s in row["competence_areas"]])
            method.business_lines.set([lines[s] for s in row["business_lines"]])
            MethodTargetRole.objects.filter(method=method).exclude(
                role__in=row["target_roles"]
            ).delete()
            for role in row["target_roles"]:
                MethodTargetRole.objects.get_or_create(method=method, role=role)
            wanted = set()
            for phase_slug, by_role in row["steps"].items():
                for role, text in by_role.items():
                    step, _ = MethodStep.objects.update_or_create(
                        method=method,
                        phase=phases[phase_slug],
                        role=role,
                        defaults={"text": text},
                    )
                    wanted.add(step.pk)
            method.steps.exclude(pk__in=wanted).delete()
            refresh_search_index(method)
            if created:
                record_revision(method, method.author, "Demohandboken")
            methods[row["slug"]] = method
        return methods

    def _reports(self, users: dict, companies: dict, methods: dict) -> int:
        for row in demo_companies.REPORTS:
            defaults = {f: row[f] for f in REPORT_FIELDS}
            defaults["author"] = users.get(row["author"])
            defaults["period_start"] = date.fromisoformat(row["period_start"])
            defaults["period_end"] = (
                date.fromisoformat(row["period_end"]) if row.get("period_end") else None
            )
            defaults["hours_spent"] = Decimal(str(row["hours_spent"]))
            ExperienceReport.objects.update_or_create(
                company=companies[row["company"]],
                method=methods[row["method"]],
                title=row["title"],
                defaults=defaults,
            )
        for method in methods.values():
            refresh_report_stats(method)
        return len(demo_companies.REPORTS)
