import pytest
from django.urls import reverse

from stadtgespraeche.discussions.models import CodeOfConductAcceptance, Post, Report
from stadtgespraeche.events.enums import Confidentiality
from tests.factories.accounts import UserFactory
from tests.factories.discussions import EventThreadFactory, PostFactory

pytestmark = pytest.mark.integration

# The event page of a logged-in person without a registration (events/test_detail_queries.py).
QUERIES_EVENT_PAGE = 12
QUERIES_TOPIC_PAGE = 14  # incl. the council decisions section (oparl)
QUERIES_MUNICIPALITY_PAGE = 14  # incl. the council papers (oparl)


def thread_url(thread):
    return reverse("discussions:thread-detail", kwargs={"pk": thread.pk})


def test_thread_page_shows_posts_rendered_as_markdown(client, post):
    response = client.get(thread_url(post.thread))

    assert response.status_code == 200
    assert "Mein <strong>erster</strong> Beitrag" in response.text
    assert "Clara Rätin" in response.text
    assert "Log in to take part" in response.text or "Melden Sie sich an" in response.text


def test_thread_page_sanitises_html_in_posts(client, public_thread, councillor):
    PostFactory(thread=public_thread, author=councillor, body="<script>alert(1)</script>Hallo")

    response = client.get(thread_url(public_thread))

    assert "<script>alert" not in response.text
    assert "Hallo" in response.text


def test_network_thread_post_is_absent_for_anonymous(client, network_thread):
    PostFactory(thread=network_thread, body="Nur fürs Netzwerk")

    response = client.get(thread_url(network_thread))

    assert response.status_code == 404
    assert "Nur fürs Netzwerk" not in response.text


def test_network_thread_post_is_shown_to_members(client, network_thread, other):
    PostFactory(thread=network_thread, body="Nur fürs Netzwerk")
    client.force_login(other)

    assert "Nur fürs Netzwerk" in client.get(thread_url(network_thread)).text


def test_chatham_thread_hides_names_from_non_participants(client, chatham_link, participant, other):
    PostFactory(thread=chatham_link.thread, author=participant, body="Vertraulich gesagt")
    client.force_login(other)

    response = client.get(thread_url(chatham_link.thread))

    assert "Vertraulich gesagt" in response.text
    assert "Paula" not in response.text
    assert "Teilnehmerin" not in response.text


def test_chatham_thread_shows_names_to_participants(client, chatham_link, participant):
    PostFactory(thread=chatham_link.thread, author=participant, body="Vertraulich gesagt")
    client.force_login(participant)

    assert "Paula Teilnehmerin" in client.get(thread_url(chatham_link.thread)).text


def test_draft_event_thread_is_absent_for_members(client, other):
    link = EventThreadFactory(event__status="draft")
    PostFactory(thread=link.thread, body="Entwurf")
    client.force_login(other)

    response = client.get(thread_url(link.thread))

    assert response.status_code == 404


def test_thread_page_paginates(client, public_thread, settings):
    settings.DISCUSSIONS_POSTS_PER_PAGE = 2
    for number in range(3):
        PostFactory(thread=public_thread, body=f"Nummer-{number}")

    response = client.get(thread_url(public_thread) + "?page=2")

    assert "Nummer-2" in response.text
    assert "Nummer-0" not in response.text


def test_thread_page_htmx_returns_posts_partial(client, post):
    response = client.get(thread_url(post.thread), headers={"HX-Request": "true"})

    assert 'id="posts"' in response.text
    assert "<html" not in response.text


@pytest.mark.parametrize("count", [1, 3])
def test_thread_page_query_count_is_constant(
    client, public_thread, other, django_assert_num_queries, count
):
    for _ in range(count):
        reply_to = PostFactory(thread=public_thread)
        PostFactory(thread=public_thread, reply_to=reply_to, quoted=reply_to)
    client.force_login(other)

    with django_assert_num_queries(11):
        response = client.get(thread_url(public_thread))

    assert response.status_code == 200


def test_post_detail_redirects_to_page_and_anchor(client, public_thread, settings):
    settings.DISCUSSIONS_POSTS_PER_PAGE = 2
    posts = [PostFactory(thread=public_thread) for _ in range(3)]

    response = client.get(posts[2].get_absolute_url())

    assert response.url == f"{thread_url(public_thread)}?page=2#post-{posts[2].pk}"


def test_post_create_publishes(client, public_thread, councillor):
    client.force_login(councillor)

    response = client.post(
        reverse("discussions:thread-post", kwargs={"pk": public_thread.pk}), {"body": "Neu hier"}
    )

    post = Post.objects.get()
    assert (post.body, post.author) == ("Neu hier", councillor)
    assert response.url == post.get_absolute_url()


def test_post_create_with_empty_body_shows_message(client, public_thread, councillor):
    client.force_login(councillor)

    response = client.post(
        reverse("discussions:thread-post", kwargs={"pk": public_thread.pk}), {"body": " "}
    )

    assert response.status_code == 200
    assert "Bitte geben Sie einen Text ein." in response.text
    assert Post.objects.count() == 0


def test_post_create_without_code_of_conduct_redirects_there(client, public_thread):
    client.force_login(UserFactory())
    url = reverse("discussions:thread-post", kwargs={"pk": public_thread.pk})

    response = client.post(url, {"body": "Hallo"})

    assert response.url == f"{reverse('discussions:code-of-conduct')}?next={url}"
    assert Post.objects.count() == 0


def test_post_create_above_rate_limit_shows_message(client, public_thread, councillor, settings):
    settings.DISCUSSIONS_POST_RATE_LIMIT = 1
    client.force_login(councillor)
    url = reverse("discussions:thread-post", kwargs={"pk": public_thread.pk})
    client.post(url, {"body": "eins"})

    response = client.post(url, {"body": "zwei"})

    assert response.status_code == 429
    assert "viele Beiträge" in response.text
    assert Post.objects.count() == 1


def test_post_create_in_chatham_thread_by_outsider_is_forbidden(client, chatham_link, other):
    client.force_login(other)

    response = client.post(
        reverse("discussions:thread-post", kwargs={"pk": chatham_link.thread.pk}), {"body": "x"}
    )

    assert response.status_code == 403
    assert Post.objects.count() == 0


def test_post_create_in_invisible_thread_is_not_found(client, other):
    link = EventThreadFactory(event__status="draft")
    client.force_login(other)

    response = client.post(
        reverse("discussions:thread-post", kwargs={"pk": link.thread.pk}), {"body": "x"}
    )

    assert response.status_code == 404


def test_reply_page_shows_context_and_creates_reply(client, post, other):
    client.force_login(other)
    url = reverse("discussions:post-reply", kwargs={"pk": post.pk})

    page = client.get(url)
    client.post(url, {"body": "Antwort"})

    assert "Mein <strong>erster</strong> Beitrag" in page.text
    assert Post.objects.get(body="Antwort").reply_to == post


def test_quote_creates_quoting_post_shown_in_thread(client, post, other):
    client.force_login(other)

    client.post(reverse("discussions:post-quote", kwargs={"pk": post.pk}), {"body": "Genau"})
    page = client.get(thread_url(post.thread))

    assert Post.objects.get(body="Genau").quoted == post
    assert "post-quote" in page.text


def test_reply_to_deleted_post_is_refused(client, post, other, councillor):
    from stadtgespraeche.discussions import services

    services.delete_post(post, by=councillor)
    client.force_login(other)

    response = client.post(reverse("discussions:post-reply", kwargs={"pk": post.pk}), {"body": "x"})

    assert response.status_code == 302
    assert Post.objects.count() == 1


def test_edit_marks_post_edited(client, post, councillor):
    client.force_login(councillor)

    client.post(reverse("discussions:post-edit", kwargs={"pk": post.pk}), {"body": "Neu"})
    page = client.get(thread_url(post.thread))

    post.refresh_from_db()
    assert post.body == "Neu"
    assert "bearbeitet" in page.text


def test_edit_by_other_person_is_forbidden(client, post, other):
    client.force_login(other)

    response = client.post(reverse("discussions:post-edit", kwargs={"pk": post.pk}), {"body": "X"})

    assert response.status_code == 403
    post.refresh_from_db()
    assert post.body == "Mein **erster** Beitrag"


def test_edit_after_window_redirects_with_message(client, post, councillor):
    import datetime

    import time_machine
    from django.utils import timezone

    client.force_login(councillor)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1)):
        response = client.post(
            reverse("discussions:post-edit", kwargs={"pk": post.pk}), {"body": "X"}, follow=True
        )

    assert "kurz nach dem Schreiben" in response.text


def test_delete_confirm_then_post_shows_deleted(client, post, councillor):
    client.force_login(councillor)
    url = reverse("discussions:post-delete", kwargs={"pk": post.pk})

    assert "Beitrag löschen" in client.get(url).text
    client.post(url)
    page = client.get(thread_url(post.thread))

    assert "Beitrag gelöscht" in page.text
    assert "erster" not in page.text


def test_delete_by_other_person_is_forbidden(client, post, other):
    client.force_login(other)

    response = client.post(reverse("discussions:post-delete", kwargs={"pk": post.pk}))

    assert response.status_code == 403
    post.refresh_from_db()
    assert post.is_deleted is False


def test_report_creates_report(client, post, other):
    client.force_login(other)

    response = client.post(
        reverse("discussions:post-report", kwargs={"pk": post.pk}),
        {"reason": "Unsachlich"},
        follow=True,
    )

    assert Report.objects.get().reason == "Unsachlich"
    assert "Moderation" in response.text or "Moderator" in response.text


def test_report_without_reason_shows_message(client, post, other):
    client.force_login(other)

    response = client.post(reverse("discussions:post-report", kwargs={"pk": post.pk}), {})

    assert "Bitte geben Sie einen Text ein." in response.text
    assert Report.objects.count() == 0


def test_report_twice_tells_person(client, post, other):
    client.force_login(other)
    url = reverse("discussions:post-report", kwargs={"pk": post.pk})
    client.post(url, {"reason": "eins"})

    response = client.post(url, {"reason": "zwei"}, follow=True)

    assert Report.objects.count() == 1
    assert "bereits gemeldet" in response.text


def test_report_own_post_is_forbidden(client, post, councillor):
    client.force_login(councillor)

    response = client.post(
        reverse("discussions:post-report", kwargs={"pk": post.pk}), {"reason": "x"}
    )

    assert response.status_code == 403


def test_hidden_post_shows_reason_to_author_only(client, post, other, organiser):
    from stadtgespraeche.discussions import services

    services.hide_post(post, reason="Bitte sachlich bleiben", by=organiser)

    client.force_login(post.author)
    author_page = client.get(thread_url(post.thread)).text
    client.force_login(other)
    other_page = client.get(thread_url(post.thread)).text

    assert "Bitte sachlich bleiben" in author_page
    assert "Bitte sachlich bleiben" not in other_page
    assert "erster" not in other_page
    assert "Von der Moderation ausgeblendet" in other_page


def test_code_of_conduct_accept_redirects_to_next(client, public_thread):
    person = UserFactory()
    client.force_login(person)
    url = reverse("discussions:code-of-conduct")

    response = client.post(url, {"accept": "on", "next": thread_url(public_thread)})

    assert response.url == thread_url(public_thread)
    assert CodeOfConductAcceptance.objects.filter(user=person).exists()


def test_code_of_conduct_without_checkbox_shows_message(client, db):
    client.force_login(UserFactory())

    response = client.post(reverse("discussions:code-of-conduct"), {})

    assert "Bitte bestätigen Sie" in response.text
    assert CodeOfConductAcceptance.objects.count() == 0


def test_code_of_conduct_ignores_foreign_next(client, db):
    client.force_login(UserFactory())

    response = client.post(
        reverse("discussions:code-of-conduct"), {"accept": "on", "next": "https://evil.example"}
    )

    assert response.url == reverse("discussions:code-of-conduct")


def test_code_of_conduct_is_public_without_form(client, db):
    response = client.get(reverse("discussions:code-of-conduct"))

    assert "Verhaltenskodex" in response.text
    assert 'name="accept"' not in response.text


def test_thread_start_creates_thread_for_event(client, public_thread, councillor):
    from stadtgespraeche.events.threads import EventThread

    event = EventThread.objects.get(thread=public_thread).event
    client.force_login(councillor)
    url = reverse("discussions:thread-start", kwargs={"kind": "event", "owner_id": event.pk})

    response = client.post(url, {"title": "Neue Runde", "body": "Los geht's"})

    thread = EventThread.objects.get(event=event, thread__title="Neue Runde").thread
    assert response.url == thread.get_absolute_url()


def test_thread_start_without_title_shows_message(client, public_thread, councillor):
    from stadtgespraeche.events.threads import EventThread

    event = EventThread.objects.get(thread=public_thread).event
    client.force_login(councillor)
    url = reverse("discussions:thread-start", kwargs={"kind": "event", "owner_id": event.pk})

    response = client.post(url, {"title": "", "body": "x"})

    assert "Bitte geben Sie einen Titel ein." in response.text


def test_thread_start_for_unknown_kind_is_not_found(client, councillor):
    client.force_login(councillor)

    url = reverse("discussions:thread-start", kwargs={"kind": "nothing", "owner_id": 1})

    assert client.get(url).status_code == 404


def test_thread_start_in_chatham_event_by_outsider_is_forbidden(client, chatham_link, other):
    client.force_login(other)
    url = reverse(
        "discussions:thread-start", kwargs={"kind": "event", "owner_id": chatham_link.event.pk}
    )

    assert client.post(url, {"title": "x", "body": "y"}).status_code == 403


def test_event_page_lists_its_threads(client, public_thread):
    from stadtgespraeche.events.threads import EventThread

    event = EventThread.objects.get(thread=public_thread).event

    response = client.get(event.get_absolute_url())

    assert public_thread.title in response.text


def test_topic_page_lists_threads_for_members_only(client, other):
    from tests.factories.discussions import TopicThreadFactory

    link = TopicThreadFactory(thread__title="Souveränität konkret")

    anonymous = client.get(link.topic.get_absolute_url()).text
    client.force_login(other)
    member = client.get(link.topic.get_absolute_url()).text

    assert "Souveränität konkret" not in anonymous
    assert "Souveränität konkret" in member


def test_municipality_thread_is_absent_for_anonymous(client, other):
    from tests.factories.discussions import MunicipalityThreadFactory

    link = MunicipalityThreadFactory()
    PostFactory(thread=link.thread, body="Aus der Kommune")

    assert client.get(thread_url(link.thread)).status_code == 404
    client.force_login(other)
    assert "Aus der Kommune" in client.get(thread_url(link.thread)).text


def test_event_with_confidentiality_network_lists_threads_to_members(client, other):
    link = EventThreadFactory(
        event__confidentiality=Confidentiality.NETWORK, thread__title="Netzwerkfaden"
    )
    client.force_login(other)

    assert "Netzwerkfaden" in client.get(link.event.get_absolute_url()).text


@pytest.mark.parametrize("count", [1, 3])
def test_event_page_thread_list_query_count_is_constant(
    client, other, django_assert_num_queries, count
):
    from tests.factories.events import EventFactory

    event = EventFactory()
    for _ in range(count):
        PostFactory(thread=EventThreadFactory(event=event).thread)
    client.force_login(other)

    with django_assert_num_queries(QUERIES_EVENT_PAGE):
        response = client.get(event.get_absolute_url())

    assert response.text.count("/diskussionen/") >= count


@pytest.mark.parametrize("count", [1, 3])
def test_topic_page_thread_list_query_count_is_constant(
    client, other, django_assert_num_queries, count
):
    from tests.factories.discussions import TopicThreadFactory
    from tests.factories.topics import TopicFactory

    topic = TopicFactory()
    for _ in range(count):
        TopicThreadFactory(topic=topic)
    client.force_login(other)

    with django_assert_num_queries(QUERIES_TOPIC_PAGE):
        response = client.get(topic.get_absolute_url())

    assert response.text.count("/diskussionen/") >= count


def test_municipality_page_lists_threads_for_members_only(client, other):
    from tests.factories.discussions import MunicipalityThreadFactory

    link = MunicipalityThreadFactory(thread__title="Open Data in unserer Stadt")
    url = link.municipality.get_absolute_url()

    anonymous = client.get(url)
    client.force_login(other)
    member = client.get(url)

    assert anonymous.status_code == member.status_code == 200
    assert "Open Data in unserer Stadt" not in anonymous.text
    assert "Open Data in unserer Stadt" in member.text


@pytest.mark.parametrize("count", [1, 3])
def test_municipality_page_thread_list_query_count_is_constant(
    client, other, django_assert_num_queries, count
):
    from tests.factories.discussions import MunicipalityThreadFactory
    from tests.factories.municipalities import MunicipalityFactory

    municipality = MunicipalityFactory()
    for _ in range(count):
        MunicipalityThreadFactory(municipality=municipality)
    client.force_login(other)

    with django_assert_num_queries(QUERIES_MUNICIPALITY_PAGE):
        response = client.get(municipality.get_absolute_url())

    assert response.text.count("/diskussionen/") >= count


def test_member_follows_a_thread_from_its_page(client, network_thread, other):
    from django.contrib.contenttypes.models import ContentType

    from stadtgespraeche.notifications.queries import is_following

    client.force_login(other)
    assert "Folgen" in client.get(thread_url(network_thread)).text

    client.post(
        reverse("notifications:follow"),
        {
            "content_type": ContentType.objects.get_for_model(network_thread).pk,
            "object_id": network_thread.pk,
            "action": "follow",
            "next": thread_url(network_thread),
        },
    )

    assert is_following(other, network_thread)


def test_anonymous_sees_no_follow_button_on_a_public_thread(client, public_thread):
    assert 'name="action" value="follow"' not in client.get(thread_url(public_thread)).text


def test_follow_of_a_thread_the_person_may_not_read_is_refused(client, network_thread):
    from django.contrib.contenttypes.models import ContentType

    from stadtgespraeche.events.enums import EventStatus
    from stadtgespraeche.events.threads import EventThread
    from stadtgespraeche.notifications.queries import is_following

    outsider = UserFactory()
    network_thread_hidden = network_thread
    # Members read network threads; the thread of a draft event is for organisers only.

    event = EventThread.objects.get(thread=network_thread_hidden).event
    event.status = EventStatus.DRAFT
    event.save()
    client.force_login(outsider)

    client.post(
        reverse("notifications:follow"),
        {
            "content_type": ContentType.objects.get_for_model(network_thread_hidden).pk,
            "object_id": network_thread_hidden.pk,
            "action": "follow",
        },
    )

    assert not is_following(outsider, network_thread_hidden)
