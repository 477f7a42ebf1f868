"""The one review engine: everything that editors review (methods, experience reports, and
whatever is reviewed later) moves through its states here.

A model declares its flow once (a ReviewFlow of Transitions): which states each transition
leaves from, where it goes, who may make it (a function of the app's permissions module), the
audit entry it leaves (a source-language message, translated when shown) and whom it tells.
The app adds what is particular to it through hooks: checks that refuse a transition with a
message, changes made before the save, work done after it (a revision, a statistics update).

Views ask the flow what a user may do with an object now (`available`), and services apply a
transition by name (`apply`); neither repeats the state table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from .audit import record
from .notifications import editor_addresses, notify


class ReviewError(Exception):
    """A transition that cannot be made now; the message is shown to the user as it is."""


# Hooks. Each gets the object, the acting user and the options the caller passed.
Check = Callable[..., Sequence[str]]
Change = Callable[..., None]


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    # Who may make it: a permissions-module function (user, obj) -> bool.
    allowed: Callable[[object, Model], bool]
    # Shown when the object is not in a source state (a msgid, translated when raised).
    wrong_state: str
    audit_action: str
    # The audit entry's summary: a msgid marked with gettext_noop, filled from audit_params.
    audit_message: str
    # "author": the object's author hears of it; "editors": the editors' group does; None.
    notify: str | None = None
    checks: tuple[Check, ...] = ()
    before_save: tuple[Change, ...] = ()
    after_save: tuple[Change, ...] = ()
    # Replaces the standard change (status, before_save, save, after_save) when the object
    # that results is another one, as when a working copy is published onto its original.
    # Returns the object the audit entry and the mail are about.
    perform: Callable[..., Model] | None = None


@dataclass(frozen=True)
class ReviewFlow:
    """The review configuration of one model."""

    transitions: dict[str, Transition]
    # The values for the audit message's placeholders, and where the entry is shown.
    audit_params: Callable[[Model, dict], dict]
    audit_scope: Callable[[Model], Model | None] = lambda obj: obj
    # Mail templates (emails/<name>.txt and <name>_subject.txt) and their context, given the
    # object, who acted, the state reached (the decision a mail names) and the options.
    author_template: str = ""
    editors_template: str = ""
    mail_context: Callable[[Model, object, str, dict], dict] = field(
        default=lambda obj, by, decision, options: {}
    )
    author_of: Callable[[Model], object] = lambda obj: obj.author

    def may(self, name: str, user, obj: Model) -> bool:
        """Whether the user may make this transition on the object in its current state."""
        transition = self.transitions[name]
        return obj.status in transition.sources and transition.allowed(user, obj)

    def available(self, user, obj: Model) -> list[str]:
        """The transitions this user may make on the object now, in declaration order."""
        return [name for name in self.transitions if self.may(name, user, obj)]

    @transaction.atomic
    def apply(self, name: str, obj: Model, by, **options) -> Model:
        """Make the transition: check state, permission and the model's own checks, change
        and save the object, then its after-save work, the audit entry and the mail.

        Raises ReviewError (with a message for the user) when the state or a check refuses,
        PermissionDenied when `by` may not make this transition at all.
        """
        transition = self.transitions[name]
        if obj.status not in transition.sources:
            raise ReviewError(_(transition.wrong_state))
        if not transition.allowed(by, obj):
            raise PermissionDenied
        problems = [p for check in transition.checks for p in check(obj, by, **options)]
        if problems:
            raise ReviewError(" ".join(str(p) for p in problems))
        if transition.perform is not None:
            result = transition.perform(obj, by, **options)
        else:
            result = self.change(transition, obj, by, **options)
        record(
            by,
            transition.audit_action,
            transition.audit_message,
            self.audit_params(result, options),
            target=result,
            scope=self.audit_scope(result),
        )
        self._notify(transition, result, by, options)
        return result

    @staticmethod
    def change(transition: Transition, obj: Model, by, **options) -> Model:
        """The standard change of state: before_save hooks, save, after_save hooks."""
        obj.status = transition.target
        for change in transition.before_save:
            change(obj, by, **options)
        obj.save()
        for change in transition.after_save:
            change(obj, by, **options)
        return obj

    def _notify(self, transition: Transition, obj: Model, by, options: dict) -> None:
        context = self.mail_context(obj, by, transition.target, options)
        if transition.notify == "editors" and self.editors_template:
            notify(editor_addresses(), self.editors_template, context)
        elif transition.notify == "author" and self.author_template:
            author = self.author_of(obj)
            if author is not None and author.email:
                notify([author.email], self.author_template, context)
