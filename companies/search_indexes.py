"""The SQLite full-text indexes of companies and experience reports (methods.search_sqlite):
the name or title weighs most, then the rest of the normalised search text."""

from methods import search_sqlite
from methods.search_sqlite import FullTextIndex

COMPANIES = FullTextIndex(
    "companies_company",
    (("name", 10.0), ("search_text", 1.0)),
    written_columns=("name", "description"),
)
REPORTS = FullTextIndex(
    "companies_experiencereport",
    (("title", 10.0), ("search_text", 1.0)),
    written_columns=("title", "context"),
)


def register_search_indexes() -> None:
    search_sqlite.register(COMPANIES)
    search_sqlite.register(REPORTS)
