"""Atom feeds of new and updated published methods (issue 16): the whole handbook, one phase,
one competence area. A feed reader or another site follows what is new without scraping pages.

Each feed is the latest FEED_LENGTH published methods by their last change, read in one query
with what an entry shows (the phase or area it follows is one more): the same cost at any
handbook size. Feeds are served through the anonymous page cache like the reading pages (the
cache keeps Atom beside HTML), so a feed reader polling every few minutes costs a cache hit.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.pagecache import cache_anonymous_page

from ..models import CompetenceArea, Method, Phase

# The latest this many methods: a feed reader needs what changed since it last looked.
FEED_LENGTH = 50

# What an entry shows, and nothing else (no texts beyond the summary).
ENTRY_FIELDS = [
    "title", "slug", "summary", "updated_at", "published_at", "licence",
    "author__display_name", "author__email", "company__name",
]  # fmt: skip


def feed_methods(**filters) -> list[Method]:
    """The latest FEED_LENGTH published methods (filtered), newest change first, one query."""
    return list(
        Method.objects.published()
        .filter(**filters)
        .select_related("author", "company")
        .only(*ENTRY_FIELDS)
        .order_by("-updated_at", "-pk")[:FEED_LENGTH]
    )


class HandbookFeed(Feed):
    """Every published method."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args, **kwargs):
        return None

    def title(self, obj) -> str:
        return _("Kompetenshandboken: nya och ändrade metoder")

    def subtitle(self, obj) -> str:
        return _("Metoder för kompetensutveckling i arbetsintegrerande sociala företag.")

    def link(self, obj) -> str:
        return reverse("methods:list")

    def feed_url(self, obj) -> str:
        return reverse("methods:feed")

    def feed_guid(self, obj) -> str:
        return settings.SITE_URL + self.feed_url(obj)

    def author_name(self, obj) -> str:
        return _("Kompetenshandboken")

    def language(self, obj) -> str:
        return get_language() or settings.LANGUAGE_CODE

    def items(self, obj) -> list[Method]:
        return feed_methods()

    def item_title(self, item: Method) -> str:
        return item.title

    def item_description(self, item: Method) -> str:
        # The summary is plain text; Atom's summary here is HTML, so it is escaped.
        return escape(item.summary)

    def item_link(self, item: Method) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Method) -> str:
        # A tag URI (RFC 4151) from the method's permanent address and the day it was first
        # published: the entry keeps its id whatever changes in the text.
        host = urlsplit(settings.SITE_URL).hostname
        return f"tag:{host},{item.published_at:%Y-%m-%d}:{item.get_absolute_url()}"

    def item_copyright(self, item: Method) -> str:
        # Atom's <rights>: the licence a reuser must follow, as the share box names it.
        deed = item.licence_deed
        return f"{deed[0]} {deed[1]}" if deed else item.get_licence_display()

    def item_author_name(self, item: Method) -> str:
        return item.credited_to

    def item_pubdate(self, item: Method):
        return item.published_at

    def item_updateddate(self, item: Method):
        return item.updated_at


class PhaseFeed(HandbookFeed):
    """The published methods of one phase."""

    def get_object(self, request: HttpRequest, slug: str) -> Phase:
        return get_object_or_404(Phase.objects.only("number", "slug", "name", "name_en"), slug=slug)

    def title(self, obj: Phase) -> str:
        return _("Kompetenshandboken: metoder för fas %(number)s, %(name)s") % {
            "number": obj.number,
            "name": obj.display_name,
        }

    def link(self, obj: Phase) -> str:
        return obj.get_absolute_url()

    def feed_url(self, obj: Phase) -> str:
        return reverse("methods:phase_feed", args=[obj.slug])

    def items(self, obj: Phase) -> list[Method]:
        return feed_methods(phases=obj)


class AreaFeed(HandbookFeed):
    """The published methods of one competence area."""

    def get_object(self, request: HttpRequest, slug: str) -> CompetenceArea:
        return get_object_or_404(CompetenceArea.objects.only("slug", "name", "name_en"), slug=slug)

    def title(self, obj: CompetenceArea) -> str:
        return _("Kompetenshandboken: metoder inom %(area)s") % {"area": obj.display_name}

    def link(self, obj: CompetenceArea) -> str:
        return reverse("methods:list") + f"?omrade={obj.slug}"

    def feed_url(self, obj: CompetenceArea) -> str:
        return reverse("methods:area_feed", args=[obj.slug])

    def items(self, obj: CompetenceArea) -> list[Method]:
        return feed_methods(competence_areas=obj)


handbook_feed = require_safe(cache_anonymous_page(HandbookFeed()))
phase_feed = require_safe(cache_anonymous_page(PhaseFeed()))
area_feed = require_safe(cache_anonymous_page(AreaFeed()))


def list_feed(selected: dict[str, list[str]], choices: dict[str, list]) -> tuple[str, str]:
    """The feed the method list offers, as (address, title): the competence area's when the
    list shows exactly one area, the whole handbook's otherwise."""
    areas = selected.get("omrade", [])
    if len(areas) == 1:
        name = dict(choices["omrade"])[areas[0]]
        return (
            reverse("methods:area_feed", args=[areas[0]]),
            _("Nya och ändrade metoder inom %(area)s") % {"area": name},
        )
    return reverse("methods:feed"), _("Nya och ändrade metoder")
