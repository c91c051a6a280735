"""Index rows written directly (without a content object) for tests of the search backends."""

from stadtgespraeche.search import access
from stadtgespraeche.search.backends import get_backend
from stadtgespraeche.search.backends.base import Row
from stadtgespraeche.search.models import SearchDocument


def add_document(
    pk: int, title: str, body: str = "", *, min_level: int = 0, fulltext: bool = True
) -> None:
    """A document of type practice, visible from `min_level` up to organisers; with
    `fulltext`, also its row in the backend's full-text table."""
    SearchDocument.objects.create(
        id=pk,
        model_label="tests.document",
        object_id=pk,
        kind="practice",
        title=title,
        url=f"/d/{pk}/",
        body=body,
        min_level=min_level,
        max_level=2,
    )
    if fulltext:
        tokens = access.document_tokens(
            kind="practice", year=None, municipality_ids=set(), topic_ids=set()
        )
        get_backend().write([Row(id=pk, title=title, body=body, tags=tokens)])
