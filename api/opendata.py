"""The open-data download (issue 16, part 3): the whole published handbook as one zip file.

The archive holds the folder that export_handbook writes (content/handbook.py: phases,
methods, companies and published experience reports as Markdown files with front matter, which
import_handbook reads back into an empty installation), the same handbook as one JSON file in
the read API's shapes (handbok.json), and a README stating what each part is and under which
licence it may be reused.

Like the handbook PDF it is built by a task (the worker in production, at once in development
and tests), once per version of the published handbook, kept in the default storage (shared by
all app servers) and served from there; a request only asks for a build, never runs one. A new
version's archive replaces the older ones once stored.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

from companies.models import Company
from content.handbook import export_handbook
from core.models import SiteVersion
from methods.choices import Licence
from methods.printing import handbook_version

from . import reads

ARCHIVE_DIR = "oppna-data"
FOLDER = "kompetenshandboken"  # the export's folder inside the zip
_NAME = re.compile(r"^kompetenshandboken-[0-9a-f]{16}\.zip$")
# One build per version, however many ask while it runs (as the handbook PDF).
BUILD_CLAIM_SECONDS = 10 * 60


def archive_version() -> str:
    """What the archive shows, as a short hash: the published methods and phases
    (handbook_version) and the site version, which every change to companies and reports
    moves too."""
    key = f"{handbook_version()}|{SiteVersion.objects.current()}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def archive_path(version: str) -> str:
    return f"{ARCHIVE_DIR}/kompetenshandboken-{version}.zip"


def stored_archive(version: str) -> bytes | None:
    name = archive_path(version)
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as f:
        data = f.read()
    return data if zipfile.is_zipfile(io.BytesIO(data)) else None


def open_data_archive() -> tuple[str, bytes | None]:
    """(version, the archive) or (version, None) while it is being built."""
    version = archive_version()
    data = stored_archive(version)
    if data is None and cache.add(f"open-data-build:{version}", True, BUILD_CLAIM_SECONDS):
        build_and_store_archive.enqueue(version=version)
        data = stored_archive(version)  # built already when tasks run at once
    return version, data


@task()
def build_and_store_archive(version: str) -> int:
    """Build and store this version's archive and remove older ones. Returns its size (0 when
    the handbook changed meanwhile: a newer build follows)."""
    if version != archive_version():
        return 0
    if (existing := stored_archive(version)) is not None:
        return len(existing)
    data = build_archive()
    name = archive_path(version)
    saved = default_storage.save(name, ContentFile(data))
    if saved != name:  # another server stored it meanwhile: keep one
        default_storage.delete(saved)
    try:
        _dirs, files = default_storage.listdir(ARCHIVE_DIR)
    except (FileNotFoundError, NotADirectoryError):
        files = []
    for filename in files:
        path = f"{ARCHIVE_DIR}/{filename}"
        if path != name and _NAME.match(filename):
            default_storage.delete(path)
    return len(data)


def handbook_document() -> dict:
    """The published handbook in the read API's shapes, for handbok.json."""
    methods = [
        reads.method_detail(None, slug)
        for slug in reads.readable_methods(None)
        .order_by("title", "pk")
        .values_list("slug", flat=True)
    ]
    companies = [
        reads.company_detail(None, slug)
        for slug in Company.objects.order_by("name", "pk").values_list("slug", flat=True)
    ]
    phases_by_slug = reads._phases_by_slug()
    reports = [
        reads.report_item(report, phases_by_slug)
        for report in reads.readable_reports(None).order_by("-period_start", "-pk")
    ]
    return {
        "generated_at": timezone.now(),
        "site_url": settings.SITE_URL,
        "phases": reads.phases(),
        "methods": methods,
        "companies": companies,
        "reports": reports,
    }


def build_archive() -> bytes:
    """The zip: the export folder, handbok.json and README.md, in the site's main language."""
    with translation.override(settings.LANGUAGE_CODE), tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / FOLDER
        folder.mkdir()
        counts = export_handbook(folder)
        document = handbook_document()
        readme = render_to_string(
            "api/opendata_readme.md",
            {
                "counts": counts,
                "document": document,
                "licences": [
                    (label, [m for m in document["methods"] if m["licence"]["value"] == value])
                    for value, label in Licence.choices
                ],
                "site_url": settings.SITE_URL,
                "folder": FOLDER,
            },
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{FOLDER}/README.md", readme)
            archive.writestr(
                f"{FOLDER}/handbok.json",
                json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
            )
            for path in sorted(folder.rglob("*.md")):
                archive.write(path, f"{FOLDER}/{path.relative_to(folder).as_posix()}")
        return buffer.getvalue()
