"""Bounded lists on signed-in working pages (the editors' desk, Min sida).

Such a page shows several lists at once, each of which can grow with the handbook (the methods
past their review date, an author's methods). Each list shows one page of rows and links to
the next, with its own page parameter so paging one list leaves the others where they are.

The total comes from the same query as the rows (a window count computed before LIMIT), so a
list costs one query whatever its length and whatever the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet, Window
from django.http import Http404, QueryDict

PAGE_SIZE = 20
# Far beyond any real list; an offset the database would walk needlessly is refused.
MAX_PAGE = 10_000


@dataclass(frozen=True)
class BoundedList:
    rows: list
    total: int
    number: int
    size: int
    param: str
    query: str = ""  # the request's other parameters, kept by the page links

    @property
    def first_index(self) -> int:
        return (self.number - 1) * self.size + 1 if self.rows else 0

    @property
    def last_index(self) -> int:
        return (self.number - 1) * self.size + len(self.rows)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.last_index < self.total

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_href(self) -> str:
        return self._href(self.number - 1)

    @property
    def next_href(self) -> str:
        return self._href(self.number + 1)

    def _href(self, number: int) -> str:
        pairs = [self.query] if self.query else []
        if number > 1:
            pairs.append(f"{self.param}={number}")
        return "?" + "&".join(pairs) if pairs else "?"

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)


def page_number(params: QueryDict, param: str) -> int:
    """The page asked for in ?<param>=N: 1 when absent, 404 when it is not a page number."""
    value = params.get(param, "1")
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE:
        raise Http404
    return int(value)


def bounded(queryset: QuerySet, params: QueryDict, param: str, size: int = PAGE_SIZE):
    """One page of the queryset's rows (ordered by the caller) and the total, in one query.

    A page past the end answers 404, as the method list's does, except page 1 of an empty
    list, which is simply empty.
    """
    number = page_number(params, param)
    offset = (number - 1) * size
    rows = list(queryset.annotate(bounded_total=Window(Count("pk")))[offset : offset + size])
    if not rows and number > 1:
        raise Http404
    total = rows[0].bounded_total if rows else 0
    others = params.copy()
    others.pop(param, None)
    return BoundedList(rows, total, number, size, param, others.urlencode())
