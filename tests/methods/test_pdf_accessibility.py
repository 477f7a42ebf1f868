"""The method PDF and the handbook PDF are tagged, accessible PDF/UA-1 documents: structure tree
with headings and figures with alternative text, language, title shown as the window title,
bookmarks and the PDF/UA identifier. Checked by reading the PDFs' own structure (issue 13).

The method card is not a PDF: it is a web page printed by the browser (methods/views/reading.py
method_card), so it is not here.
"""

from __future__ import annotations

import io
import logging
import re

import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import BooleanObject, DictionaryObject

from core.uploads import store_image
from methods import printing
from methods.choices import Role
from methods.models import Phase
from tests.factories import MethodFactory, MethodStepFactory

pytestmark = pytest.mark.django_db

SITE = "https://handbok.example"


@pytest.fixture(autouse=True)
def print_settings(settings, tmp_path):
    """Stored PDFs and images go to a temporary media root; printed addresses use a fixed URL."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = SITE


@pytest.fixture
def weasyprint_errors(caplog):
    """What WeasyPrint logs as errors while building: a missing alt text or language is one."""
    caplog.set_level(logging.ERROR, logger="weasyprint")
    return lambda: [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")]


def png(colour: str = "navy") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, "PNG")
    return out.getvalue()


def structure_elements(reader: PdfReader) -> list[DictionaryObject]:
    """Every element of the structure tree, depth first from /StructTreeRoot."""
    found: list[DictionaryObject] = []

    def walk(kids) -> None:
        kids = kids.get_object()
        if isinstance(kids, DictionaryObject):
            kids = [kids]
        if not isinstance(kids, list):
            return  # a marked-content id (an integer) on a page
        for kid in kids:
            kid = kid.get_object()
            if isinstance(kid, DictionaryObject) and "/S" in kid:
                found.append(kid)
                if "/K" in kid:
                    walk(kid["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
    return found


def outline_titles(outline) -> list:
    """The bookmarks as nested lists: a title, then a list of the bookmarks under it."""
    result: list = []
    for entry in outline:
        if isinstance(entry, list):
            result.append(outline_titles(entry))
        else:
            result.append(entry.title)
    return result


def xmp(reader: PdfReader) -> str:
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")


def assert_pdf_ua(data: bytes, title: str) -> tuple[PdfReader, list[DictionaryObject]]:
    """What PDF/UA-1 asks of every one of our PDFs; returns the reader and the tree."""
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert root["/Lang"] == "sv"
    assert reader.metadata.title == title
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    metadata = xmp(reader)
    assert re.search(r"pdfuaid:part(>|=\")1", metadata), metadata
    assert title in metadata  # dc:title in the XMP as well
    elements = structure_elements(reader)
    assert elements[0]["/S"] == "/Document"
    return reader, elements


def tags(elements) -> list[str]:
    return [str(e["/S"]) for e in elements]


def test_the_method_pdf_is_tagged_pdf_ua_with_title_language_bookmarks_and_alt_texts(
    weasyprint_errors,
):
    image = store_image(png())
    method = MethodFactory(
        title="Visa och gör",
        summary="En sak i taget, visad vid arbetsplatsen.",
        body=f"## Förberedelser\n\nSå ser diskbänken ut:\n\n![Diskbänken med bildstöd]({image})",
        phases=[Phase.objects.get(number=3)],
    )
    MethodStepFactory(
        method=method, phase=Phase.objects.get(number=3), role=Role.SUPERVISOR, text="Visar."
    )
    data = printing.build_method_pdf(method)

    reader, elements = assert_pdf_ua(data, "Visa och gör – Kompetenshandboken")
    found = tags(elements)
    # Headings in order: the method's title, then its sections (and the body's own headings).
    headings = [t for t in found if re.fullmatch(r"/H\d", t)]
    assert headings[0] == "/H1"
    assert headings.count("/H1") == 1
    assert set(headings[1:]) <= {"/H2", "/H3"}
    for tag in ("/Art", "/Sect", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Link"):
        assert tag in found, tag
    # Every figure says what it shows; the QR code says where it leads.
    figures = {str(e["/Alt"]) for e in elements if e["/S"] == "/Figure"}
    assert figures == {
        "Diskbänken med bildstöd",
        f"QR-kod till metoden på webben: {SITE}/metoder/{method.slug}/",
    }
    # Bookmarks: the method, with its sections under it.
    bookmarks = outline_titles(reader.outline)
    assert bookmarks[0] == "Visa och gör"
    assert "Så fungerar metoden" in bookmarks[1]
    assert "Praktiskt" in bookmarks[1]
    assert weasyprint_errors() == []


def test_the_stored_method_pdf_that_readers_download_is_tagged(client):
    method = MethodFactory(title="Trepartssamtal")
    response = client.get(f"/metoder/{method.slug}.pdf")
    assert response.status_code == 200
    reader, elements = assert_pdf_ua(response.content, "Trepartssamtal – Kompetenshandboken")
    assert "/H1" in tags(elements)
    assert outline_titles(reader.outline)[0] == "Trepartssamtal"


def test_the_handbook_pdf_is_tagged_pdf_ua_with_chapters_and_methods_as_bookmarks(
    client, weasyprint_errors
):
    image = store_image(png("darkgreen"))
    MethodFactory(title="Kaffemaskinen", phases=[Phase.objects.get(number=3)])
    MethodFactory(
        title="Trepartssamtal",
        body=f"Vi sitter i en ring.\n\n![Tre stolar i en ring]({image})",
        phases=[Phase.objects.get(number=2), Phase.objects.get(number=4)],
    )
    response = client.get("/handbok.pdf")
    assert response.status_code == 200

    reader, elements = assert_pdf_ua(response.content, "Kompetenshandboken")
    found = tags(elements)
    assert found.count("/H1") >= 1 + 1 + Phase.objects.count()  # cover, contents, chapters
    assert {"/H2", "/Art", "/Sect", "/L", "/Link"} <= set(found)
    assert {str(e["/Alt"]) for e in elements if e["/S"] == "/Figure"} == {"Tre stolar i en ring"}
    assert all("/Alt" in e for e in elements if e["/S"] == "/Figure")

    # Bookmarks: the contents, then each phase as a chapter with its methods under it.
    bookmarks = outline_titles(reader.outline)
    phases = list(Phase.objects.order_by("number"))
    assert bookmarks[0] == "Innehåll"
    chapters = bookmarks[1:]
    titles = [entry for entry in chapters if isinstance(entry, str)]
    assert titles == [f"{p.number}. {p.display_name}" for p in phases]
    under = {
        title: chapters[i + 1]
        if i + 1 < len(chapters) and isinstance(chapters[i + 1], list)
        else []
        for i, title in enumerate(chapters)
        if isinstance(title, str)
    }
    assert under["2. " + phases[1].display_name] == ["Trepartssamtal"]
    assert under["3. " + phases[2].display_name] == ["Kaffemaskinen"]
    assert weasyprint_errors() == []
