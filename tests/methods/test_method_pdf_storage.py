"""The PDF of one method (issue 12): built once per method version by a task, served from storage,
and refused before WeasyPrint runs when the method is over the size bound.

Before, /metoder/<slug>.pdf ran WeasyPrint on every request (0.4 to 6 s of CPU, anonymous, no
limit) and a 1.5 MB draft timed out the worker.
"""

from unittest import mock

import pytest
from django.core.files.storage import default_storage

from methods import printing
from methods.choices import Role, Status
from methods.models import Method, Phase
from tests.factories import MethodFactory, MethodStepFactory, UserFactory
from tests.methods.test_printing import SITE, flat, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def print_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = SITE


@pytest.fixture
def render_calls():
    """Count WeasyPrint runs (the real renderer still runs)."""
    with mock.patch("methods.printing._render_pdf", side_effect=printing._render_pdf) as spy:
        yield spy


def paragraphs(size: int) -> str:
    """Ordinary markdown text of exactly size characters."""
    sentence = "Handledaren visar först hur momentet görs och låter sedan deltagaren prova själv. "
    text = "\n\n".join([sentence * 4] * (size // (len(sentence) * 4) + 1))
    return text[:size]


def test_first_request_builds_once_and_later_ones_are_served_from_storage(client, render_calls):
    method = MethodFactory(title="Visa och gör", slug="visa-och-gor")
    first = client.get("/metoder/visa-och-gor.pdf")  # tasks run at once in tests
    assert first.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    assert 'filename="visa-och-gor.pdf"' in first["Content-Disposition"]
    assert "Visa och gör" in flat(" ".join(pdf_text(first.content)[1]))
    assert render_calls.call_count == 1
    name = printing.method_pdf_path(method, "sv")
    assert name.startswith(f"method-pdfs/{method.pk}/v1-sv-")
    assert printing.stored_method_pdfs(method) == [name]
    assert default_storage.open(name).read() == first.content

    for _ in range(3):
        again = client.get("/metoder/visa-och-gor.pdf")
        assert again.status_code == 200
        assert again.content == first.content
    assert render_calls.call_count == 1  # WeasyPrint ran once, for the first request


def test_a_new_version_gets_a_new_pdf_and_the_old_one_goes(client, render_calls):
    method = MethodFactory(title="Gammal rubrik", slug="metoden")
    client.get("/metoder/metoden.pdf")
    old = printing.stored_method_pdfs(method)
    method.title = "Ny rubrik"
    method.version += 1
    method.save()
    response = client.get("/metoder/metoden.pdf")
    text = flat(" ".join(pdf_text(response.content)[1]))
    assert "Ny rubrik" in text and "Gammal rubrik" not in text
    assert render_calls.call_count == 2
    new = printing.stored_method_pdfs(method)
    assert new == [printing.method_pdf_path(method, "sv")]
    assert new[0].startswith(f"method-pdfs/{method.pk}/v2-sv-")
    assert new != old and not default_storage.exists(old[0])


def test_a_draft_is_printed_for_its_author_and_never_reaches_others(client, render_calls):
    author = UserFactory()
    method = MethodFactory(title="Utkastet", slug="utkastet", status=Status.DRAFT, author=author)
    assert client.get("/metoder/utkastet.pdf").status_code == 404  # anonymous
    client.force_login(UserFactory())
    assert client.get("/metoder/utkastet.pdf").status_code == 404  # another member
    assert render_calls.call_count == 0
    assert printing.stored_method_pdfs(method) == []
    client.force_login(author)
    response = client.get("/metoder/utkastet.pdf")
    assert response.status_code == 200
    assert "Utkastet" in flat(" ".join(pdf_text(response.content)[1]))
    client.logout()
    assert client.get("/metoder/utkastet.pdf").status_code == 404  # stored, still not shown
    assert render_calls.call_count == 1


def test_a_method_over_the_bound_is_refused_before_weasyprint(client, render_calls):
    method = MethodFactory(title="Jättelång", slug="jattelang", status=Status.DRAFT)
    # Fields without a form limit (an import, the admin) can hold much more than a form allows.
    method.materials = "hink och mopp " * 110_000  # about 1.5 MB
    method.save()
    client.force_login(method.author)
    response = client.get("/metoder/jattelang.pdf")
    assert response.status_code == 422
    assert response["Cache-Control"] == "no-store"
    assert "Metoden är för lång för en PDF" in response.text
    assert "”Jättelång” har mer text än vad som kan skrivas ut som PDF." in response.text
    assert render_calls.call_count == 0
    assert printing.stored_method_pdfs(method) == []
    # The task refuses it too, and so does the builder.
    name = printing.method_pdf_path(method, "sv")
    assert printing.build_and_store_method_pdf.call(method.pk, name, "sv") == 0
    with pytest.raises(printing.MethodTooLongToPrint):
        printing.build_method_pdf(method)
    assert render_calls.call_count == 0


def test_a_method_at_the_bound_builds_within_a_bounded_number_of_pages(render_calls):
    # Every markdown field at its form limit, a step for every phase and role, and the rest of
    # the budget in a field without a form limit.
    method = MethodFactory(body=paragraphs(20_000), easy_read=paragraphs(10_000))
    for phase in Phase.objects.all():
        for role in Role.values:
            MethodStepFactory(method=method, phase=phase, role=role, text=paragraphs(2_000))
    method.purpose = paragraphs(printing.METHOD_PDF_MAX_CHARS - printing.printed_length(method))
    method.save()
    method = Method.objects.get(pk=method.pk)
    assert printing.printed_length(method) == printing.METHOD_PDF_MAX_CHARS
    name = printing.method_pdf_path(method, "sv")
    assert printing.build_and_store_method_pdf.call(method.pk, name, "sv") > 0
    pages, _texts = pdf_text(default_storage.open(name).read())
    assert pages <= 30  # 20 today
    assert render_calls.call_count == 1


# The worker manages its own database connections, as in production: a real transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_in_production_the_method_pdf_is_built_by_the_worker_not_the_request(client, settings):
    from django_tasks_db.models import DBTaskResult

    from tests.methods.test_notifications_outage import DATABASE_QUEUE, run_worker

    settings.TASKS = DATABASE_QUEUE
    method = MethodFactory(title="Kaffemaskinen", slug="kaffemaskinen")
    with mock.patch("methods.printing._render_pdf", side_effect=AssertionError("in a request")):
        for _ in range(2):
            response = client.get("/metoder/kaffemaskinen.pdf")
            assert response.status_code == 202  # accepted: it is being made
            assert response["Retry-After"] == "10"
            assert response["Cache-Control"] == "no-store"
            assert "Metoden som PDF förbereds just nu" in response.text
            assert 'href="/metoder/kaffemaskinen.pdf"' in response.text
    # Creating the method also queued the refresh of its suggestion lists: count the PDF builds.
    queued = DBTaskResult.objects.filter(
        status="READY", task_path="methods.printing.build_and_store_method_pdf"
    )
    assert queued.count() == 1  # one build, not two
    assert queued.get().args_kwargs["kwargs"] == {
        "method_id": method.pk,
        "name": printing.method_pdf_path(method, "sv"),
        "language": "sv",
    }
    assert printing.stored_method_pdfs(method) == []
    run_worker()
    with mock.patch("methods.printing._render_pdf", side_effect=AssertionError("rebuilt")):
        response = client.get("/metoder/kaffemaskinen.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Kaffemaskinen" in flat(" ".join(pdf_text(response.content)[1]))
    assert printing.stored_method_pdfs(method) == [printing.method_pdf_path(method, "sv")]
