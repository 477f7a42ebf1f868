"""The demo films: content/demo/films/, one file per film with the transcript as the body and
the Swedish WebVTT captions in the front matter. Each is a film on another (allow-listed) site,
shown on a method or a phase guide; found again by its owner and title, so loading twice
duplicates nothing. The captions go through the same validation as an editor's."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from material.models import Film, FilmKind
from material.validation import clean_captions, embed_address
from methods.models import Method, Phase
from methods.services import refresh_search_index

from .fields import ContentError
from .files import FormatError, read_file, write_file

FILMS_FOLDER = "films"
OWNERS = {"method": Method, "phase": Phase}


def load_films(folder: Path) -> int:
    count = 0
    # An export from before films has no folder for them: nothing to load.
    for path in sorted((folder / FILMS_FOLDER).glob("*.md")):
        try:
            data = read_file(path, "transcript")
        except FormatError as error:
            raise ContentError(str(error)) from error
        model = OWNERS.get(data.get("owner"))
        owner = model and model._default_manager.filter(slug=data.get("slug")).first()
        if owner is None:
            raise ContentError(f"{path}: there is no {data.get('owner')} {data.get('slug')!r}")
        try:
            captions, captions_text = clean_captions(data["captions"].encode())
            embed_url = embed_address(data["url"])
        except ValidationError as error:
            raise ContentError(f"{path}: {' '.join(error.messages)}") from error
        film = Film.objects.for_owner(owner).filter(title=data["title"]).first() or Film(
            owner=owner
        )
        film.kind = FilmKind.EXTERNAL
        film.title = data["title"]
        film.minutes = data["minutes"]
        film.url = data["url"]
        film.embed_url = embed_url
        film.captions, film.captions_text = captions, captions_text
        film.transcript = data["transcript"].strip()
        film.save()
        if isinstance(owner, Method):
            refresh_search_index(owner)
        count += 1
    return count


def export_films(folder: Path) -> int:
    """Write the films on other sites of the published methods and of the phase guides, in the
    format load_films reads, numbered in the order they were added (an import adds them in that
    order again). An uploaded film's video is a media file, not content: left out."""
    published = set(Method.objects.published().values_list("pk", flat=True))
    rows = []
    for key, model in OWNERS.items():
        meta = model._meta
        owners = {owner.pk: owner for owner in model._default_manager.all()}
        films = Film.objects.filter(
            owner_type__app_label=meta.app_label,
            owner_type__model=meta.model_name,
            kind=FilmKind.EXTERNAL,
        )
        for film in films:
            owner = owners.get(film.owner_id)
            if owner is not None and (model is Phase or owner.pk in published):
                rows.append((film, key, owner))
    rows.sort(key=lambda row: (row[0].created_at, row[0].pk))
    for number, (film, key, owner) in enumerate(rows, start=1):
        data = {
            "owner": key,
            "slug": owner.slug,
            "title": film.title,
            "minutes": film.minutes,
            "url": film.url,
            "captions": film.captions.strip("\n"),
            "transcript": film.transcript,
        }
        name = f"{number:03d}-{key}-{owner.slug}--{slugify(film.title)}.md"
        write_file(folder / FILMS_FOLDER / name, data, "transcript", blocks=["captions"])
    return len(rows)
