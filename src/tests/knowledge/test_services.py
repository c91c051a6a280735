import pytest
from django.core import mail

from stadtgespraeche.core import indexing
from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.knowledge import services
from stadtgespraeche.knowledge.enums import EditorialState, PracticeStatus
from stadtgespraeche.knowledge.exceptions import PracticeError
from stadtgespraeche.notifications.models import Notification
from stadtgespraeche.topics.models import Topic

pytestmark = [pytest.mark.django_db, pytest.mark.unit]


@pytest.fixture
def index_calls():
    received = []
    indexing.register("test", lambda label, pk, removed: received.append((label, pk, removed)))
    yield received
    indexing.unregister("test")


def _draft(author, city, **fields):
    defaults = {
        "summary": "Kurz",
        "problem": "Problem",
        "approach": "Ansatz",
        "status": PracticeStatus.PILOT,
    }
    return services.create_practice(
        author=author, title="Digitale Ratsarbeit", municipalities=[city], **{**defaults, **fields}
    )


def test_create_practice_makes_a_draft_with_first_version(coordinator, city):
    topic = Topic.objects.get(slug="hybride-ratsarbeit")

    practice = _draft(coordinator, city, topics=[topic])

    assert practice.state == EditorialState.DRAFT
    assert practice.slug == "digitale-ratsarbeit"
    assert list(practice.municipalities.all()) == [city]
    version = practice.versions.get()
    assert version.number == 1
    assert version.content["title"] == "Digitale Ratsarbeit"
    assert version.content["topics"] == [topic.title]
    assert AuditLog.objects.filter(action="knowledge.practice.created").exists()


def test_create_practice_slugs_stay_unique(coordinator, city):
    first = _draft(coordinator, city)
    second = _draft(coordinator, city)
    assert second.slug == f"{first.slug}-2"


def test_create_practice_needs_a_municipality(coordinator):
    with pytest.raises(PracticeError, match=r"mindestens eine Kommune|at least one"):
        services.create_practice(author=coordinator, title="X", municipalities=[], summary="s")


def test_create_practice_needs_a_title(coordinator, city):
    with pytest.raises(PracticeError):
        services.create_practice(author=coordinator, title="  ", municipalities=[city])


def test_update_with_unknown_field_is_a_programming_error(coordinator, city):
    practice = _draft(coordinator, city)
    with pytest.raises(TypeError):
        services.update_practice(practice, by=coordinator, state=EditorialState.PUBLISHED)


def test_update_practice_stores_a_version_only_when_content_changed(coordinator, city):
    practice = _draft(coordinator, city)

    services.update_practice(practice, by=coordinator, outcome="Mehr Beteiligung")
    services.update_practice(practice, by=coordinator, outcome="Mehr Beteiligung")

    numbers = list(practice.versions.values_list("number", flat=True))
    assert numbers == [2, 1]
    assert practice.versions.first().content["outcome"] == "Mehr Beteiligung"


def test_submit_moves_to_review_and_notifies_reviewers(coordinator, councillor, city, organiser):
    practice = _draft(councillor, city)

    services.submit_for_review(practice, by=councillor)

    practice.refresh_from_db()
    assert practice.state == EditorialState.IN_REVIEW
    assert practice.submitted_at is not None
    recipients = set(Notification.objects.values_list("recipient_id", flat=True))
    assert recipients == {coordinator.pk, organiser.pk}


def test_submit_requires_problem_and_approach(councillor, city):
    practice = _draft(councillor, city, problem="")
    with pytest.raises(PracticeError):
        services.submit_for_review(practice, by=councillor)
    practice.refresh_from_db()
    assert practice.state == EditorialState.DRAFT


def test_submit_twice_is_refused(councillor, city):
    practice = _draft(councillor, city)
    services.submit_for_review(practice, by=councillor)
    with pytest.raises(PracticeError):
        services.submit_for_review(practice, by=councillor)


def test_publish_notifies_author_mails_and_indexes(
    councillor, city, organiser, index_calls, django_capture_on_commit_callbacks
):
    practice = _draft(councillor, city)
    services.submit_for_review(practice, by=councillor)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.publish(practice, by=organiser)

    practice.refresh_from_db()
    assert practice.state == EditorialState.PUBLISHED
    assert practice.published_at is not None
    assert practice.reviewed_by == organiser
    assert Notification.objects.filter(recipient=councillor, kind="knowledge.published").exists()
    assert len(mail.outbox) == 1
    assert "veröffentlicht" in mail.outbox[0].subject
    assert practice.get_absolute_url() in mail.outbox[0].body
    assert index_calls == [("knowledge.practice", practice.pk, False)]


def test_publish_a_draft_is_refused(councillor, city, organiser):
    practice = _draft(councillor, city)
    with pytest.raises(PracticeError):
        services.publish(practice, by=organiser)


def test_return_to_author_needs_a_note(councillor, city, organiser):
    practice = _draft(councillor, city)
    services.submit_for_review(practice, by=councillor)
    with pytest.raises(PracticeError):
        services.return_to_author(practice, by=organiser, note=" ")


def test_return_to_author_sets_draft_with_note_and_mails(councillor, city, organiser):
    practice = _draft(councillor, city)
    services.submit_for_review(practice, by=councillor)
    mail.outbox.clear()

    services.return_to_author(practice, by=organiser, note="Bitte Quellen ergänzen.")

    practice.refresh_from_db()
    assert practice.state == EditorialState.DRAFT
    assert practice.review_note == "Bitte Quellen ergänzen."
    assert "Bitte Quellen ergänzen." in mail.outbox[0].body
    notification = Notification.objects.get(recipient=councillor, kind="knowledge.returned")
    assert notification.body == "Bitte Quellen ergänzen."


def test_publishing_own_entry_sends_no_notification(coordinator, city):
    practice = _draft(coordinator, city)
    services.submit_for_review(practice, by=coordinator)
    mail.outbox.clear()

    services.publish(practice, by=coordinator)

    assert not Notification.objects.filter(kind="knowledge.published").exists()
    assert mail.outbox == []


def test_unpublish_removes_from_index(
    coordinator, city, organiser, index_calls, django_capture_on_commit_callbacks
):
    practice = _draft(coordinator, city)
    services.submit_for_review(practice, by=coordinator)
    services.publish(practice, by=organiser)
    index_calls.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.unpublish(practice, by=organiser, note="veraltet")

    practice.refresh_from_db()
    assert practice.state == EditorialState.DRAFT
    assert index_calls == [("knowledge.practice", practice.pk, True)]


def test_unpublish_a_draft_is_refused(coordinator, city, organiser):
    with pytest.raises(PracticeError):
        services.unpublish(_draft(coordinator, city), by=organiser)


def test_edit_of_published_entry_reindexes(
    coordinator, city, organiser, index_calls, django_capture_on_commit_callbacks
):
    practice = _draft(coordinator, city)
    services.submit_for_review(practice, by=coordinator)
    services.publish(practice, by=organiser)
    index_calls.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.update_practice(practice, by=organiser, summary="Neu")

    assert index_calls == [("knowledge.practice", practice.pk, False)]


def test_delete_practice_removes_it_and_audits(coordinator, city):
    practice = _draft(coordinator, city)
    pk = practice.pk

    services.delete_practice(practice, by=coordinator)

    assert not type(practice).objects.filter(pk=pk).exists()
    assert AuditLog.objects.filter(action="knowledge.practice.deleted").exists()
