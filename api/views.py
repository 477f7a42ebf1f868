"""The read API's operations, /api/v1/ (docs/architecture.md, "The read API").

JSON only, GET only, anonymous-public: every answer is the one a signed-out reader gets,
whoever asks (api.permissions). Each operation is limited per client address (a JSON 429 with
Retry-After) and served from the page cache of the reading pages (core.pagecache: per site
version and language, with an ETag and 304 for If-None-Match). The schema at /api/v1/schema/
and the documentation page at /api/v1/docs/ are generated from the type hints below.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Literal

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import condition, require_safe
from ninja import NinjaAPI, Path, Query, Schema, Status
from ninja.decorators import decorate_view
from ninja.errors import HttpError, ValidationError

from core.pagecache import cache_anonymous_page
from core.ratelimit import ratelimited

from . import opendata, reads
from .docs import HandbookDocs
from .schemas import (
    CompanyDetail,
    CompanyPage,
    Error,
    MethodDetail,
    MethodPage,
    PhaseOut,
    ReportOut,
    ReportPage,
    TrainerOut,
    TrainerPage,
)

# Not a Swedish word: the site's paths are Swedish, an API's are conventionally English.
api = NinjaAPI(
    title="Kompetenshandboken API",
    version="1",
    description=gettext_lazy(
        "Den publicerade handboken som JSON: faser, metoder, företag, erfarenhetsrapporter, "
        "utbildare och filmer. "
        "Öppet för alla utan inloggning; bara det som är publicerat syns."
    ),
    urls_namespace="api",
    openapi_url="/schema/",
    docs=HandbookDocs(),
    docs_url="/docs/",
    # The documentation page is a reading page like the others: cached per site version.
    docs_decorator=cache_anonymous_page,
)


def too_many_requests(request: HttpRequest, retry_seconds: int) -> HttpResponse:
    """The API's 429: JSON with the wait in words and in Retry-After."""
    minutes = max(1, math.ceil(retry_seconds / 60))
    response = JsonResponse(
        {
            "detail": _(
                "För många anrop från din adress. Vänta %(minutes)s minut(er) och försök igen."
            )
            % {"minutes": minutes}
        },
        status=429,
    )
    response["Retry-After"] = str(retry_seconds)
    return response


# Per client address, every request counted (cache hits too: they still cost a round trip).
api_limited = ratelimited(
    "api", "RATELIMIT_API", "RATELIMIT_API_PERIOD", key="ip", respond=too_many_requests
)
# Listed first, applied first: the rate limit ends up outermost, before the cache.
READ = decorate_view(cache_anonymous_page, api_limited)
ERRORS = {400: Error, 404: Error, 429: Error}
PageNumber = Query(1, ge=1, le=100_000, description="Sidnummer, från 1.")
PageSize = Query(reads.DEFAULT_PAGE_SIZE, ge=1, le=reads.MAX_PAGE_SIZE)
UpdatedSince = Query(
    None,
    description="Bara det som ändrats sedan denna tidpunkt (ISO 8601, till exempel "
    "2026-11-30T12:00:00+01:00); utan tidszon gäller svensk tid.",
)
FacetValues = Query([], description="Samma värden som filtren i metodlistan; flera värden = eller.")


@api.exception_handler(ValidationError)
def bad_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    names = sorted({str(error.get("loc", ["", "?"])[-1]) for error in exc.errors})
    message = _("Ogiltigt värde i: %(names)s.") % {"names": ", ".join(names)}
    return api.create_response(request, {"detail": message}, status=400)


def _since(value: datetime | None) -> datetime | None:
    """An aware datetime (naive ones in the site's time zone), or 400 if it is out of range."""
    if value is None:
        return None
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(UTC)
    except (OverflowError, ValueError) as error:
        raise HttpError(400, _("Ogiltig tidpunkt i updated_since.")) from error


def _not_found() -> Status:
    return Status(404, {"detail": _("Finns inte, eller är inte publicerad.")})


class Index(Schema):
    phases: str
    methods: str
    companies: str
    reports: str
    trainers: str
    schema_url: str
    docs_url: str


@api.get(
    "/",
    response={200: Index, **ERRORS},
    # The name of django-ninja's own root route (a bare 404), which this one shadows.
    url_name="api-root",
    summary=gettext_lazy("Ingången"),
    tags=["ingång"],
)
@READ
def index(request: HttpRequest):
    """Where everything is."""
    return {
        "phases": reads.api_url("phases"),
        "methods": reads.api_url("methods"),
        "companies": reads.api_url("companies"),
        "reports": reads.api_url("reports"),
        "trainers": reads.api_url("trainers"),
        "schema_url": reads.api_url("openapi-json"),
        "docs_url": reads.api_url("openapi-view"),
    }


@api.get(
    "/phases/",
    response={200: list[PhaseOut], **ERRORS},
    url_name="phases",
    summary=gettext_lazy("Faserna"),
    tags=["faser"],
)
@READ
def phase_list(request: HttpRequest):
    """The six phases in order, each with its guide and checklist."""
    return reads.phases()


@api.get(
    "/phases/{slug}/",
    response={200: PhaseOut, **ERRORS},
    url_name="phase",
    summary=gettext_lazy("En fas"),
    tags=["faser"],
)
@READ
def phase_detail(request: HttpRequest, slug: str = Path(..., examples=["forankring"])):
    found = reads.phases(slug)
    return found[0] if found else _not_found()


@api.get(
    "/methods/",
    response={200: MethodPage, **ERRORS},
    url_name="methods",
    summary=gettext_lazy("Metoder"),
    tags=["metoder"],
)
@READ
def method_list(
    request: HttpRequest,
    q: str = Query("", max_length=200, description="Sökord, som i webbplatsens sökning."),
    fas: list[str] = FacetValues,
    omrade: list[str] = FacetValues,
    form: list[str] = FacetValues,
    bransch: list[str] = FacetValues,
    roll: list[str] = FacetValues,
    kostnad: list[str] = FacetValues,
    tid: list[str] = FacetValues,
    extern: list[str] = FacetValues,
    sort: Literal["titel", "nyast", "rapporter", "relevans", "andrad"] | None = Query(
        None,
        description="titel (förval), nyast, rapporter, relevans (med q) eller andrad "
        "(senast ändrade sist, för synkronisering).",
    ),
    updated_since: datetime | None = UpdatedSince,
    page: int = PageNumber,
    page_size: int = PageSize,
):
    """Published methods, a page at a time, in a stable order (id breaks ties)."""
    paging = reads.Paging(page, page_size)
    return reads.method_page(request, paging, _since(updated_since))


@api.get(
    "/methods/{slug}/",
    response={200: MethodDetail, **ERRORS},
    url_name="method",
    summary=gettext_lazy("En metod"),
    tags=["metoder"],
)
@READ
def method_detail(
    request: HttpRequest, slug: str = Path(..., examples=["fadder-pa-arbetsplatsen"])
):
    """A published method with every public field."""
    return reads.method_detail(request, slug) or _not_found()


@api.get(
    "/companies/",
    response={200: CompanyPage, **ERRORS},
    url_name="companies",
    summary=gettext_lazy("Företag"),
    tags=["företag"],
)
@READ
def company_list(
    request: HttpRequest,
    updated_since: datetime | None = UpdatedSince,
    page: int = PageNumber,
    page_size: int = PageSize,
):
    """The companies' public profiles, by name."""
    return reads.company_page(request, reads.Paging(page, page_size), _since(updated_since))


@api.get(
    "/companies/{slug}/",
    response={200: CompanyDetail, **ERRORS},
    url_name="company",
    summary=gettext_lazy("Ett företag"),
    tags=["företag"],
)
@READ
def company_detail(request: HttpRequest, slug: str = Path(..., examples=["returbaren"])):
    return reads.company_detail(request, slug) or _not_found()


@api.get(
    "/reports/",
    response={200: ReportPage, **ERRORS},
    url_name="reports",
    summary=gettext_lazy("Erfarenhetsrapporter"),
    tags=["erfarenhetsrapporter"],
)
@READ
def report_list(
    request: HttpRequest,
    method: str = Query("", max_length=80, description="Bara rapporter om metoden (slug)."),
    company: str = Query("", max_length=80, description="Bara företagets rapporter (slug)."),
    updated_since: datetime | None = UpdatedSince,
    page: int = PageNumber,
    page_size: int = PageSize,
):
    """Published experience reports, latest period first."""
    paging = reads.Paging(page, page_size)
    return reads.report_page(request, paging, method, company, _since(updated_since))


@api.get(
    "/reports/{pk}/",
    response={200: ReportOut, **ERRORS},
    url_name="report",
    summary=gettext_lazy("En erfarenhetsrapport"),
    tags=["erfarenhetsrapporter"],
)
@READ
def report_detail(request: HttpRequest, pk: int = Path(..., ge=1, le=2_147_483_647, examples=[1])):
    return reads.report_detail(request, pk) or _not_found()


@api.get(
    "/trainers/",
    response={200: TrainerPage, **ERRORS},
    url_name="trainers",
    summary=gettext_lazy("Utbildare"),
    tags=["utbildare"],
)
@READ
def trainer_list(
    request: HttpRequest,
    updated_since: datetime | None = UpdatedSince,
    page: int = PageNumber,
    page_size: int = PageSize,
):
    """Approved trainer profiles, by name. Readers contact a trainer through the site."""
    return reads.trainer_page(request, reads.Paging(page, page_size), _since(updated_since))


@api.get(
    "/trainers/{slug}/",
    response={200: TrainerOut, **ERRORS},
    url_name="trainer",
    summary=gettext_lazy("En utbildare"),
    tags=["utbildare"],
)
@READ
def trainer_detail(request: HttpRequest, slug: str = Path(..., examples=["larande-verkstan"])):
    return reads.trainer_detail(request, slug) or _not_found()


# The open-data download: a plain view beside the operations (a file, not JSON) ---------------


@require_safe
@api_limited
@condition(etag_func=lambda request: f'"{opendata.archive_version()}"')
def open_data(request: HttpRequest) -> HttpResponse:
    """The whole published handbook as one zip (api.opendata), from storage; 202 while the
    worker builds this version's archive."""
    _version, data = opendata.open_data_archive()
    if data is None:
        response = JsonResponse(
            {"detail": _("Arkivet byggs just nu. Försök igen om en minut.")}, status=202
        )
        response["Retry-After"] = "60"
        response["Cache-Control"] = "no-store"
        return response
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="kompetenshandboken.zip"'
    return response
