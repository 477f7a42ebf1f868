"""Django's SQLite backend, keeping the query planner's statistics as the site grows.

Without statistics (sqlite_stat1) SQLite guesses, and at 10,000 methods it guessed wrong on the
method list: it read every published method through the status index and sorted them (15 ms)
instead of walking the partial title index that exists for that page (under 0.1 ms). SQLite's
own advice for applications whose connections are short-lived is `PRAGMA optimize` just before
each connection closes: it runs ANALYZE on the tables this connection queried whose indexes
have no statistics yet, or that grew 25-fold since they were analysed, and does nothing
otherwise (some microseconds). Django closes a connection at the end of a request once it is
older than CONN_MAX_AGE, after the response was sent. The statistics are kept in the file, so
the first close that analyses a table does it for every process.

PostgreSQL keeps its own statistics (autovacuum); settings.py names this backend for SQLite only.
"""

from __future__ import annotations

import logging

from django.db.backends.sqlite3 import base

logger = logging.getLogger(__name__)


class DatabaseWrapper(base.DatabaseWrapper):
    def _close(self):
        if self.connection is not None and not self.in_atomic_block:
            try:
                self.connection.execute("PRAGMA optimize")
            except base.Database.Error as exc:  # busy or read-only: the next close tries again
                logger.info("PRAGMA optimize skipped: %s", exc)
        return super()._close()
