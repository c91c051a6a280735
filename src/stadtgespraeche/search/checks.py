"""System check: the stored stems were made with the current German normalisation.

Tagged `database` (it reads a table): Django runs it with `migrate` and with
`check --database default`."""

from typing import Any

from django.core import checks
from django.db import DatabaseError

from . import german


@checks.register(checks.Tags.database)
def index_normalisation(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from .queries import index_normalisation as stored

    try:
        version = stored()
    except DatabaseError:  # not migrated yet
        return []
    if version is None or version == german.NORMALISATION_VERSION:
        return []
    return [
        checks.Warning(
            f"The search index was built with German normalisation {version}, the code "
            f"uses {german.NORMALISATION_VERSION}: stems differ, so searches miss documents.",
            hint="Run `stadtgespraeche reindex --restart`.",
            id="search.W001",
        )
    ]
