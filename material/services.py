"""Adding and removing films: the row, the file in the media storage, the owner's search text
and the audit log."""

from __future__ import annotations

import uuid

from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from core.audit import record
from core.models import AuditAction
from methods.models import Method
from methods.services import refresh_search_index

from . import linkcheck
from .models import ATTACHMENT_FORMATS, Film, FilmKind, MaterialLink

EXTENSIONS = {"video/mp4": "mp4", "video/webm": "webm"}


def _owner_changed(owner: models.Model) -> None:
    # A method's films are part of what its search finds, and of its printed card and PDF: the
    # stored PDF is keyed on the method's updated_at, so a new or removed film builds a new one.
    if isinstance(owner, Method):
        Method.objects.filter(pk=owner.pk).update(updated_at=timezone.now())
        refresh_search_index(owner)


@transaction.atomic
def add_film(owner: models.Model, user, *, title: str, minutes: int, transcript: str = "",
             upload=None, content_type: str = "", captions: str = "", captions_text: str = "",
             url: str = "", embed_url: str = "") -> Film:  # fmt: skip
    """Store a film on owner: an uploaded file with its captions, or a film elsewhere."""
    film = Film(
        owner=owner,
        kind=FilmKind.UPLOAD if upload is not None else FilmKind.EXTERNAL,
        title=title,
        minutes=minutes,
        transcript=transcript,
        captions=captions,
        captions_text=captions_text,
        url=url,
        embed_url=embed_url,
        content_type=content_type,
        added_by=user,
    )
    if upload is not None:
        # A random name: nothing of the uploader's file name reaches the storage.
        film.file.save(f"{uuid.uuid4().hex}.{EXTENSIONS[content_type]}", upload, save=False)
    try:
        film.save()
    except Exception:
        if film.file:
            default_storage.delete(film.file.name)
        raise
    record(
        user,
        AuditAction.SAVED,
        gettext_noop("Lade till filmen ”%(title)s”."),
        {"title": title},
        target=owner,
    )
    _owner_changed(owner)
    return film


@transaction.atomic
def remove_film(film: Film, user) -> None:
    owner = film.owner
    name = film.file.name if film.file else ""
    title = film.title
    film.delete()
    record(
        user,
        AuditAction.SAVED,
        gettext_noop("Tog bort filmen ”%(title)s”."),
        {"title": title},
        target=owner,
    )
    _owner_changed(owner)
    if name:
        # The file goes once the row is surely gone.
        transaction.on_commit(lambda: default_storage.delete(name))


@transaction.atomic
def add_link(owner: models.Model, user, *, kind: str, title: str, url: str,
             description: str) -> MaterialLink:  # fmt: skip
    link = MaterialLink.objects.create(
        owner=owner, kind=kind, title=title, url=url, description=description, added_by=user
    )
    record(
        user,
        AuditAction.SAVED,
        gettext_noop("Lade till länken ”%(title)s” (%(url)s)."),
        {"title": title, "url": url},
        target=owner,
    )
    return link


@transaction.atomic
def add_attachment(owner: models.Model, user, *, kind: str, title: str, description: str,
                   upload, content_type: str) -> MaterialLink:  # fmt: skip
    """Attach a file (PDF, DOCX, ODT, checked by validation.attachment_type) to owner."""
    link = MaterialLink(
        owner=owner, kind=kind, title=title, description=description, added_by=user,
        content_type=content_type, size=upload.size,
    )  # fmt: skip
    extension = ATTACHMENT_FORMATS[content_type][0]
    link.file.save(f"{uuid.uuid4().hex}.{extension}", upload, save=False)
    try:
        link.save()
    except Exception:
        default_storage.delete(link.file.name)
        raise
    record(
        user,
        AuditAction.SAVED,
        gettext_noop("Bifogade filen ”%(title)s”."),
        {"title": title},
        target=owner,
    )
    return link


@transaction.atomic
def remove_link(link: MaterialLink, user) -> None:
    owner = link.owner
    if link.file:
        name = link.file.name
        transaction.on_commit(lambda: default_storage.delete(name))
    record(
        user,
        AuditAction.SAVED,
        gettext_noop("Tog bort länken ”%(title)s” (%(url)s)."),
        {"title": link.title, "url": link.url},
        target=owner,
    )
    link.delete()


def record_check(link: MaterialLink, result: linkcheck.Result) -> None:
    """Store what a check found; a link already dead keeps the time it was first found so."""
    now = timezone.now()
    link.checked_at = now
    if result.alive:
        link.dead_since, link.problem = None, ""
    else:
        link.dead_since = link.dead_since or now
        link.problem = result.problem[:200]
    MaterialLink.objects.filter(pk=link.pk).update(
        checked_at=link.checked_at, dead_since=link.dead_since, problem=link.problem
    )


def remove_material_of(sender, instance, **kwargs) -> None:
    """post_delete of an owner: its films and links go, and their files once committed."""
    names = [
        *Film.objects.for_owner(instance).exclude(file="").values_list("file", flat=True),
        *MaterialLink.objects.for_owner(instance).exclude(file="").values_list("file", flat=True),
    ]
    Film.objects.for_owner(instance).delete()
    MaterialLink.objects.for_owner(instance).delete()
    if names:
        transaction.on_commit(lambda: [default_storage.delete(name) for name in names])
