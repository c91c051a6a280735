"""Per-database full-text backends with one contract.

A backend writes the normalised text of documents into its full-text table and turns a
ParsedQuery into SQL: `match(parsed)` returns (from_clause, where_clause, params,
rank_expression) where lower rank sorts first. Everything else (visibility, filters,
facets, paging) is shared SQL in search.queries.
"""

from django.db import connection

from .base import Backend


def get_backend() -> Backend:
    if connection.vendor == "postgresql":
        from .postgresql import PostgresBackend

        return PostgresBackend()
    from .sqlite import SqliteBackend

    return SqliteBackend()
