"""Printing: the one-page method card, the PDF of one method and the cached handbook PDF."""

import io
import re
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from methods import printing
from methods.choices import Role, Status
from methods.models import ChecklistItem, Phase
from tests.factories import MethodFactory, MethodStepFactory, make_editor

pytestmark = pytest.mark.django_db

SITE = "https://handbok.example"
QR_LABEL = "QR-kod till metoden på webben"


@pytest.fixture(autouse=True)
def print_settings(settings, tmp_path):
    """Stored PDFs go to a temporary media root; printed addresses use a fixed site URL."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = SITE


def phase(number: int) -> Phase:
    return Phase.objects.get(number=number)


def pdf_text(data: bytes) -> tuple[int, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    """Extracted text with line breaks and repeated spaces collapsed."""
    return re.sub(r"\s+", " ", text)


# QR code


def test_qr_svg_is_an_accessible_inline_svg_of_about_30_mm():
    svg = printing.qr_svg(f"{SITE}/metoder/visa-gor-ova/")
    assert svg.startswith("<svg ")
    assert "<?xml" not in svg
    assert 'role="img"' in svg
    assert f'aria-label="{QR_LABEL}"' in svg
    assert f"<title>{QR_LABEL}</title>" in svg
    assert 'width="30.0mm"' in svg and 'height="30.0mm"' in svg


def test_qr_svg_contains_only_drawing_markup_whatever_the_url():
    svg = printing.qr_svg('https://x.example/"><script>alert(1)</script><a href="javascript:x">')
    assert set(re.findall(r"</?([a-zA-Z]+)", svg)) <= {"svg", "title", "g", "path"}
    for dangerous in ("script", "alert", "javascript", "href", "onload", "x.example"):
        assert dangerous not in svg


# Method card


def make_card_method(**kwargs):
    method = MethodFactory(
        title="Visa och gör",
        easy_read="Du lär dig **en sak** i taget.",
        materials="Hink och mopp",
        prep_minutes=30,
        delivery_minutes=90,
        group_size_min=2,
        group_size_max=4,
        phases=[phase(3), phase(4)],
        **kwargs,
    )
    MethodStepFactory(method=method, phase=phase(3), role=Role.SUPERVISOR, text="Visar moppen.")
    MethodStepFactory(method=method, phase=phase(4), role=Role.PARTICIPANT, text="Berättar.")
    return method


def test_card_shows_what_a_workplace_needs_on_one_page(client):
    method = make_card_method()
    response = client.get(f"/metoder/{method.slug}/kort/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Visa och gör</h1>" in html
    assert "Du lär dig <strong>en sak</strong> i taget." in html
    assert "Visar moppen." in html
    assert "Handledare:</strong>" in html and "Deltagare:</strong>" in html
    assert "3. Genomförande</h3>" in html and "4. Efterarbete</h3>" in html
    assert "Hink och mopp" in html
    assert "30 min" in html and "1 tim 30 min" in html and "2–4 personer" in html
    assert '<svg role="img"' in html and QR_LABEL in html
    assert f"{SITE}/metoder/{method.slug}/" in html
    assert response.context["page_url"] == f"{SITE}/metoder/{method.slug}/"
    # Print button bound by a nonced script, no inline JavaScript; the stylesheet for print.
    assert '<button type="button" data-print' in html
    assert re.search(r'<script src="/static/js/print.js" defer nonce="[^"]+"></script>', html)
    assert "onclick" not in html
    assert '/static/css/card.css" media="all"' in html
    assert f'href="/metoder/{method.slug}/"' in html


def test_card_falls_back_to_the_summary_without_easy_read_text(client):
    method = MethodFactory(easy_read="", summary="Kort om metoden.")
    html = client.get(f"/metoder/{method.slug}/kort/").content.decode()
    assert "Kort om metoden." in html
    assert "Sammanfattning</h2>" in html


def test_card_of_an_unpublished_method_is_only_for_its_author(client):
    method = MethodFactory(status=Status.DRAFT)
    assert client.get(f"/metoder/{method.slug}/kort/").status_code == 404
    client.force_login(method.author)
    response = client.get(f"/metoder/{method.slug}/kort/")
    assert response.status_code == 200
    assert "inte publicerad" in response.content.decode()


def test_card_uses_the_same_number_of_queries_with_few_or_many_steps(
    client, django_assert_num_queries
):
    few = MethodFactory(phases=[phase(3)])
    MethodStepFactory(method=few, phase=phase(3))
    many = MethodFactory(phases=[phase(n) for n in range(1, 7)])
    for number in range(1, 7):
        for role in (Role.PARTICIPANT, Role.SUPERVISOR, Role.MANAGEMENT):
            MethodStepFactory(method=many, phase=phase(number), role=role)
    with CaptureQueriesContext(connection) as first:
        assert client.get(f"/metoder/{few.slug}/kort/").status_code == 200
    with django_assert_num_queries(len(first.captured_queries)):
        assert client.get(f"/metoder/{many.slug}/kort/").status_code == 200


def test_method_page_links_to_the_card_and_the_pdf_and_the_footer_to_the_handbook(client):
    method = MethodFactory()
    html = client.get(f"/metoder/{method.slug}/").content.decode()
    assert f'href="/metoder/{method.slug}/kort/"' in html
    assert f'href="/metoder/{method.slug}.pdf"' in html
    assert 'href="/handbok.pdf"' in html


# PDF of one method


def test_method_pdf_has_the_full_method_as_text(client):
    method = make_card_method(source="Egen erfarenhet")
    response = client.get(f"/metoder/{method.slug}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{method.slug}.pdf"' in response["Content-Disposition"]
    pages, texts = pdf_text(response.content)
    text = flat(" ".join(texts))
    assert pages >= 1
    for expected in (
        "Visa och gör",
        "Visar moppen.",
        "Hink och mopp",
        "Egen erfarenhet",
        f"{SITE}/metoder/{method.slug}/",
        "Sida 1 av",
    ):
        assert expected in text


def test_method_pdf_of_an_unpublished_method_is_not_found(client):
    method = MethodFactory(status=Status.SUBMITTED)
    assert client.get(f"/metoder/{method.slug}.pdf").status_code == 404


# The handbook


@pytest.fixture
def handbook_methods():
    MethodFactory(title="Kaffemaskinen", phases=[phase(3)])
    MethodFactory(title="Trepartssamtal", phases=[phase(2), phase(4)])
    MethodFactory(title="Utkastet", phases=[phase(3)], status=Status.DRAFT)
    MethodFactory(title="Inskickad", phases=[phase(3)], status=Status.SUBMITTED)
    MethodFactory(title="Arkiverad", phases=[phase(3)], status=Status.ARCHIVED)


def test_handbook_pdf_has_cover_contents_phases_and_only_published_methods(
    client, handbook_methods
):
    response = client.get("/handbok.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages, texts = pdf_text(response.content)
    assert pages > Phase.objects.count()
    contents = flat(texts[1])
    assert contents.startswith("Innehåll")
    for title in ("Kaffemaskinen", "Trepartssamtal"):
        assert contents.count(title) == 1, title
    for title in ("Utkastet", "Inskickad", "Arkiverad"):
        assert title not in contents
    everything = flat(" ".join(texts))
    for p in Phase.objects.all():
        assert p.name in everything
    # A method in two phases is printed once, under its first phase, and referred to from the
    # other phase's list with the page it is on.
    assert everything.count("Trepartssamtal") >= 3
    assert "beskrivs under fas 2" in everything
    assert f"Sida 2 av {pages}" in everything
    assert "Utkastet" not in everything


def test_handbook_pdf_is_stored_and_reused_until_content_changes(client, handbook_methods):
    first = client.get("/handbok.pdf").content
    stored = list(printing.stored_handbooks())
    assert stored == [printing.handbook_path(printing.handbook_version())]
    assert default_storage.open(stored[0]).read() == first

    with mock.patch("methods.printing._render_pdf", side_effect=AssertionError("rebuilt")):
        again = client.get("/handbok.pdf")
    assert again.status_code == 200
    assert again.content == first

    MethodFactory(title="Nyss publicerad", phases=[phase(5)])
    _, texts = pdf_text(client.get("/handbok.pdf").content)
    assert "Nyss publicerad" in flat(texts[1])
    newer = list(printing.stored_handbooks())
    assert len(newer) == 1 and newer != stored
    assert not default_storage.exists(stored[0])


def test_handbook_pdf_follows_an_edited_title(client):
    method = MethodFactory(title="Gammal rubrik")
    client.get("/handbok.pdf")
    method.title = "Ny rubrik"
    method.save()
    text = flat(" ".join(pdf_text(client.get("/handbok.pdf").content)[1]))
    assert "Ny rubrik" in text
    assert "Gammal rubrik" not in text


@pytest.mark.parametrize(
    "change",
    ["publish", "edit_title", "archive", "soft_delete", "delete", "phase", "checklist"],
)
def test_handbook_version_changes_with_every_published_change(change):
    method = MethodFactory()
    draft = MethodFactory(status=Status.DRAFT)
    before = printing.handbook_version()
    assert printing.handbook_version() == before
    if change == "publish":
        draft.status = Status.PUBLISHED
        draft.save()
    elif change == "edit_title":
        method.title = "Annan titel"
        method.save()
    elif change == "archive":
        method.status = Status.ARCHIVED
        method.save()
    elif change == "soft_delete":
        method.deleted_at = method.updated_at
        method.save()
    elif change == "delete":
        method.delete()
    elif change == "phase":
        p = phase(1)
        p.summary = "Ny sammanfattning"
        p.save()
    elif change == "checklist":
        ChecklistItem.objects.create(phase=phase(1), text="En ny punkt")
    assert printing.handbook_version() != before


def test_handbook_is_read_in_a_constant_number_of_queries():
    def queries() -> int:
        with (
            mock.patch("methods.printing._render_pdf", return_value=b"%PDF-1.7\n%%EOF"),
            CaptureQueriesContext(connection) as ctx,
        ):
            printing.build_handbook_pdf()
        return len(ctx.captured_queries)

    method = MethodFactory(phases=[phase(1)])
    MethodStepFactory(method=method, phase=phase(1))
    few = queries()
    for n in range(3):
        other = MethodFactory(phases=[phase(2), phase(n + 3)], author=make_editor())
        MethodStepFactory(method=other, phase=phase(2), role=Role.MANAGEMENT)
        MethodStepFactory(method=other, phase=phase(n + 3))
    assert queries() == few


def test_a_half_written_stored_handbook_is_not_served(client):
    MethodFactory(title="Kaffemaskinen")
    name = printing.handbook_path(printing.handbook_version())
    default_storage.save(name, ContentFile(b"%PDF-1.7\nhalf"))
    response = client.get("/handbok.pdf")
    assert response.content.rstrip().endswith(b"%%EOF")
    assert "Kaffemaskinen" in flat(" ".join(pdf_text(response.content)[1]))


def test_pdfs_read_only_local_files_never_the_network():
    fetcher = printing._url_fetcher()
    css = fetcher.fetch(f"{SITE}/static/css/pdf.css")
    assert b"@page" in css.read()
    for url in (
        "https://evil.example/tracker.png",
        f"{SITE}/static/../../settings.py",
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
    ):
        with pytest.raises((ValueError, FileNotFoundError)):
            fetcher.fetch(url)


# The worker manages its own database connections, as in production: a real transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_in_production_the_handbook_is_built_by_the_worker_not_the_request(client, settings):
    """With the database queue a request never builds the PDF (it takes longer than a request
    may run): readers get a page saying it is on its way, and one build is queued."""
    from django_tasks_db.models import DBTaskResult

    from tests.methods.test_notifications_outage import DATABASE_QUEUE, run_worker

    settings.TASKS = DATABASE_QUEUE
    MethodFactory(title="Kaffemaskinen")
    for _ in range(2):
        response = client.get("/handbok.pdf")
        assert response.status_code == 202  # accepted: it is being made
        assert response["Retry-After"] == "60"
        assert response["Cache-Control"] == "no-store"
        assert "Handboken som PDF förbereds just nu" in response.text
    builds = DBTaskResult.objects.filter(status="READY", task_path__endswith="handbook")
    assert builds.count() == 1  # one build, not two
    assert list(printing.stored_handbooks()) == []
    run_worker()
    response = client.get("/handbok.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Kaffemaskinen" in flat(" ".join(pdf_text(response.content)[1]))
    assert len(printing.stored_handbooks()) == 1


def test_a_build_for_content_that_changed_meanwhile_is_skipped(client):
    MethodFactory(title="Första")
    version = printing.handbook_version()
    MethodFactory(title="Andra")
    assert printing.build_and_store_handbook.call(version=version) == 0
    assert list(printing.stored_handbooks()) == []
