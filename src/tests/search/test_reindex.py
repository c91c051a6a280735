import datetime as dt
import sys
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command

from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.search import checks, german, queries, services
from stadtgespraeche.search.backends import get_backend
from stadtgespraeche.search.backends.base import Row
from stadtgespraeche.search.models import IndexState, ReindexProgress, SearchDocument
from tests.factories.events import EventFactory
from tests.factories.municipalities import MunicipalityFactory

pytestmark = pytest.mark.integration


def _reindex(*args):
    out = StringIO()
    call_command("reindex", *args, stdout=out)
    return out.getvalue()


def test_reindex_indexes_every_provider_with_plain_progress_lines(db):
    municipality = MunicipalityFactory(name="Ulm")
    EventFactory(title="Offene Daten", status=EventStatus.PUBLISHED)
    output = _reindex("--restart")
    assert "events.event: 1/1" in output
    assert "\r" not in output
    assert "Search index is up to date." in output
    assert SearchDocument.objects.filter(
        model_label="municipalities.municipality", object_id=municipality.pk
    ).exists()
    assert SearchDocument.objects.filter(model_label="events.event", title="Offene Daten").exists()


def test_reindex_resumes_after_recorded_progress(db):
    first = EventFactory(title="Erstes Gespräch")
    second = EventFactory(title="Zweites Gespräch")
    ReindexProgress.objects.create(model_label="events.event", last_pk=first.pk)
    output = _reindex("--only", "events.event", "--batch", "1")
    assert f"resuming after id {first.pk}" in output
    titles = set(
        SearchDocument.objects.filter(model_label="events.event").values_list("title", flat=True)
    )
    assert titles == {second.title}
    assert "already done" in _reindex("--only", "events.event")
    _reindex("--only", "events.event", "--restart")
    titles = set(
        SearchDocument.objects.filter(model_label="events.event").values_list("title", flat=True)
    )
    assert titles == {first.title, second.title}


def test_reindex_drops_documents_of_deleted_objects(db):
    event = EventFactory(title="Gelöscht")
    _reindex("--only", "events.event", "--restart")
    event.delete()
    _reindex("--only", "events.event", "--restart")
    assert not SearchDocument.objects.filter(title="Gelöscht").exists()


def test_reindex_rejects_unknown_content_type(db):
    with pytest.raises(CommandError, match="Unknown content types"):
        _reindex("--only", "nope.nothing")


def test_full_reindex_rebuilds_stems_of_an_older_normalisation(db, monkeypatch):
    # An index from before the Snowball stemmer: the event's row holds the old stems of
    # "Anträge" ("antraeg"), so the plural's singular does not find it, and the system
    # check asks for a full rebuild.
    event = EventFactory(title="Anträge", status=EventStatus.PUBLISHED)
    _reindex("--restart")
    document = SearchDocument.objects.get(model_label="events.event", object_id=event.pk)
    backend = get_backend()
    old_stems = {"Anträge": ("antraeg", "geartna")}  # stems, reversed stems
    monkeypatch.setattr(
        sys.modules[type(backend).__module__],
        "normalised",
        lambda text: old_stems.get(text, ("", "")),
    )
    backend.write([Row(id=document.pk, title="Anträge", body="", tags=["kevent"])])
    monkeypatch.undo()
    IndexState.objects.update(normalisation=1)
    assert not queries.search(AnonymousUser(), "Antrag").hits
    assert [message.id for message in checks.index_normalisation()] == ["search.W001"]
    assert "older German normalisation" in _reindex("--only", "events.event", "--restart")
    assert [message.id for message in checks.index_normalisation()] == ["search.W001"]

    assert "Search index is up to date." in _reindex("--restart")
    assert [hit.title for hit in queries.search(AnonymousUser(), "Antrag").hits] == ["Anträge"]
    assert checks.index_normalisation() == []
    assert queries.index_normalisation() == german.NORMALISATION_VERSION


def test_migrated_index_records_its_normalisation(db):
    # Migration 0006 records the current normalisation for an index that was empty.
    assert queries.index_normalisation() == german.NORMALISATION_VERSION
    assert checks.index_normalisation() == []


def test_full_reindex_keeps_document_ids_and_so_the_ranking_window(db, monkeypatch):
    # The window holds the matches with the highest ids: a reindex that gave every rewritten
    # document a new id would change which matches of a frequent word are considered.
    # The window keeps the newest content (by content date), so the second event starts later.
    first = EventFactory(title="Haushalt 2025", status=EventStatus.PUBLISHED)
    second = EventFactory(
        title="Haushalt 2026",
        status=EventStatus.PUBLISHED,
        starts_at=first.starts_at + dt.timedelta(days=1),
    )
    _reindex("--restart")
    ids = dict(SearchDocument.objects.values_list("pk", "title"))
    monkeypatch.setattr(queries, "RANK_WINDOW", 1)
    before = [hit.title for hit in queries.search(AnonymousUser(), "Haushalt").hits]
    # Reindexed in the other order (the second event first), then in full.
    services.index_object("events.event", second.pk)
    services.index_object("events.event", first.pk)
    _reindex("--restart")
    assert dict(SearchDocument.objects.values_list("pk", "title")) == ids
    assert [hit.title for hit in queries.search(AnonymousUser(), "Haushalt").hits] == before
    assert before == ["Haushalt 2026"]
