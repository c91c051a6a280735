"""Writes to the search index: (re)index or remove one object's documents, rebuild all.

`handle_change` is the core.indexing handler (registered in SearchConfig.ready()); it runs
after the content service's transaction committed.
"""

import logging
import zlib
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any, cast

from django.db import connection, transaction
from django.db.models import Field, Model

from . import german
from .access import document_tokens
from .backends import get_backend
from .backends.base import Row
from .models import IndexState, SearchDocument, SearchReader, SearchTag
from .providers import Document, Provider, dependents_of, provider_for

logger = logging.getLogger(__name__)

# A document's id orders the ranking window (backends: `window` takes the highest ids): the
# content date in seconds since 1900 (UTC) in the high 33 bits, so the newest *content* comes
# first, and a hash of (content type, object id, variant) in the low 30 bits, so the id does
# not depend on when or in which order documents are (re)indexed. Documents without a date
# count as the oldest (seconds 0). Dates after 2172 are capped.
ID_HASH_BITS = 30
_ID_HASH_MASK = (1 << ID_HASH_BITS) - 1
_ID_MAX_SECONDS = (1 << 33) - 1
_ID_EPOCH = datetime(1900, 1, 1, tzinfo=UTC)


def document_id(
    model_label: str, object_id: int, variant: str, when: datetime | date | None
) -> int:
    """The id a document gets (see ID_HASH_BITS); `_replace` moves it to the next free id
    of the same second in the rare case of a collision."""
    seconds = 0
    if when is not None:
        if not isinstance(when, datetime):  # a plain date: its midnight
            when = datetime.combine(when, datetime.min.time())
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = min(max(0, int((when - _ID_EPOCH).total_seconds())), _ID_MAX_SECONDS)
    key = zlib.crc32(f"{model_label}\n{object_id}\n{variant}".encode()) & _ID_HASH_MASK
    return (seconds << ID_HASH_BITS) | key


def _existing_ids(ids: Sequence[int]) -> list[int]:
    """Which of `ids` are stored (one plain statement: the ORM's `pk__in` compiles every
    value, which a reindex of a million documents notices)."""
    if not ids:
        return []
    table = connection.ops.quote_name(SearchDocument._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {table} WHERE id IN ({', '.join(['%s'] * len(ids))})",  # noqa: S608
            list(ids),
        )
        return [pk for (pk,) in cursor.fetchall()]


def _free_ids(wanted: list[int]) -> list[int]:
    """`wanted` with every id that is taken (by a stored document or an earlier one of the
    list) moved to the next free id of the same second."""
    taken = set(_existing_ids(wanted))
    result = []
    for pk in wanted:
        while pk in taken:
            pk = (pk & ~_ID_HASH_MASK) | ((pk + 1) & _ID_HASH_MASK)
            # A moved id was not among those looked up: an earlier batch may have stored it
            # (itself moved there). Collisions are rare, so one look-up per move is cheap.
            if pk not in taken and SearchDocument.objects.filter(pk=pk).exists():
                taken.add(pk)
        taken.add(pk)
        result.append(pk)
    return result


_MAX_PARAMETERS = 10_000
_DOCUMENT_FIELDS = (
    "id",
    "model_label",
    "object_id",
    "variant",
    "kind",
    "min_level",
    "max_level",
    "date",
    "year",
    "title",
    "url",
    "body",
)


def _insert(model: type[Model], names: Sequence[str], values: list[list[Any]]) -> None:
    """Insert rows of `model` (values in the order of the field `names`) with one prepared
    statement: `bulk_create` compiles every row's values through the ORM, which cost more
    than the database's own work when a reindex writes a million documents. Values go
    through the fields' `get_db_prep_save` (dates as the backend stores them)."""
    if not values:
        return
    fields = [cast(Field[Any, Any], model._meta.get_field(name)) for name in names]
    columns = ", ".join(connection.ops.quote_name(str(field.column)) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    converted = [
        (index, field)
        for index, field in enumerate(fields)
        if field.get_internal_type() == "DateTimeField"
    ]
    for row in values:
        for index, field in converted:
            row[index] = field.get_db_prep_save(row[index], connection)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":  # one prepared statement, executed per row
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",  # noqa: S608
                values,
            )
            return
        # Elsewhere statements are bound on the client and parsed per execution: many rows
        # per statement.
        step = max(1, _MAX_PARAMETERS // len(fields))
        for start in range(0, len(values), step):
            chunk = values[start : start + step]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
                + ", ".join([f"({placeholders})"] * len(chunk)),
                [value for row in chunk for value in row],
            )


def _replace(provider: Provider, items: Sequence[tuple[int, list[Document]]]) -> int:
    """Replace the documents of the objects `items` (object id, documents); returns how
    many documents were written."""
    backend = get_backend()
    object_ids = [object_id for object_id, _ in items]
    old_ids: list[int] = []
    if object_ids:
        table = connection.ops.quote_name(SearchDocument._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {table} WHERE model_label = %s "  # noqa: S608
                f"AND object_id IN ({', '.join(['%s'] * len(object_ids))})",
                [provider.model_label, *object_ids],
            )
            old_ids = [pk for (pk,) in cursor.fetchall()]
    if old_ids:
        backend.delete(old_ids)
        SearchDocument.objects.filter(pk__in=old_ids).delete()
    new_documents: list[tuple[SearchDocument, Document]] = []
    for object_id, documents in items:
        for document in documents:
            row = SearchDocument(
                model_label=provider.model_label,
                object_id=object_id,
                variant=document.variant,
                kind=str(document.kind),
                title=document.title[:300],
                body=document.body,
                url=document.url,
                date=document.date,
                year=document.date.year if document.date else None,
                min_level=document.min_level,
                max_level=document.max_level,
            )
            new_documents.append((row, document))
    if not new_documents:
        return 0
    # Ids by content date (document_id): the same document gets the same id whenever and in
    # whatever order it is written, so a reindex does not change which matches are newest.
    wanted = [
        document_id(row.model_label, row.object_id, row.variant, row.date)
        for row, _ in new_documents
    ]
    for (row, _), pk in zip(new_documents, _free_ids(wanted), strict=True):
        row.pk = pk
    _insert(
        SearchDocument,
        _DOCUMENT_FIELDS,
        [[getattr(row, name) for name in _DOCUMENT_FIELDS] for row, _ in new_documents],
    )
    tags: list[list[Any]] = []
    readers: list[list[Any]] = []
    for row, document in new_documents:
        tags += [[row.pk, "m", pk] for pk in document.municipality_ids]
        tags += [[row.pk, "t", pk] for pk in document.topic_ids]
        tags += [
            [row.pk, kind, value]
            for kind, values in sorted(document.facet_values.items())
            for value in sorted(values)
        ]
        readers += [[row.pk, pk] for pk in document.readers]
    _insert(SearchTag, ("document", "kind", "value"), tags)
    _insert(SearchReader, ("document", "user_id"), readers)
    backend.write(
        [
            Row(
                id=row.pk,
                title=row.title,
                body=row.body,
                tags=document_tokens(
                    kind=row.kind,
                    year=row.year,
                    municipality_ids=document.municipality_ids,
                    topic_ids=document.topic_ids,
                    facet_values=document.facet_values,
                ),
            )
            for row, document in new_documents
        ]
    )
    return len(new_documents)


def remove_object(model_label: str, object_id: int) -> None:
    ids = list(
        SearchDocument.objects.filter(model_label=model_label, object_id=object_id).values_list(
            "pk", flat=True
        )
    )
    if ids:
        get_backend().delete(ids)
        SearchDocument.objects.filter(pk__in=ids).delete()


@transaction.atomic
def index_object(model_label: str, object_id: int) -> None:
    """Bring the documents of one object up to date (none if it no longer exists)."""
    provider = provider_for(model_label)
    if provider is None:
        return
    obj = provider.get(object_id)
    if obj is None:
        remove_object(model_label, object_id)
        return
    _replace(provider, [(object_id, provider.documents(obj))])


@transaction.atomic
def index_objects(provider: Provider, objects: Iterable[object]) -> int:
    """(Re)index a batch of objects of one provider; returns the number of documents."""
    items = [(obj.pk, documents) for obj, documents in provider.documents_for_many(objects)]
    return _replace(provider, items)


def handle_change(model_label: str, object_id: int, removed: bool) -> None:
    """The core.indexing handler: update the index for one changed or removed object and
    for the objects whose documents contain it (an agenda item → its event). Never lets an
    index failure break the content write that already committed."""
    try:
        targets = dependents_of(model_label, object_id)
        if provider_for(model_label) is not None:
            if removed:
                with transaction.atomic():
                    remove_object(model_label, object_id)
            else:
                targets.insert(0, (model_label, object_id))
        for label, pk in targets:
            index_object(label, pk)
    except Exception:
        logger.exception("Search index update failed for %s %s", model_label, object_id)


BATCH_SIZE = 500


def handle_changes(model_label: str, object_ids: list[int]) -> None:
    """The core.indexing batch handler (`indexing.changed_many`): reindex many objects of
    one provider in batches; objects that are gone (or no longer findable) lose their
    documents. Like `handle_change`, never raises."""
    provider = provider_for(model_label)
    if provider is None:
        return
    try:
        for start in range(0, len(object_ids), BATCH_SIZE):
            chunk = object_ids[start : start + BATCH_SIZE]
            with transaction.atomic():
                objects = list(provider.queryset().filter(pk__in=chunk))
                index_objects(provider, objects)
                found = {obj.pk for obj in objects}
                for object_id in chunk:
                    if object_id not in found:
                        remove_object(model_label, object_id)
    except Exception:
        logger.exception("Search index update failed for %d %s", len(object_ids), model_label)


@transaction.atomic
def clear_index() -> None:
    get_backend().clear()
    SearchReader.objects.all().delete()
    SearchTag.objects.all().delete()
    SearchDocument.objects.all().delete()


@transaction.atomic
def record_normalisation() -> None:
    """After a full rebuild: every stored stem is made with the current normalisation."""
    state = IndexState.objects.order_by("pk").first() or IndexState()
    state.normalisation = german.NORMALISATION_VERSION
    state.save()
