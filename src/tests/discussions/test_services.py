import datetime

import pytest
import time_machine
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.discussions import code_of_conduct, services
from stadtgespraeche.discussions.enums import ReportStatus
from stadtgespraeche.discussions.exceptions import (
    AlreadyReported,
    CodeOfConductRequired,
    DiscussionError,
    EditWindowClosed,
    InvalidPost,
    NotAllowed,
    RateLimited,
)
from stadtgespraeche.discussions.models import CodeOfConductAcceptance, Post, Thread
from stadtgespraeche.events.threads import EventThread, start_event_thread
from tests.factories.accounts import UserFactory
from tests.factories.discussions import PostFactory, ReportFactory, ThreadFactory

pytestmark = pytest.mark.integration


def test_start_thread_of_unknown_kind_is_refused(councillor):
    with pytest.raises(NotAllowed):
        services.start_thread(owner_kind="nothing", title="T", by=councillor)


@pytest.mark.parametrize("title", ["", "   ", "x" * 201])
def test_start_thread_without_valid_title_is_refused(councillor, title):
    with pytest.raises(DiscussionError):
        services.start_thread(owner_kind="event", title=title, by=councillor)


def test_start_event_thread_links_thread_and_first_post(councillor, public_thread):
    event = EventThread.objects.get(thread=public_thread).event

    thread = start_event_thread(event.pk, title=" Neue Frage ", body="Hallo", by=councillor)

    assert thread.title == "Neue Frage"
    assert EventThread.objects.get(thread=thread).event == event
    assert [post.body for post in thread.posts.all()] == ["Hallo"]
    assert AuditLog.objects.filter(action="discussions.thread.started").count() == 1


def test_start_event_thread_rolls_back_without_code_of_conduct(public_thread):
    event = EventThread.objects.get(thread=public_thread).event
    newcomer = UserFactory()

    with pytest.raises(CodeOfConductRequired):
        start_event_thread(event.pk, title="Frage", body="Hallo", by=newcomer)

    assert Thread.objects.count() == 1


def test_start_event_thread_by_non_participant_of_chatham_event_is_refused(chatham_link, other):
    with pytest.raises(NotAllowed):
        start_event_thread(chatham_link.event.pk, title="Frage", body="Hallo", by=other)


def test_accept_code_of_conduct_is_idempotent(db):
    person = UserFactory()

    services.accept_code_of_conduct(person)
    services.accept_code_of_conduct(person)

    assert list(CodeOfConductAcceptance.objects.values_list("user", "version")) == [
        (person.pk, code_of_conduct.VERSION)
    ]
    assert AuditLog.objects.filter(action="discussions.code_of_conduct.accepted").count() == 1


def test_add_post_publishes_and_updates_thread(public_thread, councillor):
    post = services.add_post(public_thread, body="  Hallo  ", by=councillor)

    public_thread.refresh_from_db()
    assert post.body == "Hallo"
    assert public_thread.last_posted_at == post.created_at
    assert AuditLog.objects.filter(action="discussions.post.created").count() == 1


def test_add_post_reply_and_quote_keep_references(post, other):
    reply = services.add_post(post.thread, body="Antwort", by=other, reply_to=post, quoted=post)

    assert (reply.reply_to, reply.quoted) == (post, post)


def test_add_post_anonymous_is_refused(public_thread):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotAllowed):
        services.add_post(public_thread, body="Hallo", by=AnonymousUser())


def test_add_post_without_code_of_conduct_is_refused(public_thread):
    with pytest.raises(CodeOfConductRequired):
        services.add_post(public_thread, body="Hallo", by=UserFactory())


def test_add_post_with_old_code_of_conduct_version_is_refused(public_thread):
    person = UserFactory()
    CodeOfConductAcceptance.objects.create(user=person, version="2020-01")

    with pytest.raises(CodeOfConductRequired):
        services.add_post(public_thread, body="Hallo", by=person)


@pytest.mark.parametrize("body", ["", "   ", "x" * 10_001])
def test_add_post_with_invalid_body_is_refused(public_thread, councillor, body):
    with pytest.raises(InvalidPost):
        services.add_post(public_thread, body=body, by=councillor)


def test_add_post_replying_to_another_threads_post_is_refused(post, network_thread, other):
    with pytest.raises(InvalidPost):
        services.add_post(network_thread, body="Hallo", by=other, reply_to=post)


@pytest.mark.parametrize("state", ["deleted_at", "hidden_at"])
def test_add_post_quoting_removed_post_is_refused(post, other, state):
    setattr(post, state, timezone.now())
    post.save()

    with pytest.raises(InvalidPost):
        services.add_post(post.thread, body="Zitat", by=other, quoted=post)


@override_settings(DISCUSSIONS_POST_RATE_LIMIT=2)
def test_add_post_above_rate_limit_is_refused(public_thread, councillor):
    services.add_post(public_thread, body="eins", by=councillor)
    services.add_post(public_thread, body="zwei", by=councillor)

    with pytest.raises(RateLimited, match="viele Beiträge"):
        services.add_post(public_thread, body="drei", by=councillor)
    assert Post.objects.count() == 2


def test_add_post_in_chatham_thread_by_non_participant_is_refused(chatham_link, other):
    with pytest.raises(NotAllowed):
        services.add_post(chatham_link.thread, body="Hallo", by=other)


def test_add_post_in_chatham_thread_by_participant_is_allowed(chatham_link, participant):
    post = services.add_post(chatham_link.thread, body="Hallo", by=participant)

    assert post.author == participant


def test_edit_post_within_window_marks_edited(post, councillor):
    services.edit_post(post, body="Korrigiert", by=councillor)

    post.refresh_from_db()
    assert (post.body, post.edited_at is not None) == ("Korrigiert", True)


def test_edit_post_with_same_text_changes_nothing(post, councillor):
    services.edit_post(post, body=post.body, by=councillor)

    post.refresh_from_db()
    assert post.edited_at is None


def test_edit_post_by_other_person_is_refused(post, other):
    with pytest.raises(NotAllowed):
        services.edit_post(post, body="Fremd", by=other)


def test_edit_post_after_window_is_refused(post, councillor):
    later = timezone.now() + datetime.timedelta(minutes=16)
    with time_machine.travel(later), pytest.raises(EditWindowClosed):
        services.edit_post(post, body="Zu spät", by=councillor)


@override_settings(DISCUSSIONS_EDIT_WINDOW_MINUTES=30)
def test_edit_window_follows_setting(post, councillor):
    later = timezone.now() + datetime.timedelta(minutes=20)
    with time_machine.travel(later):
        services.edit_post(post, body="Noch rechtzeitig", by=councillor)


def test_edit_post_with_empty_text_is_refused(post, councillor):
    with pytest.raises(InvalidPost):
        services.edit_post(post, body=" ", by=councillor)


def test_delete_post_by_author_removes_text_keeps_row(post, councillor):
    services.delete_post(post, by=councillor)

    post.refresh_from_db()
    assert (post.is_deleted, post.body, post.deleted_by) == (True, "", councillor)
    entry = AuditLog.objects.get(action="discussions.post.deleted")
    assert entry.data == {"by_moderator": False}


def test_delete_post_by_moderator_is_allowed(post, organiser):
    services.delete_post(post, by=organiser)

    assert AuditLog.objects.get(action="discussions.post.deleted").data == {"by_moderator": True}


def test_delete_post_by_other_person_is_refused(post, other):
    with pytest.raises(NotAllowed):
        services.delete_post(post, by=other)


def test_delete_post_twice_is_refused(post, councillor):
    services.delete_post(post, by=councillor)

    with pytest.raises(InvalidPost):
        services.delete_post(post, by=councillor)


def test_report_post_creates_open_report(post, other):
    report = services.report_post(post, reason=" Beleidigend ", by=other)

    assert (report.status, report.reason) == (ReportStatus.OPEN, "Beleidigend")


def test_report_post_twice_is_refused(post, other):
    services.report_post(post, reason="Beleidigend", by=other)

    with pytest.raises(AlreadyReported):
        services.report_post(post, reason="Nochmal", by=other)


def test_report_post_again_after_resolution_is_allowed(post, other, organiser):
    report = services.report_post(post, reason="Beleidigend", by=other)
    services.dismiss_report(report, by=organiser)

    assert services.report_post(post, reason="Wieder", by=other).status == ReportStatus.OPEN


def test_report_own_post_is_refused(post, councillor):
    with pytest.raises(InvalidPost):
        services.report_post(post, reason="Ich", by=councillor)


def test_report_post_without_reason_is_refused(post, other):
    with pytest.raises(DiscussionError):
        services.report_post(post, reason="  ", by=other)


def test_report_post_in_invisible_thread_is_refused(network_thread, other):
    from django.contrib.auth.models import AnonymousUser

    post = PostFactory(thread=network_thread)
    with pytest.raises(NotAllowed):
        services.report_post(post, reason="x", by=AnonymousUser())


def test_hide_post_resolves_reports_mails_author(post, other, organiser, mailoutbox_clear):
    ReportFactory(post=post, reporter=other)

    services.hide_post(post, reason="Beleidigung", by=organiser)

    post.refresh_from_db()
    assert (post.is_hidden, post.hidden_reason, post.hidden_by) == (True, "Beleidigung", organiser)
    assert post.reports.get().status == ReportStatus.RESOLVED
    assert [message.to for message in mail.outbox] == [[post.author.email]]
    assert "Beleidigung" in mail.outbox[0].body


def test_hide_post_by_non_moderator_is_refused(post, other):
    with pytest.raises(NotAllowed):
        services.hide_post(post, reason="x", by=other)


def test_hide_post_twice_is_refused(post, organiser):
    services.hide_post(post, reason="x", by=organiser)

    with pytest.raises(InvalidPost):
        services.hide_post(post, reason="x", by=organiser)


def test_hide_post_without_reason_is_refused(post, organiser):
    with pytest.raises(DiscussionError):
        services.hide_post(post, reason="", by=organiser)


def test_hide_post_of_erased_author_sends_no_mail(organiser, public_thread, mailoutbox_clear):
    post = PostFactory(thread=public_thread, author=None)

    services.hide_post(post, reason="x", by=organiser)

    assert mail.outbox == []


def test_restore_post_shows_it_again_and_tells_author(post, organiser, mailoutbox_clear):
    services.hide_post(post, reason="Versehen?", by=organiser)

    services.restore_post(post, reason="Doch in Ordnung", by=organiser)

    post.refresh_from_db()
    assert (post.is_hidden, post.hidden_reason) == (False, "")
    assert "Doch in Ordnung" in mail.outbox[-1].body


def test_restore_post_not_hidden_is_refused(post, organiser):
    with pytest.raises(InvalidPost):
        services.restore_post(post, reason="x", by=organiser)


def test_restore_post_by_non_moderator_is_refused(post, other):
    with pytest.raises(NotAllowed):
        services.restore_post(post, reason="x", by=other)


def test_restore_post_without_reason_is_refused(post, organiser):
    services.hide_post(post, reason="x", by=organiser)

    with pytest.raises(DiscussionError):
        services.restore_post(post, reason=" ", by=organiser)


def test_dismiss_report_closes_it(post, organiser):
    report = ReportFactory(post=post)

    services.dismiss_report(report, by=organiser, note=" passt ")

    report.refresh_from_db()
    assert (report.status, report.note, report.resolved_by) == (
        ReportStatus.DISMISSED,
        "passt",
        organiser,
    )


def test_dismiss_report_twice_is_refused(post, organiser):
    report = ReportFactory(post=post)
    services.dismiss_report(report, by=organiser)

    with pytest.raises(InvalidPost):
        services.dismiss_report(report, by=organiser)


def test_dismiss_report_by_non_moderator_is_refused(post, other):
    with pytest.raises(NotAllowed):
        services.dismiss_report(ReportFactory(post=post), by=other)


def test_dismiss_report_with_long_note_is_refused(post, organiser):
    with pytest.raises(DiscussionError):
        services.dismiss_report(ReportFactory(post=post), by=organiser, note="x" * 2001)


def test_unlinked_thread_is_seen_by_moderators_only(organiser, councillor):
    from stadtgespraeche.discussions import access

    thread = ThreadFactory(owner_kind="unregistered")

    assert (access.can_view(thread, organiser), access.can_view(thread, councillor)) == (
        True,
        False,
    )
