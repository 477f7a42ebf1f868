"""export_handbook and import_handbook: the published handbook survives export, wipe and import
page for page, the import is idempotent, and the export never holds what is not public."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from companies.models import Company, ExperienceReport, Membership
from content.fields import METHODS
from content.files import read_file
from content.management.commands.seed_demo import DEMO_FOLDER
from content.trainers import load_trainers
from methods.choices import Status
from methods.models import ChecklistItem, Method, MethodStep, MethodTargetRole, Phase, Revision

pytestmark = pytest.mark.django_db

DRAFTS = ["deltagarledd-arbetsplatstraff", "larlogg-med-bilder"]  # draft and submitted


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def public_paths() -> list[str]:
    paths = ["/", "/metoder/", "/foretag/"]
    paths += [f"/fas/{slug}/" for slug in Phase.objects.values_list("slug", flat=True)]
    for slug in Method.objects.published().values_list("slug", flat=True):
        paths += [f"/metoder/{slug}/", f"/metoder/{slug}/?version=lattlast"]
        paths += [f"/metoder/{slug}/kort/"]
    paths += [f"/foretag/{slug}/" for slug in Company.objects.values_list("slug", flat=True)]
    return sorted(paths)


def report_anchors() -> dict[str, str]:
    """Reports are anchored by primary key, which an import cannot keep: name them instead."""
    return {
        str(pk): f"{company}--{method}--{title}"
        for pk, company, method, title in ExperienceReport.objects.values_list(
            "pk", "company__slug", "method__slug", "title"
        )
    }


def public_pages(client) -> dict[str, str]:
    anchors = report_anchors()
    pages = {}
    for path in public_paths():
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        html = re.sub(r'nonce="[^"]*"', 'nonce=""', html)
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "csrf", html)
        html = re.sub(r"rapport-(\d+)", lambda m: "rapport-" + anchors[m.group(1)], html)
        pages[path] = html
    return pages


def wipe() -> None:
    """Everything the export carries, gone: reports, methods, companies, phases."""
    ExperienceReport.objects.all().delete()
    Method.objects.all().delete()
    Company.objects.all().delete()
    Phase.objects.all().delete()


def all_text(folder: Path) -> str:
    return "\n".join(
        path.read_text(encoding="utf-8") for path in sorted(folder.rglob("*")) if path.is_file()
    )


@pytest.fixture
def demo():
    run("seed_demo")


def test_export_wipe_import_gives_every_public_page_back_byte_for_byte(demo, client, tmp_path):
    before = public_pages(client)
    assert len(before) == 3 + 6 + 16 * 3 + 7
    output = run("export_handbook", str(tmp_path))
    assert output == (
        f"Handboken är exporterad till {tmp_path}: 6 faser, 16 metoder, 7 företag, "
        "13 erfarenhetsrapporter.\n"
    )

    wipe()
    assert "Visa – gör – öva" not in client.get("/").content.decode()

    output = run("import_handbook", str(tmp_path))
    assert output == (
        f"Handboken är importerad från {tmp_path}: 6 faser, 16 metoder, 7 företag, "
        "13 erfarenhetsrapporter.\n"
    )
    # Trainers are not handbook content (the export leaves them out, the wipe unlinked their
    # methods): their demo profiles are loaded again from their own files, as seed_demo does.
    load_trainers(DEMO_FOLDER, lambda email, name: get_user_model().objects.get(email=email))
    # Fetched with the page cache on: the import retired the pages cached after the wipe.
    after = public_pages(client)
    assert after.keys() == before.keys()
    for path in before:
        assert after[path] == before[path], path


def test_import_keeps_dates_authors_and_derived_fields(demo, tmp_path):
    method = Method.objects.get(slug="visa-gor-ova")
    Method.objects.filter(pk=method.pk).update(
        updated_at=datetime(2026, 3, 4, 5, 6, 7, 123456, tzinfo=UTC)
    )
    method.refresh_from_db()
    run("export_handbook", str(tmp_path))
    wipe()
    run("import_handbook", str(tmp_path))

    imported = Method.objects.get(slug="visa-gor-ova")
    assert imported.updated_at == method.updated_at
    assert imported.published_at == method.published_at
    assert imported.review_by == method.review_by
    assert imported.author.email == "redaktor@kompetenshandboken.example"
    assert (imported.report_count, imported.evidence_status) == (2, "utvarderad")
    assert imported.body_html == method.body_html
    assert imported.search_text == method.search_text
    assert [(r.number, r.message) for r in imported.revisions.all()] == [(1, "Importerad")]
    report = ExperienceReport.objects.get(
        company__slug="kafe-kompassen", title__startswith="Hygien"
    )
    # Who wrote a report is not public, so it does not travel.
    assert report.author is None
    assert report.status == Status.PUBLISHED
    assert Membership.objects.count() == 0


def test_import_twice_changes_nothing(demo, tmp_path):
    run("export_handbook", str(tmp_path))
    run("import_handbook", str(tmp_path))
    models = (Phase, ChecklistItem, Method, MethodStep, MethodTargetRole, Company, ExperienceReport)

    def state():
        return {
            model.__name__: list(
                model.objects.order_by("pk").values_list(
                    *[f.attname for f in model._meta.concrete_fields if f.name != "updated_at"]
                )
            )
            for model in models
        }

    first = state()
    revisions = Revision.objects.count()
    run("import_handbook", str(tmp_path))
    assert state() == first
    assert Revision.objects.count() == revisions


def test_export_holds_only_published_content_and_no_personal_data(demo, tmp_path):
    binned = Method.objects.get(slug="sakerhetsrunda")
    binned.deleted_at = timezone.now()
    binned.save()
    Method.objects.filter(slug="visa-gor-ova").update(editor_message="Hemlig anteckning")
    run("export_handbook", str(tmp_path))

    exported = sorted(p.stem for p in (tmp_path / "methods").glob("*.md"))
    assert exported == sorted(Method.objects.published().values_list("slug", flat=True))
    assert "sakerhetsrunda" not in exported and not set(DRAFTS) & set(exported)
    # Reports on unpublished methods would name them: they stay out too.
    assert sorted(p.stem for p in (tmp_path / "reports").glob("*.md")) == sorted(
        f"{company}--{method}"
        for company, method in ExperienceReport.objects.published()
        .filter(method__in=Method.objects.published())
        .values_list("company__slug", "method__slug")
    )
    text = all_text(tmp_path)
    for title in Method.objects.exclude(pk__in=Method.objects.published()).values_list(
        "title", flat=True
    ):
        assert title not in text
    for email in get_user_model().objects.values_list("email", flat=True):
        assert email not in text
    assert "Hemlig anteckning" not in text
    for path in (tmp_path / "reports").glob("*.md"):
        assert "author" not in read_file(path, "context")
    method = read_file(tmp_path / "methods" / "visa-gor-ova.md", METHODS.body)
    assert method["author"] == "Rasmus Redaktör"
    assert not {"editor_message", "wizard_step", "working_copy_of"} & set(method)


def test_export_refuses_a_folder_with_files_unless_told_to_replace(demo, tmp_path):
    run("export_handbook", str(tmp_path))
    with pytest.raises(CommandError, match="är inte tom"):
        run("export_handbook", str(tmp_path))
    Method.objects.filter(slug="visa-gor-ova").update(status=Status.DRAFT)
    (tmp_path / "README.txt").write_text("kept", encoding="utf-8")
    run("export_handbook", str(tmp_path), "--replace")
    assert not (tmp_path / "methods" / "visa-gor-ova.md").exists()
    assert (tmp_path / "methods" / "trepartssamtal.md").exists()
    assert (tmp_path / "README.txt").read_text(encoding="utf-8") == "kept"


def test_import_of_a_broken_file_names_it_and_loads_nothing(demo, tmp_path):
    run("export_handbook", str(tmp_path))
    path = tmp_path / "methods" / "visa-gor-ova.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("learning_form:", "lerning_form:"),
        encoding="utf-8",
    )
    wipe()
    with pytest.raises(CommandError) as error:
        run("import_handbook", str(tmp_path))
    assert str(error.value) == f"Inget importerades. {path}: unknown field(s): lerning_form"
    assert not Phase.objects.exists()


@pytest.mark.parametrize(
    "old, new, problem",
    [
        ("learning_form: i-arbetet", "learning_form: okand", "learning_form: "),
        ("group_size_max: 3", "group_size_max: 0", "method_group_size_range"),
        ("needs_external_trainer: false", "needs_external_trainer: 'nej'", "is not a valid"),
        ("- tillampning\n", "- okand-fas\n", "there is no Phase 'okand-fas'"),
        ("  role: handledare\n", "  role: chef\n", "steps: "),
    ],
)
def test_import_validates_what_it_loads(demo, tmp_path, old, new, problem):
    run("export_handbook", str(tmp_path))
    path = tmp_path / "methods" / "visa-gor-ova.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    # Loaded before the broken file (the files load in name order).
    earlier = "behovssamtal-kring-arbetsuppgiften"
    Method.objects.filter(slug=earlier).update(title="Före importen")
    with pytest.raises(CommandError) as error:
        run("import_handbook", str(tmp_path))
    assert str(error.value).startswith(f"Inget importerades. {path}: ")
    assert problem in str(error.value)
    # One transaction: what loaded before the broken file is rolled back too.
    assert Method.objects.get(slug=earlier).title == "Före importen"
