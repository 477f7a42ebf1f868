"""Print and PDF: QR codes for method cards, the PDF of one method and of the whole handbook.

Both PDFs are built by a task (the worker in production) with WeasyPrint and kept in the default
storage (shared by all app servers); a request never runs WeasyPrint. The handbook's name carries
a hash of the published content, so a publish, edit, archive or delete gives a new name and the
next request builds a fresh PDF. A method's PDF is named after the method's pk, version, language
and last change, and a method whose printed text is over METHOD_PDF_MAX_CHARS is not printed.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import posixpath
import re
from collections.abc import Iterable
from html import escape

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Count, Max, Prefetch, Q
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import sections
from .choices import Role, Status
from .models import ChecklistItem, Method, MethodStep, Phase

logger = logging.getLogger(__name__)
# WeasyPrint logs every page it lays out at INFO; keep that out of the site's log unless the
# logging settings ask for it explicitly.
_progress_logger = logging.getLogger("weasyprint.progress")
if _progress_logger.level == logging.NOTSET:
    _progress_logger.setLevel(logging.WARNING)

HANDBOOK_DIR = "handbook"
HANDBOOK_PREFIX = "kompetenshandboken-"
# Bump when the PDF templates or pdf.css change in a way that should replace stored handbooks.
LAYOUT_VERSION = "2"  # 2: tagged PDF/UA-1
# A claimed build that never finished (a worker killed midway) may be claimed again after this.
BUILD_CLAIM_SECONDS = 15 * 60
# Every PDF is accessible: tagged, with language, title and bookmarks (PDF/UA-1).
PDF_VARIANT = "pdf/ua-1"
# Printed size of the QR code on the card.
QR_SIZE_MM = 30
QR_BORDER = 2

_HANDBOOK_NAME = re.compile(rf"^{re.escape(HANDBOOK_PREFIX)}[0-9a-f]+\.pdf$")

METHOD_PDF_DIR = "method-pdfs"
# The most printed text (characters) a method PDF is built from. The form limits allow about
# 80,000 (a body of 20,000, an easy-read text of 10,000, 2,000 for each of up to 24 steps); this
# leaves room for the fields without a form limit while keeping a build to seconds and a bounded
# number of pages. A longer method (an import, the admin) is refused before WeasyPrint runs.
METHOD_PDF_MAX_CHARS = 100_000
# The method's text fields the PDF prints (with the steps' texts).
_PRINTED_FIELDS = (
    "title",
    "summary",
    "easy_read",
    "purpose",
    "body",
    "prerequisites",
    "adaptation_language",
    "adaptation_reading",
    "adaptation_health",
    "materials",
    "indicator_reaction",
    "indicator_learning",
    "indicator_behaviour",
    "indicator_results",
    "source",
    "contact",
)


# QR code


def qr_svg(url: str, label: str | None = None) -> str:
    """An inline SVG QR code for url, about 30 mm wide, with an accessible Swedish label.

    segno escapes the title and encodes the URL only as modules (paths), so the markup never
    contains text from the URL (unless the label given says it) and is safe to mark as safe in
    a template. The label is the title, which a tagged PDF takes as the figure's alternative
    text.
    """
    qr = segno.make(url, error="m")
    width, _height = qr.symbol_size(border=QR_BORDER)
    label = label or _("QR-kod till metoden på webben")
    svg = qr.svg_inline(
        scale=QR_SIZE_MM / width,
        border=QR_BORDER,
        unit="mm",
        title=label,
        dark="#000",
        light="#fff",
        svgclass="qr-code",
        lineclass="qr-code__modules",
    )
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)


# WeasyPrint


def _site_url() -> str:
    return settings.SITE_URL.rstrip("/")


def _url_fetcher():
    """A fetcher that reads only this site's static and media files, never the network.

    Stored text may contain https images; fetching them while building a PDF would let an
    author make the server request any address, so they are left out (WeasyPrint shows the
    alt text instead).
    """
    # WeasyPrint loads Pango and takes a while to import: only the PDF builds pay for it,
    # not every process that imports this module for its views.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    site = _site_url()
    static_prefix = site + settings.STATIC_URL
    media_prefix = site + settings.MEDIA_URL

    class LocalFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = url.split("#", 1)[0].split("?", 1)[0]
            for prefix, reader in ((static_prefix, _read_static), (media_prefix, _read_media)):
                if path.startswith(prefix):
                    name = posixpath.normpath(path[len(prefix) :])
                    if name.startswith(("..", "/")):
                        break
                    body = reader(name)
                    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body, {"Content-Type": content_type})
            raise ValueError(f"Not fetched while printing: {url}")

    return LocalFilesFetcher()


def _read_static(name: str) -> bytes:
    found = finders.find(name)
    if not found:
        raise FileNotFoundError(name)
    with open(found, "rb") as f:
        return f.read()


def _read_media(name: str) -> bytes:
    with default_storage.open(name, "rb") as f:
        return f.read()


def _link_css() -> str:
    """Print the address of every link after its text, relative ones as full addresses."""
    site = _site_url().replace("\\", "\\\\").replace('"', '\\"')
    return (
        '.prose a[href^="http"]::after, .prose a[href^="mailto:"]::after '
        '{ content: " (" attr(href) ")"; }\n'
        f'.prose a[href^="/"]::after {{ content: " ({site}" attr(href) ")"; }}\n'
    )


def _render_pdf(html: str) -> bytes:
    """HTML -> PDF bytes with the PDF stylesheet. The one place that calls WeasyPrint."""
    # Imported when a PDF is built, not with this module (see _url_fetcher).
    import weasyprint

    fetcher = _url_fetcher()
    stylesheets = [
        weasyprint.CSS(filename=finders.find("css/pdf.css"), url_fetcher=fetcher),
        weasyprint.CSS(string=_link_css(), url_fetcher=fetcher),
    ]
    document = weasyprint.HTML(string=html, base_url=_site_url() + "/", url_fetcher=fetcher)
    # PDF/UA-1: a tagged PDF (structure tree from the HTML: headings, lists, tables, figures
    # with their alternative text), with the document's language and title and bookmarks from
    # the headings, so that screen readers and reflowing readers can use it.
    return document.write_pdf(stylesheets=stylesheets, pdf_variant=PDF_VARIANT)


# Shared content


def _with_print_data(queryset):
    """Everything a printed method shows, in a constant number of queries."""
    return queryset.select_related("author", "company", "external_trainer_phase").prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("number")),
        "competence_areas",
        "business_lines",
        "target_roles",
        Prefetch("steps", queryset=MethodStep.objects.select_related("phase")),
    )


def _printed_method(method: Method) -> dict:
    """One method as the PDF templates show it: the matrix keeps only roles with a step."""

    method_phases = list(method.phases.all())
    rows = method.role_phase_matrix(method_phases)
    used = [i for i in range(len(Role.values)) if any(row["cells"][i] for row in rows)]
    roles = [Role.choices[i] for i in used]
    matrix = [{"phase": row["phase"], "cells": [row["cells"][i] for i in used]} for row in rows]
    return {
        "method": method,
        "phases": method_phases,
        "roles": roles,
        "matrix": matrix,
        "page_url": _site_url() + method.get_absolute_url(),
    }


# One method


class MethodTooLongToPrint(ValueError):
    """The method's printed text is over METHOD_PDF_MAX_CHARS: no PDF is built."""


def printed_length(method: Method) -> int:
    """Characters of text the method's PDF would print (its fields and its steps)."""
    fields = sum(len(getattr(method, name) or "") for name in _PRINTED_FIELDS)
    return fields + sum(len(step.text) for step in method.steps.all())


def method_pdf_path(method: Method, language: str) -> str:
    """Where the PDF of this version of the method, in this language, is stored."""
    last_phase_change = Phase.objects.aggregate(last=Max("updated_at"))["last"]
    key = "|".join(
        str(part)
        for part in (
            LAYOUT_VERSION,
            _site_url(),
            method.updated_at.isoformat(),
            last_phase_change.isoformat() if last_phase_change else "-",
        )
    )
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    return f"{METHOD_PDF_DIR}/{method.pk}/v{method.version}-{language}-{digest}.pdf"


def method_pdf(method: Method) -> bytes | None:
    """The PDF of this version of the method in the active language, or None while it is
    being built. Raises MethodTooLongToPrint for a method over the size bound.

    As for the handbook, a request only asks for the build (a task: the worker in production, at
    once in development and tests); once stored, every request is served from storage. The
    caller has checked that the user may see the method: a draft's PDF is stored too, but only
    ever served through that check.
    """
    if printed_length(method) > METHOD_PDF_MAX_CHARS:
        raise MethodTooLongToPrint(method.pk)
    language = translation.get_language() or settings.LANGUAGE_CODE
    name = method_pdf_path(method, language)
    data = _stored_pdf(name)
    if data is not None:
        return data
    # One build per version, however many readers ask meanwhile.
    if cache.add(f"method-pdf-build:{name}", True, timeout=BUILD_CLAIM_SECONDS):
        build_and_store_method_pdf.enqueue(method_id=method.pk, name=name, language=language)
    return _stored_pdf(name)  # built already when tasks run at once


@task()
def build_and_store_method_pdf(method_id: int, name: str, language: str) -> int:
    """Build the method's PDF under this name and store it; its older PDFs are removed. Returns
    the size in bytes (0 when the method changed or went meanwhile, or is too long to print)."""
    method = _with_print_data(Method.objects.filter(pk=method_id)).first()
    if method is None or printed_length(method) > METHOD_PDF_MAX_CHARS:
        return 0
    with translation.override(language):
        if method_pdf_path(method, language) != name:
            return 0  # a newer version asks for its own build
        existing = _stored_pdf(name)
        if existing is not None:
            return len(existing)
        data = build_method_pdf(method)
    _store_pdf(name, data)
    keep = {method_pdf_path(method, code) for code, _name in settings.LANGUAGES}
    folder = f"{METHOD_PDF_DIR}/{method.pk}"
    for filename in _files_in(folder):
        if f"{folder}/{filename}" not in keep | {name}:
            default_storage.delete(f"{folder}/{filename}")
    return len(data)


def stored_method_pdfs(method: Method) -> list[str]:
    """Names of the stored PDFs of this method (for tests and maintenance)."""
    folder = f"{METHOD_PDF_DIR}/{method.pk}"
    return sorted(f"{folder}/{filename}" for filename in _files_in(folder))


def build_method_pdf(method: Method) -> bytes:
    """Render the method's PDF now, in the active language (the task sets it)."""
    if printed_length(method) > METHOD_PDF_MAX_CHARS:
        raise MethodTooLongToPrint(method.pk)
    item = _printed_method(method)
    html = render_to_string(
        "methods/pdf/method.html",
        {
            **item,
            "item": item,
            # Read aloud in place of the code: where it leads.
            "qr_svg": qr_svg(
                item["page_url"],
                label=_("QR-kod till metoden på webben: %(url)s") % {"url": item["page_url"]},
            ),
            "printed_at": timezone.localdate(),
            "site_url": _site_url(),
            # Other apps' printed parts (material: a QR code to each film).
            **sections.print_context(method),
        },
    )
    return _render_pdf(html)


# The whole handbook


def handbook_version() -> str:
    """A short hash of what the handbook shows: any publish, edit, archive or delete changes it."""
    methods = Method.objects.alive().aggregate(
        published=Count("pk", filter=Q(status=Status.PUBLISHED)), last_change=Max("updated_at")
    )
    published_ids = list(Method.objects.published().order_by("pk").values_list("pk", flat=True))
    last_phase_change = Phase.objects.aggregate(last=Max("updated_at"))["last"]
    checklist_count = ChecklistItem.objects.count()
    key = "|".join(
        str(part)
        for part in (
            LAYOUT_VERSION,
            _site_url(),
            settings.LANGUAGE_CODE,
            methods["published"],
            methods["last_change"].isoformat() if methods["last_change"] else "-",
            last_phase_change.isoformat() if last_phase_change else "-",
            checklist_count,
            ",".join(map(str, published_ids)),
        )
    )
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def handbook_path(version: str) -> str:
    return f"{HANDBOOK_DIR}/{HANDBOOK_PREFIX}{version}.pdf"


def _looks_complete(data: bytes) -> bool:
    """A PDF still being written by another server has no end-of-file marker yet."""
    return data[:5] == b"%PDF-" and b"%%EOF" in data[-1024:]


def _stored_pdf(name: str) -> bytes | None:
    """The stored PDF of this name, if it is there and complete."""
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as f:
        data = f.read()
    # A PDF still being written by another server is not complete yet.
    return data if _looks_complete(data) else None


def _store_pdf(name: str, data: bytes) -> None:
    saved = default_storage.save(name, ContentFile(data))
    if saved != name:
        # The name was taken: by a complete copy another server stored meanwhile (keep that
        # one), or by a broken leftover of a build that died midway (replace it).
        if _stored_pdf(name) is None:
            default_storage.delete(name)
            default_storage.save(name, ContentFile(data))
        default_storage.delete(saved)


def _files_in(folder: str) -> list[str]:
    try:
        _dirs, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return files


def stored_handbook(version: str) -> bytes | None:
    """The stored PDF of this content version, if it is there and complete."""
    return _stored_pdf(handbook_path(version))


def handbook_pdf() -> bytes | None:
    """The whole published handbook, or None while it is being built.

    Building takes long (about 45 s for 200 methods), longer than a request may run in
    production, so a request only asks for it: the build runs as a task (the database queue's
    worker in production; at once in development and tests) and is stored per content version.
    Once there, every request is served from storage.
    """
    version = handbook_version()
    data = stored_handbook(version)
    if data is not None:
        return data
    # One build per version, however many readers ask meanwhile.
    if cache.add(f"handbook-build:{version}", True, timeout=BUILD_CLAIM_SECONDS):
        build_and_store_handbook.enqueue(version=version)
    return stored_handbook(version)  # built already when tasks run at once


@task()
def build_and_store_handbook(version: str) -> int:
    """Build the handbook of this content version and store it; the older ones are removed.
    Returns the size in bytes (0 when the content changed meanwhile: a newer build follows)."""
    if version != handbook_version():
        return 0
    name = handbook_path(version)
    existing = stored_handbook(version)
    if existing is not None:
        return len(existing)
    data = build_handbook_pdf(version)
    _store_pdf(name, data)
    _delete_old_handbooks(keep=name)
    return len(data)


def _delete_old_handbooks(keep: str) -> None:
    try:
        _dirs, files = default_storage.listdir(HANDBOOK_DIR)
    except (FileNotFoundError, NotADirectoryError):
        return
    for filename in files:
        path = f"{HANDBOOK_DIR}/{filename}"
        if path != keep and _HANDBOOK_NAME.match(filename):
            default_storage.delete(path)


def _handbook_context(version: str) -> dict:
    phases = list(Phase.objects.prefetch_related("checklist_items").order_by("number"))
    methods = list(_with_print_data(Method.objects.published()).order_by("title", "pk"))
    items = [_printed_method(m) for m in methods if m.phases.all()]
    chapters = []
    for phase in phases:
        in_phase = [item for item in items if any(p.pk == phase.pk for p in item["phases"])]
        chapters.append(
            {
                "phase": phase,
                # Printed in this chapter: the methods whose first phase this is.
                "methods": [item for item in in_phase if item["phases"][0].pk == phase.pk],
                # Every method of the phase, with the page it is printed on.
                "all_methods": in_phase,
            }
        )
    return {
        "chapters": chapters,
        "method_count": len(items),
        "version": version,
        "printed_at": timezone.localdate(),
        "site_url": _site_url(),
    }


def build_handbook_pdf(version: str | None = None) -> bytes:
    """Render the handbook now, in the site's main language (its content is Swedish)."""
    with translation.override(settings.LANGUAGE_CODE):
        context = _handbook_context(version or handbook_version())
        html = render_to_string("methods/pdf/handbook.html", context)
    return _render_pdf(html)


def stored_handbooks() -> Iterable[str]:
    """Names of the stored handbook PDFs (for tests and maintenance)."""
    try:
        _dirs, files = default_storage.listdir(HANDBOOK_DIR)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(f"{HANDBOOK_DIR}/{f}" for f in files if _HANDBOOK_NAME.match(f))
