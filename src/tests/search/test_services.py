"""The content services update the index after their transaction commits (core.indexing)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from stadtgespraeche.events import services as event_services
from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.people import services as directory_services
from stadtgespraeche.people.enums import Visibility
from stadtgespraeche.search import queries, services
from stadtgespraeche.search.models import SearchDocument
from stadtgespraeche.topics import services as topic_services
from tests.factories.accounts import OrganiserFactory
from tests.factories.events import EventFactory
from tests.factories.people import ProfileFactory

pytestmark = pytest.mark.integration


def _titles(viewer, text):
    return [hit.title for hit in queries.search(viewer, text, with_facets=False).hits]


def test_topic_service_indexes_after_commit(db, django_capture_on_commit_callbacks):
    organiser = OrganiserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        topic = topic_services.create_topic(
            title="Zwillingsstadt", summary="Digitaler Zwilling", by=organiser
        )
    assert _titles(AnonymousUser(), "Zwilling") == ["Zwillingsstadt"]
    with django_capture_on_commit_callbacks(execute=True):
        topic_services.set_topic_active(topic, is_active=False, by=organiser)
    assert _titles(AnonymousUser(), "Zwilling") == []


def test_event_transition_and_agenda_reindex_the_event(db, django_capture_on_commit_callbacks):
    organiser = OrganiserFactory()
    event = EventFactory(title="Wärmewende", status=EventStatus.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        event_services.transition_event(event, to=EventStatus.PUBLISHED, by=organiser)
    assert _titles(AnonymousUser(), "Wärmewende") == ["Wärmewende"]
    with django_capture_on_commit_callbacks(execute=True):
        event_services.save_agenda_item(
            event,
            by=organiser,
            title="Geothermie im Quartier",
            kind="impulse",
            starts_at=event.starts_at,
        )
    assert _titles(AnonymousUser(), "Geothermie") == ["Wärmewende"]


def test_rolled_back_write_never_reaches_the_index(db, django_capture_on_commit_callbacks):
    organiser = OrganiserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        topic_services.create_topic(title="Verworfen", summary="nie", by=organiser)
    assert callbacks  # registered for after commit, not run inside the transaction
    assert not SearchDocument.objects.filter(title="Verworfen").exists()


def test_profile_visibility_change_reindexes_the_person(db, django_capture_on_commit_callbacks):
    profile = ProfileFactory(user__first_name="Jana", user__last_name="Quell")
    services.index_object("people.profile", profile.pk)
    assert _titles(AnonymousUser(), "Quell") == []
    with django_capture_on_commit_callbacks(execute=True):
        directory_services.set_visibility(
            profile=profile, by=profile.user, identity=Visibility.PUBLIC
        )
    assert _titles(AnonymousUser(), "Quell") == ["Jana Quell"]


def test_handler_survives_an_index_error(db, monkeypatch, caplog):
    def broken(label, pk):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "index_object", broken)
    services.handle_change("topics.topic", 1, False)
    assert "Search index update failed" in caplog.text


def test_handler_ignores_unknown_models(db):
    services.handle_change("accounts.nothing", 1, False)
    assert not SearchDocument.objects.exists()
