"""Nothing lost: back up, wipe, restore and compare every row and every media file."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.db import connection

from core import backup
from core.roles import EDITOR_GROUP
from methods.models import Comment, Method
from methods.services import move_to_bin
from tests.factories import (
    CompanyFactory,
    ExperienceReportFactory,
    MembershipFactory,
    MethodFactory,
    MethodStepFactory,
    UserFactory,
    make_editor,
)
from tests.methods.test_listindex import assert_index_is_current

MEDIA = {
    "uploads/bild.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
    "uploads/2026/åäö dokument.txt": "Kompetenshandboken – åäö\n".encode(),
    "logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>",
}


@pytest.fixture
def media_root(settings, tmp_path):
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def snapshot() -> dict[str, dict]:
    """Every row of every backed-up table: model label -> {pk: {column: value}}.

    Rows of Django's automatic many-to-many tables are keyed by the pair they link instead: the
    serializer stores them as lists on the owning object, so their surrogate ids are new after
    a restore (nothing refers to them).
    """
    result = {}
    for model in backup.all_tables_models():
        fields = model._meta.concrete_fields
        auto = model._meta.auto_created
        rows = {}
        for obj in model._base_manager.order_by("pk"):
            values = {
                f.attname: f.value_from_object(obj) for f in fields if not (auto and f.primary_key)
            }
            rows[tuple(values.values()) if auto else obj.pk] = values
        result[model._meta.label] = rows
    return result


def media_bytes(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def load_data() -> None:
    call_command("seed_demo", stdout=io.StringIO())
    editor = make_editor(display_name="Eva Redaktör")
    company = CompanyFactory(name="Backup AB")
    MembershipFactory(user=UserFactory(), company=company, role="admin")
    method = MethodFactory(title="Metod som ska överleva", author=editor)
    MethodStepFactory(method=method)
    ExperienceReportFactory(method=method, company=company)
    Comment.objects.create(method=method, author=editor, body="En kommentar.")
    # Soft-deleted rows are hidden by the default managers but must be backed up too.
    move_to_bin(MethodFactory(title="I papperskorgen"), editor)
    # Permissions travel by natural key (app, model, codename), not by id.
    group = Group.objects.create(name="Granskare")
    group.permissions.add(Permission.objects.get(codename="change_method"))
    editor.user_permissions.add(Permission.objects.get(codename="view_method"))


def write_media(root: Path) -> None:
    for name, content in MEDIA.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def wipe(root: Path) -> None:
    """Delete every backed-up row (through the ORM, not the restore code) and every file."""
    for model in reversed(backup.backed_up_models()):
        model._base_manager.all().delete()
    for path in sorted(root.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


# Transactional: the backup opens its own (REPEATABLE READ on PostgreSQL) transaction. The
# serialized rollback puts the migrations' rows (phases, areas, editor group…) back for
# later transactional tests after pytest-django flushes the database.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_wipe_restore_gives_back_every_row_and_file(media_root, tmp_path, capsys):
    load_data()
    write_media(media_root)
    before = snapshot()
    files_before = media_bytes(media_root)
    assert before["methods.Method"] and before["accounts.User"] and before["methods.Phase"]
    assert before["auth.Group_permissions"] and before["accounts.User_user_permissions"]
    assert len(files_before) == len(MEDIA)

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    manifest = backup.read_manifest(archive)
    assert manifest["format_version"] == backup.FORMAT_VERSION
    assert manifest["database_vendor"] == connection.vendor
    assert manifest["row_counts"] == {label: len(rows) for label, rows in before.items()}
    assert set(manifest["media"]) == set(MEDIA)
    assert "methods" in manifest["migrations"]

    wipe(media_root)
    assert all(not rows for rows in snapshot().values())
    assert media_bytes(media_root) == {}

    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)
    assert "Återställt" in out.getvalue()

    after = snapshot()
    assert after == before
    assert media_bytes(media_root) == files_before
    assert Method.objects.get(title="I papperskorgen").deleted_at is not None
    assert Group.objects.filter(name=EDITOR_GROUP).exists()
    # The read models derived from the rows are not in the archive: the restore computed the
    # list index afresh, and the suggestion lists are left to their refresh.
    assert "methods.FacetBitmap" not in manifest["row_counts"]
    assert "methods.MethodSuggestion" not in manifest["row_counts"]
    assert_index_is_current()

    rows = sum(len(table) for table in after.values())
    with capsys.disabled():
        print(
            f"\n[backup] {connection.vendor}: {rows} rows in {len(after)} tables and "
            f"{len(files_before)} files compared"
        )

    # New rows after a restore get fresh ids (sequences were reset on PostgreSQL).
    assert MethodFactory(title="Efter återställningen").pk > max(before["methods.Method"])
    group = Group.objects.get(name="Granskare")
    group.permissions.add(Permission.objects.get(codename="add_method"))


@pytest.mark.django_db
def test_restore_asks_before_touching_anything(media_root, tmp_path, monkeypatch):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    UserFactory(email="kvar@example.org")
    monkeypatch.setattr("builtins.input", lambda: "nej")
    with pytest.raises(CommandError, match="Avbrutet"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert UserFactory._meta.model.objects.filter(email="kvar@example.org").exists()


@pytest.mark.django_db
def test_restore_refuses_other_migration_state(media_root, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    manifest = backup.read_manifest(archive)
    manifest["migrations"]["methods"].append("9999_from_the_future")
    tampered = tmp_path / "other.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(tampered, "w:gz") as target:
        for member in source:
            data = source.extractfile(member).read()
            if member.name == backup.MANIFEST_NAME:
                data = json.dumps(manifest).encode()
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    UserFactory(email="kvar@example.org")
    with pytest.raises(CommandError, match="9999_from_the_future"):
        call_command("restore", str(tampered), "--yes", stdout=io.StringIO())
    assert UserFactory._meta.model.objects.filter(email="kvar@example.org").exists()


@pytest.mark.django_db
def test_restore_refuses_a_damaged_media_file(media_root, tmp_path):
    write_media(media_root)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    manifest = backup.read_manifest(archive)
    manifest["media"]["logo.svg"] = "0" * 64
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(damaged, "w:gz") as target:
        for member in source:
            data = source.extractfile(member).read()
            if member.name == backup.MANIFEST_NAME:
                data = json.dumps(manifest).encode()
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match="Kontrollsumman"):
        call_command("restore", str(damaged), "--yes", stdout=io.StringIO())
