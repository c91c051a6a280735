import pytest
from django.core import mail
from django.urls import reverse

from stadtgespraeche.discussions.enums import ReportStatus
from tests.factories.discussions import EventThreadFactory, PostFactory, ReportFactory

pytestmark = pytest.mark.integration

QUEUE = reverse("dashboard:discussions")


@pytest.fixture
def reported_post(db):
    post = PostFactory(
        thread=EventThreadFactory().thread, body="Ein *unsachlicher* Satz", author__first_name="Ina"
    )
    ReportFactory(post=post, reason="Persönlicher Angriff", reporter__first_name="Rolf")
    return post


def test_queue_lists_open_reports_with_post(organiser_client, reported_post):
    response = organiser_client.get(QUEUE)

    assert response.status_code == 200
    assert "Persönlicher Angriff" in response.text
    assert "Ein <em>unsachlicher</em> Satz" in response.text


def test_queue_is_forbidden_for_non_organisers(non_organiser_client, reported_post):
    response = non_organiser_client.get(QUEUE)

    assert response.status_code == 403
    assert "Persönlicher Angriff" not in response.text


def test_queue_redirects_anonymous_to_login(client, reported_post):
    response = client.get(QUEUE)

    assert response.status_code == 302
    assert "Persönlicher Angriff" not in response.text


@pytest.mark.parametrize("count", [1, 3])
def test_queue_query_count_is_constant(organiser_client, django_assert_num_queries, count):
    from django.utils import timezone

    for _ in range(count):
        ReportFactory(post=PostFactory(thread=EventThreadFactory().thread), reason="Meldegrund")
        PostFactory(
            thread=EventThreadFactory().thread, hidden_at=timezone.now(), hidden_reason="Verborgen"
        )

    with django_assert_num_queries(5):
        response = organiser_client.get(QUEUE)

    assert response.text.count("Meldegrund") == count
    assert response.text.count("Verborgen") == count


def test_hide_with_reason_hides_and_mails_author(organiser_client, reported_post, mailoutbox_clear):
    url = reverse("dashboard:discussion-post-hide", kwargs={"pk": reported_post.pk})

    assert "Beitrag ausblenden" in organiser_client.get(url).text
    response = organiser_client.post(url, {"reason": "Bitte sachlich bleiben"}, follow=True)

    reported_post.refresh_from_db()
    assert reported_post.hidden_reason == "Bitte sachlich bleiben"
    assert reported_post.reports.get().status == ReportStatus.RESOLVED
    assert "Keine offenen Meldungen." in response.text
    assert len(mail.outbox) == 1


def test_hide_without_reason_shows_message(organiser_client, reported_post):
    url = reverse("dashboard:discussion-post-hide", kwargs={"pk": reported_post.pk})

    response = organiser_client.post(url, {"reason": ""})

    assert "Bitte geben Sie einen Text ein." in response.text
    reported_post.refresh_from_db()
    assert reported_post.is_hidden is False


def test_hide_twice_shows_message(organiser_client, reported_post):
    url = reverse("dashboard:discussion-post-hide", kwargs={"pk": reported_post.pk})
    organiser_client.post(url, {"reason": "eins"})

    response = organiser_client.post(url, {"reason": "zwei"}, follow=True)

    assert "bereits ausgeblendet" in response.text


def test_hide_is_forbidden_for_non_organisers(non_organiser_client, reported_post):
    url = reverse("dashboard:discussion-post-hide", kwargs={"pk": reported_post.pk})

    response = non_organiser_client.post(url, {"reason": "x"})

    assert response.status_code == 403
    reported_post.refresh_from_db()
    assert reported_post.is_hidden is False


def test_restore_shows_post_again(organiser_client, reported_post):
    organiser_client.post(
        reverse("dashboard:discussion-post-hide", kwargs={"pk": reported_post.pk}),
        {"reason": "eins"},
    )
    queue = organiser_client.get(QUEUE)

    organiser_client.post(
        reverse("dashboard:discussion-post-restore", kwargs={"pk": reported_post.pk}),
        {"reason": "Doch in Ordnung"},
    )

    reported_post.refresh_from_db()
    assert "Zuletzt ausgeblendete Beiträge" in queue.text
    assert reported_post.is_hidden is False


def test_restore_of_visible_post_shows_message(organiser_client, reported_post):
    url = reverse("dashboard:discussion-post-restore", kwargs={"pk": reported_post.pk})

    response = organiser_client.post(url, {"reason": "x"}, follow=True)

    assert "nicht ausgeblendet" in response.text


def test_dismiss_closes_report_keeps_post(organiser_client, reported_post):
    report = reported_post.reports.get()

    organiser_client.post(
        reverse("dashboard:discussion-report-dismiss", kwargs={"pk": report.pk}), {"note": "ok"}
    )

    report.refresh_from_db()
    reported_post.refresh_from_db()
    assert (report.status, reported_post.is_hidden) == (ReportStatus.DISMISSED, False)


def test_dismiss_twice_and_long_note_show_messages(organiser_client, reported_post):
    report = reported_post.reports.get()
    url = reverse("dashboard:discussion-report-dismiss", kwargs={"pk": report.pk})

    too_long = organiser_client.post(url, {"note": "x" * 2001}, follow=True)
    organiser_client.post(url, {"note": ""})
    twice = organiser_client.post(url, {"note": ""}, follow=True)

    assert "zu lang" in too_long.text
    assert "bereits geschlossen" in twice.text


def test_dismiss_is_forbidden_for_non_organisers(non_organiser_client, reported_post):
    report = reported_post.reports.get()

    response = non_organiser_client.post(
        reverse("dashboard:discussion-report-dismiss", kwargs={"pk": report.pk}), {}
    )

    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.OPEN
