"""Company directory and profiles.

The directory filters on county (`lan`), business line (`bransch`) and whether the company
takes study visits (`studiebesok=ja`). Values within a filter are alternatives, filters combine.
Next to each option is how many companies the list would show with it added (the other filters
applied, not its own), as in the method list. The page costs two queries whatever the number of
companies or filters: one UNION for every count (with the business lines' names), one for the
companies (with their business lines as a list of slugs).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    StringAgg,
    Subquery,
    TextField,
    Value,
    When,
)
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core.pagecache import cache_anonymous_page
from core.paging import bounded
from methods.choices import Status
from methods.models import BusinessLine, Method, name_in_reader_language

from .. import permissions, questions
from ..choices import County
from ..models import Company, ExperienceReport

COUNTY, LINE, VISITS = "lan", "bransch", "studiebesok"
PARAMS = [COUNTY, LINE, VISITS]
LABELS = {COUNTY: _("Län"), LINE: _("Bransch"), VISITS: _("Studiebesök")}
VISITS_YES = "ja"
_LINK_TABLE = Company.business_lines.through


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetView:
    param: str
    label: str
    options: list[Option]


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    value_label: str
    remove_querystring: str


class CompanyFilter:
    """The directory's filters from the URL. Unknown values are dropped, never an error."""

    def __init__(self, params) -> None:
        self.selected: dict[str, list[str]] = {}
        counties = [v for v in dict.fromkeys(params.getlist(COUNTY)) if v in County.values]
        if counties:
            self.selected[COUNTY] = counties
        # Business lines live in the database: checked against it by the count query.
        lines = [v for v in dict.fromkeys(params.getlist(LINE)) if v]
        if lines:
            self.selected[LINE] = lines[:50]
        if params.get(VISITS) == VISITS_YES:
            self.selected[VISITS] = [VISITS_YES]
        self.line_names: dict[str, str] = {}

    def _condition(self, param: str, values: list[str], *, checked: bool) -> Q:
        if param == COUNTY:
            return Q(county__in=values)
        if param == VISITS:
            return Q(open_to_study_visits=True)
        matching = Q(pk__in=_LINK_TABLE.objects.filter(businessline__slug__in=values).values(
            "company_id"
        ))  # fmt: skip
        if checked:
            return matching
        # Before the count query has told which slugs exist: a filter made only of unknown
        # slugs is no filter at all, as if it had been dropped.
        return matching | ~Exists(BusinessLine.objects.filter(slug__in=values))

    def apply(self, queryset: QuerySet, *, skip: str | None = None, checked=True) -> QuerySet:
        for param, values in self.selected.items():
            if param != skip:
                queryset = queryset.filter(self._condition(param, values, checked=checked))
        return queryset

    def _counts(self) -> QuerySet:
        """(facet, value, label, count) rows for every option, as one UNION query."""
        companies = Company.objects.all()

        def per_company(param: str, value) -> QuerySet:
            base = self.apply(companies, skip=param, checked=False)
            if param == VISITS:
                base = base.filter(open_to_study_visits=True)
            return (
                base.values(value=value)
                .annotate(n=Count("pk"))
                .annotate(
                    facet=Value(param, output_field=CharField()),
                    label=Value("", output_field=CharField()),
                )
                .values_list("facet", "value", "label", "n")
                .order_by()
            )

        lines = (
            BusinessLine.objects.annotate(
                n=Count(
                    "companies",
                    filter=Q(
                        companies__in=self.apply(companies, skip=LINE, checked=False).values("pk")
                    ),
                ),
                facet=Value(LINE, output_field=CharField()),
                value=F("slug"),
                label=name_in_reader_language(),
            )
            .values_list("facet", "value", "label", "n")
            .order_by()
        )
        visits = Case(
            When(open_to_study_visits=True, then=Value(VISITS_YES)),
            default=Value("nej"),
            output_field=CharField(),
        )
        # Ordered by its own columns: a union must not inherit Company's ordering by name.
        return (
            per_company(COUNTY, F("county"))
            .union(lines, per_company(VISITS, visits), all=True)
            .order_by("facet", "value")
        )

    def facet_views(self) -> list[FacetView]:
        """Every option with its count; also learns the business lines' names (one query)."""
        counts: dict[tuple[str, str], int] = {}
        for facet, value, label, n in self._counts():
            if facet == LINE:
                self.line_names[value] = label
            counts[(facet, value)] = n
        if LINE in self.selected:
            known = [v for v in self.selected[LINE] if v in self.line_names]
            if known:
                self.selected[LINE] = known
            else:
                del self.selected[LINE]
        choices = {
            COUNTY: County.choices,
            LINE: sorted(self.line_names.items(), key=lambda item: item[1].casefold()),
            VISITS: [(VISITS_YES, _("Tar emot studiebesök"))],
        }
        views = []
        for param in PARAMS:
            chosen = self.selected.get(param, [])
            options = [
                Option(value, str(label), counts.get((param, value), 0), value in chosen)
                for value, label in choices[param]
            ]
            views.append(FacetView(param, str(LABELS[param]), options))
        self._choices = choices
        return views

    def querystring(self, *, without: tuple[str, str] | None = None) -> str:
        pairs = [
            (param, value)
            for param in PARAMS
            for value in self.selected.get(param, [])
            if (param, value) != without
        ]
        return urlencode(pairs)

    @property
    def active(self) -> list[ActiveFilter]:
        """The chosen options, each with a link that removes it. Call after facet_views()."""
        result = []
        for param in PARAMS:
            labels = dict(self._choices[param])
            for value in self.selected.get(param, []):
                result.append(
                    ActiveFilter(
                        str(LABELS[param]),
                        str(labels[value]),
                        self.querystring(without=(param, value)),
                    )
                )
        return result


def _with_line_slugs(companies: QuerySet) -> QuerySet:
    """Each company's business lines as "slug,slug": a subquery, not a second query."""
    slugs = (
        _LINK_TABLE.objects.filter(company_id=OuterRef("pk"))
        .order_by()
        .values("company_id")
        .annotate(slugs=StringAgg("businessline__slug", delimiter=Value(",")))
        .values("slugs")
    )
    return companies.annotate(line_slugs=Subquery(slugs, output_field=TextField()))


@require_safe
@cache_anonymous_page
def company_list(request: HttpRequest) -> HttpResponse:
    company_filter = CompanyFilter(request.GET)
    facets = company_filter.facet_views()  # first: it settles which business lines exist
    companies = list(
        _with_line_slugs(company_filter.apply(Company.objects.all()))
        .annotate(
            # Reports on a method readers cannot see are not counted (nor shown on the profile).
            report_count=Count(
                "experience_reports",
                filter=Q(
                    experience_reports__status=Status.PUBLISHED,
                    experience_reports__method__status=Status.PUBLISHED,
                    experience_reports__method__deleted_at__isnull=True,
                ),
                distinct=True,
            )
        )
        .defer("description", "description_html", "search_text")
        .order_by("name", "pk")
    )
    names = company_filter.line_names
    for company in companies:
        slugs = (company.line_slugs or "").split(",")
        company.line_names = sorted(
            (names[s] for s in slugs if s in names), key=lambda name: name.casefold()
        )
    return render(
        request,
        "companies/company_list.html",
        {
            "companies": companies,
            "facets": facets,
            "filter": company_filter,
            "active_filters": company_filter.active,
        },
    )


@require_safe
@cache_anonymous_page
def company_detail(request: HttpRequest, slug: str) -> HttpResponse:
    company = get_object_or_404(
        Company.objects.prefetch_related(
            "business_lines",
            Prefetch(
                "methods",
                queryset=Method.objects.published()
                .only("title", "slug", "company")
                .order_by("title"),
                to_attr="published_methods",
            ),
        ),
        slug=slug,
    )
    # A page of the reports at a time, latest period first: a company that has reported for years
    # gets a page of the same size and cost.
    reports = bounded(
        ExperienceReport.objects.published()
        # A report on a draft or a binned method would name a page readers cannot see.
        .filter(company=company, method__in=Method.objects.published())
        .select_related("method")
        .only("title", "recommend_score", "context", "method__title", "method__slug")
        .order_by("-period_start", "-pk"),
        request.GET,
        "rapporter",
    )
    # "Vi tar emot studiebesök om": read only for a company that takes study visits.
    company.shown_study_visit_areas = (
        list(company.study_visit_areas.order_by("name")) if company.open_to_study_visits else []
    )
    # The admins' inbox: the latest open questions to the company (signed-in admins only, so
    # the page served to readers costs what it did).
    inbox = None
    if permissions.can_read_question_inbox(request.user, company):
        inbox = bounded(questions.inbox(company).open(), request.GET, "fragor", size=5)
    return render(
        request,
        "companies/company_detail.html",
        {
            "company": company,
            "reports": reports,
            "is_company_admin": permissions.can_manage_company(request.user, company),
            "can_follow": permissions.can_follow_company(request.user, company),
            "offers_questions": permissions.offers_questions(request.user, company),
            "inbox": inbox,
        },
    )
