"""The people directory's free text through the search index (people.text_search).

The directory (people app) may not import this app; it calls the matcher that `ready()`
registers. The words are parsed like the search page's (German stems, compound parts,
umlauts and gender forms folded); the last word also matches as the start of a word once
it has `PREFIX_MIN_LENGTH` characters (so "Schm" finds "Schmidt" while typing). Only the
viewer's audience document of each person is read (`access.visibility_sql`), which holds
only the field groups that audience may see.
"""

from typing import Any

from . import access
from . import query as query_module
from .backends import get_backend
from .enums import Kind
from .models import SearchDocument
from .queries import prepare

PREFIX_MIN_LENGTH = 3
MODEL_LABEL = "people.profile"


def matching_profiles(viewer: Any, text: str, limit: int) -> list[int]:
    """Ids of at most `limit` profiles whose document for `viewer` matches `text`."""
    words = text.split()
    prefix = bool(words) and len(words[-1]) >= PREFIX_MIN_LENGTH
    parsed = query_module.parse(text, prefix_last=prefix)
    if not parsed:
        return []
    window = get_backend().window(
        prepare(parsed),
        access.filter_groups(kind=Kind.PERSON),
        access.visibility_sql(viewer),
        size=limit,
    )
    ids = [candidate.id for candidate in window.candidates]
    if not ids:
        return []
    return list(
        SearchDocument.objects.filter(pk__in=ids, model_label=MODEL_LABEL)
        .values_list("object_id", flat=True)
        .distinct()
    )
