"""The method page's own parts kept rendered (KeptMethodPage): a read model of what a published
method's page shows from the method alone, per language, and its card in the method list.

Two thirds of a method page's render went to loading the method's phases, steps, areas, lines
and target roles (five queries) and running the templates that turn them into the heading,
the facts, the text, the matrix and the practical details. None of that depends on who reads
the page, so it is rendered once, when the method changes, and the page reads it in the query
that loads the method. What does depend on the reader or on other content (the tools of an
editor, comments, experience reports, films, trainers, suggestions, "Om metoden") is rendered
live around it, as before.

Never stale, by three rules:

1. Every change a kept part shows drops the method's rows in the same transaction as the
   change (signals on the method, its steps, target roles and phase, area and line links:
   the same paths the list index follows; the update() paths call forget(): the recycle bin,
   and the count of experience reports the card shows).
   From the commit on, the page renders live until the task queued on commit has kept the
   parts again.
2. A change to a name the parts show (a phase, a competence area, a line of business) drops
   every row, and queues keeping them all again.
3. Rows carry a stamp of the templates and translation catalogues they were rendered with; a
   deploy that changes either makes every row unreadable until `keep_method_pages` (run after
   migrate) renders them again. The page is right meanwhile, only slower.

Only published methods are kept: a draft, a method under review or an archived one is rendered
live for the few who see it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction
from django.db.models import (
    Case,
    Count,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
    When,
    prefetch_related_objects,
)
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.tasks import task
from django.template import engines
from django.template.loader import render_to_string
from django.template.loader_tags import IncludeNode
from django.utils import translation

from core.tasks import gather_on_commit

from .choices import Role, Status
from .models import (
    BusinessLine,
    CompetenceArea,
    KeptMethodPage,
    Method,
    MethodStep,
    MethodTargetRole,
    Phase,
    list_row_prefetches,
)

HEADER = "methods/_page_header.html"
TEXT = "methods/_page_text.html"
CARD = "includes/method_card.html"

# Methods rendered per batch when keeping many.
BATCH = 50


# --- Reading ----------------------------------------------------------------------------------


# The parts a method page shows (the card is the lists').
PAGE_PARTS = ("header", "text", "easy_read")
# The method's long texts that its page reads only to render the parts live: the page's query
# defers them (with the markdown sources, which no page shows) and selects each as
# `live_<field>` only for a row whose parts will be rendered live (with_kept_parts), so a kept
# page reads none of them and a live page no extra query. Most of the row's bytes: about
# 10 kB of a published method.
LIVE_TEXT = ("body_html", "easy_read_html")
NOT_ON_THE_PAGE = ("body", "easy_read", "search_text", "search_vector")


def with_kept_parts(queryset: QuerySet) -> QuerySet:
    """The methods with `kept_header`, `kept_text` and `kept_easy_read`: the parts kept in the
    active language with this deploy's stamp, or None (one join on the unique (method,
    language) index in the query that loads the method); and `live_body_html` and
    `live_easy_read_html`: those texts when the parts will be rendered live, else None."""
    rendered_live = Q(kept_header__isnull=True) | ~Q(status=Status.PUBLISHED)  # as parts_for()
    return queryset.annotate(
        kept_page=FilteredRelation(
            "kept_pages",
            condition=Q(kept_pages__language=_language(), kept_pages__stamp=stamp()),
        ),
        **{f"kept_{part}": F(f"kept_page__{part}") for part in PAGE_PARTS},
    ).annotate(
        **{
            f"live_{field}": Case(
                When(rendered_live, then=F(field)), default=None, output_field=TextField()
            )
            for field in LIVE_TEXT
        }
    )


def parts_for(method: Method) -> dict | None:
    """The kept parts to show for a method loaded with with_kept_parts(), as {part: html}, or
    None when the page must render them: not kept (yet), or the method is not published (a
    row is only ever written for a published method, and dropped with every change, but the
    status decides)."""
    if getattr(method, "kept_header", None) is None or not method.is_published:
        return None
    return {part: getattr(method, f"kept_{part}") for part in PAGE_PARTS}


def load_live_text(method: Method) -> None:
    """Put the long texts the page's query selected for rendering the parts live (loaded with
    with_kept_parts()) where the templates read them."""
    for field in LIVE_TEXT:
        value = getattr(method, f"live_{field}")
        if value is None:  # not selected: the row and parts_for() disagree, so ask again
            method.refresh_from_db(fields=LIVE_TEXT)
            return
        setattr(method, field, value)


def with_kept_cards(queryset: QuerySet) -> QuerySet:
    """List rows with `kept_card`: the method's list card (includes/method_card.html without a
    search snippet) as kept in the active language, or None."""
    return queryset.annotate(
        kept_card=Subquery(
            KeptMethodPage.objects.filter(
                method=OuterRef("pk"), language=_language(), stamp=stamp()
            ).values("card")[:1]
        )
    )


def load_cards(methods: list[Method]) -> list[Method]:
    """The rows loaded with with_kept_cards(), with the phases and areas loaded for the rows
    whose card is rendered live: those without a kept card, and any no longer published (as on
    the method page, the status read with the row decides, not the row's presence)."""
    live = [method for method in methods if not (method.kept_card and method.is_published)]
    if live:
        prefetch_related_objects(live, *list_row_prefetches())
    for method in live:
        method.kept_card = None
    return methods


def page_related() -> list:
    """What rendering the parts needs loaded with the method (prefetch_related)."""
    return [
        Prefetch("phases", queryset=Phase.objects.order_by("number")),
        Prefetch("steps", queryset=MethodStep.objects.select_related("phase")),
        "competence_areas",
        "business_lines",
        "target_roles",
        "external_trainer_phase",
    ]


def parts_context(method: Method) -> dict:
    """The context the parts' templates need (the method loaded with page_related())."""
    phases = list(method.phases.all())
    return {
        "method": method,
        "method_phases": phases,
        "roles": Role.choices,
        "matrix": method.role_phase_matrix(phases),
    }


# --- Keeping ----------------------------------------------------------------------------------


@cache
def stamp() -> str:
    """What the parts were rendered with: the sources of their templates and of every template
    they include, and every language's compiled catalogue (fixed while the process runs; a
    deploy that changes one changes it)."""
    digest = hashlib.sha256()
    for name in templates():
        digest.update(engines["django"].engine.get_template(name).source.encode())
    for language, _name in settings.LANGUAGES:
        for folder in settings.LOCALE_PATHS:
            catalogue = Path(folder) / language / "LC_MESSAGES" / "django.mo"
            if catalogue.exists():
                digest.update(catalogue.read_bytes())
    return digest.hexdigest()[:32]


def templates() -> list[str]:
    """The parts' templates and, recursively, those they include (by a name written in the
    template: the parts include no template chosen at render time)."""
    found: list[str] = []
    pending = [HEADER, TEXT, CARD]
    while pending:
        name = pending.pop(0)
        if name in found:
            continue
        found.append(name)
        for node in (
            engines["django"].engine.get_template(name).nodelist.get_nodes_by_type(IncludeNode)
        ):
            included = node.template.var
            if not isinstance(included, str):  # a variable: the rule above would not hold
                raise ValueError(f"{name} includes a template named at render time.")
            pending.append(included)
    return found


def _language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def render_parts(method: Method) -> dict[str, str]:
    """The parts of one method in the active language (loaded with page_related()), as the
    fields of its KeptMethodPage."""
    context = parts_context(method)
    return {
        "header": render_to_string(HEADER, context),
        "text": render_to_string(TEXT, {**context, "easy_read": False}),
        "easy_read": (
            render_to_string(TEXT, {**context, "easy_read": True}) if method.easy_read_html else ""
        ),
        # Its card in the lists (the phases and areas are prefetched in full here).
        "card": render_to_string(CARD, {"method": method, "snippet": None}),
    }


def missing() -> list[int]:
    """The published methods without parts of this stamp in every language."""
    complete = (
        KeptMethodPage.objects.filter(stamp=stamp())
        .values("method_id")
        .annotate(languages=Count("pk"))
        .filter(languages=len(settings.LANGUAGES))
        .values("method_id")
    )
    return list(Method.objects.published().exclude(pk__in=complete).values_list("pk", flat=True))


def keep(method_ids: Iterable[int] | None = None) -> int:
    """Render and store the parts of these published methods (those missing() for None) in
    every language; rows of the others are dropped. Returns how many methods were kept.

    Each batch is rendered in one transaction that first locks its methods, the lock every
    change takes in forget() before it drops rows: a change committed before the lock is read
    here, and one still open drops what this writes as soon as the lock is released. Either
    way no row outlives a change. The same holds for the names of phases, areas and lines.
    SQLite has no row locks but one writer at a time: a batch that read before a change
    committed cannot write after it ("database is locked"), and its methods are rendered live
    until they are kept again."""
    ids = sorted(set(method_ids) if method_ids is not None else missing())
    kept = 0
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        with transaction.atomic():
            list(Method.objects.select_for_update().filter(pk__in=batch).values_list("pk"))
            # And the names the parts show: a rename waits, then drops every row (forget_all).
            # NO KEY: a method saved meanwhile may still link to a phase, area or line.
            for model in _SHOWN_NAMES:
                list(model.objects.select_for_update(no_key=True).values_list("pk"))
            rows = rendered(batch)
            KeptMethodPage.objects.filter(method_id__in=batch).delete()
            KeptMethodPage.objects.bulk_create(rows)
        kept += len({row.method_id for row in rows})
    return kept


def rendered(method_ids: list[int]) -> list[KeptMethodPage]:
    """Rows (not saved) of the parts of these methods that are published, in every language."""
    methods = list(
        Method.objects.published()
        .filter(pk__in=method_ids)
        # The search fields are the row's largest and no part shows them: a seeder's workers
        # keeping 100,000 pages read them from disk for nothing.
        .defer("search_text", "search_vector")
        .prefetch_related(*page_related())
    )
    rows = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            rows += [
                KeptMethodPage(
                    method=method, language=language, stamp=stamp(), **render_parts(method)
                )
                for method in methods
            ]
    return rows


def forget(method_ids: Iterable[int]) -> None:
    """Drop these methods' rows (in the caller's transaction) and keep those that are published
    again once it commits."""
    method_ids = set(method_ids)
    if not method_ids:
        return
    with transaction.atomic():
        # Held until the change commits: a keep() under way finishes first, and its rows go.
        # Only a published method is kept, so only its lock matters (and tells it is published).
        published = set(
            Method.objects.published()
            .select_for_update()
            .filter(pk__in=method_ids)
            .values_list("pk", flat=True)
        )
        KeptMethodPage.objects.filter(method_id__in=method_ids).delete()
        _schedule(published)


def forget_all() -> None:
    """Drop every row (a name the parts show changed, or a restore) and keep them all again
    once the transaction commits."""
    with transaction.atomic():
        KeptMethodPage.objects.all().delete()
        _schedule(None)


@task()
def keep_method_pages(method_ids: list[int] | None) -> None:
    keep(method_ids)


def after_migrate(**kwargs) -> None:
    """Every release runs migrate: the methods whose parts a changed template or catalogue made
    unreadable are kept again by the worker (post_migrate of this app, once per migrate).
    Not after a migration back to before the table existed."""
    using = kwargs.get("using", "default")
    if KeptMethodPage._meta.db_table in connections[using].introspection.table_names():
        keep_method_pages.enqueue(method_ids=None)


def _schedule(method_ids: set[int] | None) -> None:
    """Keep these methods (None: every one) again once the transaction commits, in one task for
    every change in it (core.tasks.gather_on_commit)."""
    gather_on_commit(
        "kept_pages", lambda **ids: keep_method_pages.enqueue(**ids), method_ids=method_ids
    )


# --- What drops rows --------------------------------------------------------------------------

# The fields of the vocabularies that the parts show (names and the phase's number and address).
_SHOWN_NAMES = {
    Phase: ("number", "slug", "name", "name_en"),
    CompetenceArea: ("name", "name_en"),
    BusinessLine: ("name", "name_en"),
}


def _method_changed(sender, instance: Method, raw: bool = False, **kwargs) -> None:
    """A saved method: its rows go, and a published one is kept again. The save's own UPDATE
    holds the row lock that forget() takes, and a draft (most saves: the wizard's autosave)
    costs one DELETE of nothing and queues no task."""
    if raw:
        return
    KeptMethodPage.objects.filter(method_id=instance.pk).delete()
    if instance.is_published:
        _schedule({instance.pk})


def _part_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        forget([instance.method_id])


def _links_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        forget([instance.pk])
    elif pk_set:
        forget(pk_set)
    else:  # a phase, area or line cleared of every method (post_clear names none): rare
        forget_all()


def _name_saving(sender, instance, raw: bool = False, **kwargs) -> None:
    """Before a vocabulary row is saved: whether a name the parts show changes."""
    if raw or instance.pk is None:
        instance._kept_names_changed = False
        return
    fields = _SHOWN_NAMES[sender]
    old = sender.objects.filter(pk=instance.pk).values(*fields).first()
    instance._kept_names_changed = old is None or any(
        old[field] != getattr(instance, field) for field in fields
    )


def _name_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw and getattr(instance, "_kept_names_changed", True):
        forget_all()


def _name_deleted(sender, instance, **kwargs) -> None:
    forget_all()


def connect() -> None:
    """Called from MethodsConfig.ready()."""
    post_save.connect(_method_changed, sender=Method, dispatch_uid="keptpage-method")
    for model in (MethodStep, MethodTargetRole):
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"keptpage-save-{model}")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"keptpage-delete-{model}")
    for field in ("phases", "competence_areas", "business_lines"):
        m2m_changed.connect(
            _links_changed,
            sender=getattr(Method, field).through,
            dispatch_uid=f"keptpage-{field}",
        )
    for model in _SHOWN_NAMES:
        pre_save.connect(_name_saving, sender=model, dispatch_uid=f"keptpage-saving-{model}")
        post_save.connect(_name_saved, sender=model, dispatch_uid=f"keptpage-saved-{model}")
        post_delete.connect(_name_deleted, sender=model, dispatch_uid=f"keptpage-deleted-{model}")
