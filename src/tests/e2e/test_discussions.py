"""Browser journey of the discussions (issue 5, sections 2 and 5): a councillor accepts the
code of conduct and posts → another member reports the post → an organiser hides it with a
reason → the author sees the reason. axe on every page and state on the way, plus the reply,
edit, delete and start-a-discussion forms and the Chatham House state."""

from collections.abc import Callable

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Page, expect

from stadtgespraeche.events.enums import Confidentiality
from tests.e2e.axe import axe_check
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.discussions import AcceptanceFactory, EventThreadFactory, PostFactory

pytestmark = pytest.mark.e2e

REASON = "Bitte bleiben Sie sachlich (Verhaltenskodex, Regel 1)."


def _open(page: Page, live_server, path: str) -> None:
    response = page.goto(f"{live_server.url}{path}")
    assert response is not None
    assert response.status == 200, path


def test_moderation_journey(new_page: Callable[[], Page], log_in, live_server, axe_page: Page):
    link = EventThreadFactory(
        event__title="E2E Hybride Ratsarbeit", thread__title="E2E Technik im Ratssaal"
    )
    thread_path = link.thread.get_absolute_url()
    author = UserFactory(first_name="Clara", last_name="Rätin")
    reporter = UserFactory(first_name="Otto", last_name="Anders")
    AcceptanceFactory(user=reporter)
    PostFactory(thread=link.thread, author=reporter, body="Wie machen Sie das?")
    organiser = OrganiserFactory()

    # The councillor accepts the code of conduct, then posts.
    author_page = new_page()
    log_in(author_page, author)
    _open(author_page, live_server, thread_path)
    author_page.get_by_role("link", name="Verhaltenskodex lesen").click()
    expect(author_page.get_by_role("heading", level=1)).to_have_text(
        "Verhaltenskodex für Diskussionen"
    )
    author_page.get_by_label("Ich akzeptiere den Verhaltenskodex.").check()
    author_page.get_by_role("button", name="Akzeptieren und weiter").click()
    expect(author_page.get_by_role("heading", level=1)).to_have_text("E2E Technik im Ratssaal")
    author_page.get_by_label("Ihr Beitrag").fill("Das ist *kompletter Unsinn*, Herr Anders.")
    author_page.get_by_role("button", name="Veröffentlichen").click()
    expect(author_page.locator("main")).to_contain_text("Ihr Beitrag wurde veröffentlicht.")
    expect(author_page.locator("main em")).to_have_text("kompletter Unsinn")

    # Another member reports it.
    reporter_page = new_page()
    log_in(reporter_page, reporter)
    _open(reporter_page, live_server, thread_path)
    reporter_page.get_by_role("link", name="Melden", exact=True).click()
    reporter_page.get_by_label("Warum sollte sich die Moderation").fill("Persönlicher Angriff")
    reporter_page.get_by_role("button", name="Meldung senden").click()
    expect(reporter_page.locator("main")).to_contain_text("Die Moderation sieht sich")

    # The organiser hides it with a reason.
    organiser_page = new_page()
    log_in(organiser_page, organiser)
    _open(organiser_page, live_server, reverse("dashboard:discussions"))
    expect(organiser_page.locator("main")).to_contain_text("Persönlicher Angriff")
    organiser_page.get_by_role("link", name="Beitrag ausblenden").click()
    organiser_page.get_by_label("Begründung").fill(REASON)
    organiser_page.get_by_role("button", name="Beitrag ausblenden").click()
    expect(organiser_page.locator("main")).to_contain_text("Keine offenen Meldungen.")

    # The author sees the reason; the reporter sees only that it was hidden.
    author_page.reload()
    expect(author_page.locator("main")).to_contain_text("Von der Moderation ausgeblendet")
    expect(author_page.locator("main")).to_contain_text(REASON)
    reporter_page.reload()
    expect(reporter_page.locator("main")).not_to_contain_text(REASON)
    expect(reporter_page.locator("main")).not_to_contain_text("kompletter Unsinn")

    # axe on every page and state of the journey.
    log_in(axe_page, author)
    for path, name in [
        (thread_path, "thread with hidden post (author)"),
        (reverse("discussions:code-of-conduct"), "code of conduct (accepted)"),
    ]:
        _open(axe_page, live_server, path)
        axe_check(axe_page, name=name)
    log_in(axe_page, organiser)
    for path, name in [
        (reverse("dashboard:discussions"), "moderation queue (hidden posts)"),
        (thread_path, "thread (organiser)"),
    ]:
        _open(axe_page, live_server, path)
        axe_check(axe_page, name=name)


def test_discussion_forms_pass_axe(axe_page: Page, log_in, live_server):
    link = EventThreadFactory(thread__title="E2E Formulare")
    person = UserFactory()
    other = UserFactory()
    post = PostFactory(thread=link.thread, author=person, body="Erster Beitrag")
    PostFactory(thread=link.thread, author=other, body="Zweiter", reply_to=post, quoted=post)
    organiser = OrganiserFactory()

    _open(axe_page, live_server, link.thread.get_absolute_url())
    axe_check(axe_page, name="thread (anonymous)")
    _open(axe_page, live_server, reverse("discussions:code-of-conduct"))
    axe_check(axe_page, name="code of conduct (anonymous)")

    log_in(axe_page, UserFactory())
    _open(axe_page, live_server, link.thread.get_absolute_url())
    axe_check(axe_page, name="thread (code of conduct not yet accepted)")
    _open(axe_page, live_server, reverse("discussions:code-of-conduct"))
    axe_check(axe_page, name="code of conduct (to accept)")

    AcceptanceFactory(user=person)
    log_in(axe_page, person)
    for path, name in [
        (link.thread.get_absolute_url(), "thread with quote and reply"),
        (reverse("discussions:post-reply", args=[post.pk]), "reply form"),
        (reverse("discussions:post-quote", args=[post.pk]), "quote form"),
        (reverse("discussions:post-edit", args=[post.pk]), "edit form"),
        (reverse("discussions:post-delete", args=[post.pk]), "delete confirmation"),
        (
            reverse("discussions:thread-start", args=["event", link.event.pk]),
            "start a discussion",
        ),
        (link.event.get_absolute_url(), "event detail with discussions"),
    ]:
        _open(axe_page, live_server, path)
        axe_check(axe_page, name=name)
    axe_page.get_by_role("link", name="Diskussion beginnen").click()
    axe_page.get_by_role("button", name="Diskussion beginnen").click()
    expect(axe_page.locator("main")).to_contain_text("Bitte geben Sie einen Titel ein.")
    axe_check(axe_page, name="start a discussion (errors)")

    log_in(axe_page, other)
    _open(axe_page, live_server, reverse("discussions:post-report", args=[post.pk]))
    axe_check(axe_page, name="report form")

    log_in(axe_page, UserFactory())
    axe_page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    _open(axe_page, live_server, link.thread.get_absolute_url())
    expect(axe_page.get_by_role("heading", name="Write a post")).to_be_visible()
    axe_check(axe_page, name="thread (English)")

    log_in(axe_page, organiser)
    _open(axe_page, live_server, reverse("dashboard:discussions"))
    axe_check(axe_page, name="moderation queue (empty)")
    _open(axe_page, live_server, reverse("dashboard:discussion-post-hide", args=[post.pk]))
    axe_check(axe_page, name="hide form")


def test_chatham_house_thread_hides_names_in_browser(axe_page: Page, log_in, live_server):
    link = EventThreadFactory(
        event__confidentiality=Confidentiality.CHATHAM_HOUSE, thread__title="E2E Vertraulich"
    )
    PostFactory(thread=link.thread, author=UserFactory(first_name="Geheime", last_name="Person"))
    log_in(axe_page, UserFactory())

    _open(axe_page, live_server, link.thread.get_absolute_url())

    expect(axe_page.locator("main")).to_contain_text("Eine teilnehmende Person")
    expect(axe_page.locator("main")).not_to_contain_text("Geheime Person")
    axe_check(axe_page, name="thread (Chatham House, outsider)")
