"""Discussions of a good practice: network members who may see the practice read and post."""

import pytest
from django.urls import reverse

from stadtgespraeche.discussions.exceptions import NotAllowed
from stadtgespraeche.knowledge import threads
from stadtgespraeche.knowledge.enums import EditorialState
from tests.factories.accounts import UserFactory
from tests.factories.discussions import AcceptanceFactory, PostFactory
from tests.factories.knowledge import PracticeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture
def member():
    person = UserFactory()
    AcceptanceFactory(user=person)
    return person


def _thread_url(thread):
    return reverse("discussions:thread-detail", kwargs={"pk": thread.pk})


def test_member_starts_a_thread_on_a_published_practice(member):
    practice = PracticeFactory()

    thread = threads.start_practice_thread(
        practice.pk, title="Übertragbar?", body="Frage", by=member
    )

    assert threads.practice_of(thread) == practice
    assert list(threads.practice_threads(practice)) == [thread]


def test_nobody_but_reviewers_starts_a_thread_on_a_draft(member):
    practice = PracticeFactory(state=EditorialState.DRAFT)
    with pytest.raises(NotAllowed):
        threads.start_practice_thread(practice.pk, title="T", body="B", by=member)


def test_practice_page_lists_threads_for_members_only(client, member):
    practice = PracticeFactory()
    thread = threads.start_practice_thread(
        practice.pk, title="Erfahrungen", body="Wie lief es?", by=member
    )

    anonymous = client.get(practice.get_absolute_url()).content.decode()
    client.force_login(UserFactory())
    other = client.get(practice.get_absolute_url()).content.decode()

    assert "Erfahrungen" not in anonymous
    assert "Erfahrungen" in other
    assert _thread_url(thread) in other


def test_thread_of_unpublished_practice_is_hidden(client, member):
    practice = PracticeFactory()
    thread = threads.start_practice_thread(practice.pk, title="T", body="Geheim", by=member)
    PostFactory(thread=thread, body="Noch ein Beitrag")
    practice.state = EditorialState.DRAFT
    practice.save()

    client.force_login(UserFactory())
    response = client.get(_thread_url(thread))

    assert response.status_code == 404
    assert "Geheim" not in response.content.decode()


def test_thread_page_of_a_practice_shows_posts_to_members(client, member):
    practice = PracticeFactory(title="Offene Daten")
    thread = threads.start_practice_thread(practice.pk, title="T", body="Sichtbar", by=member)

    assert client.get(_thread_url(thread)).status_code == 404
    client.force_login(UserFactory())
    content = client.get(_thread_url(thread)).content.decode()
    assert "Sichtbar" in content
    assert "Offene Daten" in content
