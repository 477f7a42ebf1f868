"""The site-wide models: the site version (core/siteversion.py) and the audit log
(core/audit.py)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .siteversion import SiteVersionManager


class SiteVersion(models.Model):
    """One row holding a counter that every content change increases.

    Cached pages are keyed on it (core/pagecache.py). The row is the source of truth, so it
    holds across processes and app servers whatever the cache backend is: a publish on one
    server is seen at once by the others. With Redis a copy is kept there, raised after each
    commit, and read instead of the row (core/siteversion.py says why that stays right).
    """

    value = models.PositiveBigIntegerField(default=0)
    # Changes only with the handbook's structure: phases, checklists, competence areas, lines
    # of business, search synonyms (the models tracked with structure=True, see
    # core.siteversion.track).
    structure = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    objects = SiteVersionManager()

    class Meta:
        verbose_name = _("innehållsversion")
        verbose_name_plural = _("innehållsversioner")

    def __str__(self) -> str:
        return str(self.value)


class CacheEntry(models.Model):
    """The table of Django's database cache, the shared cache of a production site without
    Redis (settings.CACHES). A model only so that `migrate` creates it: the columns are those
    `manage.py createcachetable` makes, and nothing reads it through the ORM. Not backed up."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "core_cache"
        verbose_name = _("cachepost")
        verbose_name_plural = _("cacheposter")

    def __str__(self) -> str:
        return self.cache_key


class AuditAction(models.TextChoices):
    CREATED = "created", _("skapade")
    SAVED = "saved", _("sparade")
    SUBMITTED = "submitted", _("skickade in")
    CHANGES_REQUESTED = "changes_requested", _("begärde ändringar")
    PUBLISHED = "published", _("publicerade")
    ARCHIVED = "archived", _("arkiverade")
    RESTORED_REVISION = "restored_revision", _("återställde en version")
    DELETED = "deleted", _("flyttade till papperskorgen")
    RESTORED = "restored", _("återställde från papperskorgen")
    PURGED = "purged", _("tömde från papperskorgen")
    COMMENT_HIDDEN = "comment_hidden", _("dolde en kommentar")
    COMMENT_SHOWN = "comment_shown", _("visade en kommentar igen")
    MEMBER_ADDED = "member_added", _("lade till en medlem")
    MEMBER_REMOVED = "member_removed", _("tog bort en medlem")
    ROLE_CHANGED = "role_changed", _("ändrade roll")
    INVITED = "invited", _("bjöd in")


class AuditEntry(models.Model):
    """Who did what, when: every state change, publish, restore, delete, purge and membership
    change. Entries are only ever added (core.audit.record).

    The entry points at what it is about generically, so the log needs no app's models: the
    target is the object acted on (a method, a comment, a report, a company), the scope the
    page it belongs on (a comment's or a report's method; the company for membership changes;
    otherwise the target itself). Either may point at an object that is gone since; the summary
    still says what it was.

    The summary is stored once, in the source language (Swedish): `message` is the msgid, with
    %(name)s placeholders for `params`. It is translated when shown (`summary`), so every reader
    sees it in their own language.
    """

    created_at = models.DateTimeField(_("när"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vem"),
    )
    action = models.CharField(_("vad"), max_length=30, choices=AuditAction.choices)
    target_type = models.ForeignKey(
        ContentType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("typ av objekt"),
    )
    target_id = models.PositiveBigIntegerField(_("objektets id"), null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    scope_type = models.ForeignKey(
        ContentType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hör till typ"),
    )
    scope_id = models.PositiveBigIntegerField(_("hör till id"), null=True, blank=True)
    scope = GenericForeignKey("scope_type", "scope_id")
    message = models.CharField(_("beskrivning"), max_length=300)
    params = models.JSONField(_("värden i beskrivningen"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("händelse i loggen")
        verbose_name_plural = _("händelselogg")
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
            models.Index(fields=["scope_type", "scope_id"], name="audit_scope_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.get_action_display()}"

    @property
    def summary(self) -> str:
        """What the entry is about, in the reader's language."""
        if not self.params:
            return gettext(self.message)
        values = {name: _shown(value) for name, value in self.params.items()}
        # A translation with a broken placeholder falls back to the source text.
        for text in (gettext(self.message), self.message):
            try:
                return text % values
            except (KeyError, TypeError, ValueError):
                continue
        return self.message


def _shown(value):
    """A parameter as shown: interface words (core.audit.words) in the reader's language."""
    if isinstance(value, dict) and "words" in value:
        return ", ".join(_word(word).lower() for word in value["words"])
    return value


def _word(msgid: str) -> str:
    translated = gettext(msgid)
    if translated == msgid and msgid[:1].isupper():
        # A form label is its model field's verbose name with a capital first letter
        # (capfirst), which is not itself a msgid: look up the verbose name.
        lowered = msgid[0].lower() + msgid[1:]
        if (found := gettext(lowered)) != lowered:
            return found
    return translated
