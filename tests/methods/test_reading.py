"""The method page and its printable card (methods/views/reading.py): what each render asks
the database, the same for a small method and a large one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from methods import suggestions
from methods.choices import Role
from methods.models import Method, Phase
from methods.views import reading
from tests.factories import ExperienceReportFactory, MethodFactory, MethodStepFactory

pytestmark = pytest.mark.django_db


def phase(number: int) -> Phase:
    return Phase.objects.get(number=number)


@pytest.mark.parametrize("size", [1, 6])
def test_card_asks_only_for_what_it_prints(client, django_assert_num_queries, size):
    phases = [phase(n) for n in range(1, size + 1)]
    method = MethodFactory(phases=phases, easy_read="Gör så här.")
    for p in phases:
        for role in Role.values:
            MethodStepFactory(method=method, phase=p, role=role, text=f"Steg i {p.name}.")
    # the site version (page cache), the method, its phases, its steps with their phases, its
    # films (material: a QR code each): no areas, lines of business or target roles, which the
    # card does not print
    with django_assert_num_queries(5):
        response = client.get(f"/metoder/{method.slug}/kort/")
    html = response.content.decode()
    assert [row["phase"].number for row in response.context["matrix"]] == list(range(1, size + 1))
    assert f"<p>Steg i {phases[-1].name}.</p>" in html
    assert 'class="qr-code"' in html


def test_card_encodes_its_qr_code_once_per_address(client, settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 0
    reading._card_qr.cache_clear()
    calls = []
    real = reading.printing.qr_svg

    def counting(url, label=None):
        calls.append(url)
        return real(url, label)

    monkeypatch.setattr(reading.printing, "qr_svg", counting)
    first, second = MethodFactory(), MethodFactory()
    for method in (first, second, first, first):
        assert 'class="qr-code"' in client.get(f"/metoder/{method.slug}/kort/").content.decode()
    assert calls == [
        settings.SITE_URL + first.get_absolute_url(),
        settings.SITE_URL + second.get_absolute_url(),
    ]


@pytest.mark.parametrize("size", [0, 1, 6])
def test_method_page_reads_kept_suggestions_with_the_method(client, settings, size):
    """With the read model filled and every cache off (DummyCache: the suggestion lists, the
    phase list), the page asks a fixed set of queries, and none of them ranks methods."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    phases = [phase(n) for n in range(1, max(size, 1) + 1)]
    method = MethodFactory(phases=phases)
    for p in phases:
        MethodStepFactory(method=method, phase=p)
    for report in ExperienceReportFactory.create_batch(size, method=method):
        ExperienceReportFactory(company=report.company, method=MethodFactory(phases=phases))
    MethodFactory.create_batch(size, phases=phases)
    suggestions.rebuild()
    ranked = Method.objects.related_to(
        suggestions._with_classification(Method.objects.filter(pk=method.pk)).get()
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(method.get_absolute_url())
    # the method (with whether it has trainers, films, links, reports or comments: no
    # comments here, and with its kept suggestions), its phases, areas, lines, roles, steps;
    # with reports also the reports, the site version and all phases (for the reports' notes)
    assert len(queries.captured_queries) == (9 if size else 6)
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "SUM(weight)" not in sql
    assert len(response.context["similar_methods"]) == min(4, 2 * size)
    assert len(response.context["reports"]) == size
    assert [m.pk for m in response.context["similar_methods"]] == [m.pk for m in ranked[0]]
    assert [m.pk for m in response.context["same_line_methods"]] == [m.pk for m in ranked[1]]
