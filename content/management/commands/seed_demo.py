"""Load the demo handbook from content/demo/: phases, companies, methods, experience reports and
the demo accounts (content/demo/users.yaml), in the format export_handbook writes.

Idempotent: every row is found by its natural key (slug, e-mail, company + method + title) and
updated, so running it twice leaves the same data and creates no duplicates.

The demo accounts' password is published (README, the command's own output), so the command
refuses to run in production (settings.PRODUCTION, i.e. DJANGO_DEBUG off) unless told
--force-demo-in-production, and it sets that password only on accounts it creates: an existing
account keeps its password, in production and anywhere else.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from companies.models import Company, Membership
from content.fields import COMPANIES, METHODS, PHASES, REPORTS, ContentError
from content.files import load_yaml
from content.films import load_films
from content.handbook import Loader, read_folder
from content.questions import load_questions
from content.trainers import load_trainer_guide, load_trainers
from core.roles import EDITOR_GROUP

DEMO_FOLDER = Path(__file__).resolve().parents[2] / "demo"
DEMO_PASSWORD = "demo-handbok-2026"  # noqa: S105 - printed on purpose: demo accounts only


class Command(BaseCommand):
    help = "Load the demo handbook (safe to run again: nothing is duplicated)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force-demo-in-production",
            action="store_true",
            help=(
                "Run even with DJANGO_DEBUG off. The demo accounts (one of them a superuser) get "
                "a published password: only for a throwaway demo or test installation."
            ),
        )

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        if getattr(settings, "PRODUCTION", False) and not options["force_demo_in_production"]:
            raise CommandError(
                "seed_demo refuses to run in production (DJANGO_DEBUG is off): it creates a "
                "superuser and editors with the published demo password. For a throwaway demo "
                "installation run it with --force-demo-in-production."
            )
        try:
            accounts = load_yaml((DEMO_FOLDER / "users.yaml").read_text(encoding="utf-8"))
            found = read_folder(DEMO_FOLDER)
            users = self._users(accounts["users"])
            by_name = {user.display_name: user for user in users.values()}

            def author(name: str) -> User:
                if name not in by_name:
                    raise ContentError(f"author {name!r} is not in users.yaml")
                return by_name[name]

            today = timezone.localdate()
            loader = Loader(
                authors=author,
                review_by=date(today.year + 1, today.month, 1),
                revision_message="Demohandboken",
            )
            loader.load_kind(PHASES, found[PHASES])
            loader.load_kind(COMPANIES, found[COMPANIES])
            self._memberships(accounts["users"], users)
            loader.load_kind(METHODS, found[METHODS])
            loader.load_kind(REPORTS, found[REPORTS])
            loader.finish()
            load_trainer_guide(DEMO_FOLDER)
            load_trainers(DEMO_FOLDER, self._account)
            # Films with Swedish captions on methods and a phase guide (material).
            films = load_films(DEMO_FOLDER)
            # Study-visit offers and questions between the companies (after their reports).
            questions = load_questions(DEMO_FOLDER, author)
        except ContentError as error:
            raise CommandError(str(error)) from error
        counts = loader.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Demohandboken är laddad: {counts.methods} metoder, {counts.companies} företag, "
                f"{counts.reports} erfarenhetsrapporter, {questions} frågor mellan företag, "
                f"{films} filmer."
            )
        )
        self.stdout.write("Demokonton (endast för demo), lösenord för alla: " + DEMO_PASSWORD)
        for row in accounts["users"][:4]:
            self.stdout.write(f"  {row['email']:<42} {row['display_name']}")

    def _users(self, rows: list[dict]) -> dict[str, User]:
        editors = Group.objects.get(name=EDITOR_GROUP)
        users = {}
        for row in rows:
            user, created = User.objects.get_or_create(
                email=row["email"], defaults={"display_name": row["display_name"]}
            )
            user.display_name = row["display_name"]
            user.is_staff = user.is_superuser = row["role"] == "superuser"
            if created:
                # Never on an existing account: its owner's password stays theirs.
                user.set_password(DEMO_PASSWORD)
            user.save()
            if row["role"] == "editor":
                user.groups.add(editors)
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
            users[row["email"]] = user
        return users

    def _account(self, email: str, display_name: str) -> User:
        """A demo trainer's account, made as users.yaml's members are."""
        rows = [{"email": email, "display_name": display_name, "role": "member"}]
        return self._users(rows)[email]

    def _memberships(self, rows: list[dict], users: dict[str, User]) -> None:
        for row in rows:
            for membership in row.get("memberships") or []:
                company = Company.objects.filter(slug=membership["company"]).first()
                if company is None:
                    raise ContentError(f"users.yaml: there is no company {membership['company']!r}")
                Membership.objects.update_or_create(
                    user=users[row["email"]], company=company, defaults={"role": membership["role"]}
                )
