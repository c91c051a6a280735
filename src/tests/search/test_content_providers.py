"""Search over good practices, topic wishes, discussion posts and published minutes:
findable exactly by those who may see them, in German word forms."""

import pytest
from django.contrib.auth.models import AnonymousUser

from stadtgespraeche.events.enums import Confidentiality, EventStatus
from stadtgespraeche.knowledge.enums import EditorialState
from stadtgespraeche.search import queries
from stadtgespraeche.wishes.enums import WishStatus
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.discussions import EventThreadFactory, PostFactory, TopicThreadFactory
from tests.factories.documentation import MinutesFactory
from tests.factories.events import EventFactory
from tests.factories.knowledge import PracticeFactory
from tests.factories.wishes import TopicWishFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _titles(viewer, text):
    results = queries.search(viewer, text, filters=queries.Filters(), per_page=50)
    return [hit.title for hit in results.hits]


@pytest.mark.parametrize("query", ["Bürger:innenbeteiligung", "Buergerbeteiligung", "Beteiligung"])
def test_published_practice_is_found_in_german_word_forms(index, query):
    practice = PracticeFactory(
        title="Quartiersplattform",
        problem="Bürgerbeteiligung erreichte wenige Menschen.",
        approach="Online-Dialoge ergänzen Versammlungen.",
    )
    index(practice)

    assert "Quartiersplattform" in _titles(AnonymousUser(), query)


def test_practice_drafts_are_found_only_by_author_and_organisers(index):
    author = UserFactory()
    draft = PracticeFactory(
        title="Entwurf Datenplattform",
        problem="Datensouveränität",
        state=EditorialState.DRAFT,
        author=author,
    )
    index(draft)

    assert _titles(AnonymousUser(), "Datensouveränität") == []
    assert _titles(UserFactory(), "Datensouveränität") == []
    assert _titles(author, "Datensouveränität") == ["Entwurf Datenplattform"]
    assert _titles(OrganiserFactory(), "Datensouveränität") == ["Entwurf Datenplattform"]


def test_wishes_are_network_content_and_declined_ones_vanish(index):
    wish = TopicWishFactory(title="Open Data im Rat", reason="Transparenz der Ratsarbeit")
    declined = TopicWishFactory(
        title="Abgelehnter Wunsch", reason="Transparenz", status=WishStatus.DECLINED
    )
    index(wish, declined)

    assert _titles(AnonymousUser(), "Transparenz") == []
    assert _titles(UserFactory(), "Transparenz") == ["Open Data im Rat"]


def test_posts_follow_their_thread_and_hidden_posts_vanish(index):
    network = EventThreadFactory(
        event__confidentiality=Confidentiality.NETWORK, thread__title="Faden Netzwerk"
    )
    visible = PostFactory(thread=network.thread, body="Glasfaserausbau im Landkreis")
    public = EventThreadFactory(thread__title="Faden öffentlich")
    hidden = PostFactory(thread=public.thread, body="Glasfaserausbau beleidigend")
    hidden.hidden_at = hidden.created_at
    hidden.save()
    topic_post = PostFactory(
        thread=TopicThreadFactory(thread__title="Themenfaden").thread,
        body="Glasfaserausbau als Thema",
    )
    index(visible, hidden, topic_post)

    assert _titles(AnonymousUser(), "Glasfaserausbau") == []
    assert sorted(_titles(UserFactory(), "Glasfaserausbau")) == ["Faden Netzwerk", "Themenfaden"]


def test_published_minutes_make_an_event_findable(index):
    event = EventFactory(title="Auftakt", status=EventStatus.DOCUMENTED)
    minutes = MinutesFactory(event=event, body="Wir sprachen über Ratsinformationssysteme.")
    index(event)
    assert _titles(AnonymousUser(), "Ratsinformationssysteme") == []

    minutes.published_at = event.ends_at
    minutes.save()
    index(event)

    assert _titles(AnonymousUser(), "Ratsinformationssysteme") == ["Auftakt"]
