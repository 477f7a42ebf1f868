"""One task per commit for everything a transaction changed.

A save of a method and its many-to-many changes send five signals in one transaction; each
read model (the kept suggestions, the kept page parts) wants one task for all of them, queued
when the transaction commits, so that the worker reads what was committed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction


class _Gathered:
    """The ids gathered for one kind of task on a connection. Every change adds a commit hook;
    the first hook to run queues one task for all of them, the others find nothing to do."""

    def __init__(self) -> None:
        self.ids: dict[str, set[int] | None] = {}
        self.enqueue: Callable[..., None] = lambda **ids: None

    def add(self, ids: dict[str, set[int] | None]) -> None:
        for name, more in ids.items():
            known = self.ids.setdefault(name, set())
            if known is not None:
                self.ids[name] = None if more is None else known | more

    def flush(self) -> None:
        if not any(ids is None or ids for ids in self.ids.values()):
            return
        gathered, self.ids = self.ids, {}
        self.enqueue(
            **{name: None if ids is None else sorted(ids) for name, ids in gathered.items()}
        )


def gather_on_commit(kind: str, enqueue: Callable[..., None], **ids: Iterable[int] | None) -> None:
    """Call `enqueue` with these ids, as sorted lists, when the current transaction commits
    (at once outside one), together with the ids of every other call for the same kind in the
    transaction. None for a name stands for every row and absorbs the ids given for it.

    What a rolled-back transaction gathered goes with the next commit: a task too many is
    harmless for a read model that is recomputed from the committed rows."""
    wanted = {name: None if more is None else set(more) for name, more in ids.items()}
    if not any(more is None or more for more in wanted.values()):
        return
    db = transaction.get_connection()
    gathered = db.__dict__.setdefault("gathered_on_commit", {}).setdefault(kind, _Gathered())
    gathered.enqueue = enqueue  # the latest: a test may replace the task
    gathered.add(wanted)
    transaction.on_commit(gathered.flush)
