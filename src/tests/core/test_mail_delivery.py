"""E-mails go through the background task core.tasks.deliver_mail: a mail server that is
down never fails the caller, and the queued mail is retried until it is delivered."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from stadtgespraeche.core import tasks
from stadtgespraeche.core.mail import send_templated_mail
from tests.mailers import LOCMEM, REFUSING, UNREACHABLE

pytestmark = pytest.mark.integration

TEMPLATE = "accounts/emails/password_reset"


def _send(**extra):
    send_templated_mail(
        to=["rat@example.org"],
        template=TEMPLATE,
        context={"user": None, "reset_url": "https://example.org/x"},
        **extra,
    )


def _run_worker():
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def _make_due(**filters):
    DBTaskResult.objects.filter(**filters).update(
        run_after=timezone.now() - datetime.timedelta(seconds=1)
    )


@pytest.mark.django_db
def test_mail_server_down_does_not_raise_with_the_immediate_backend(settings, caplog):
    settings.MAILERS = UNREACHABLE

    _send()  # raised ConnectionRefusedError before mails became tasks

    assert "not delivered after 1 attempt(s)" in caplog.text
    assert "rat@example.org" not in caplog.text  # addresses stay out of the logs


@pytest.mark.django_db
def test_attachments_and_headers_survive_the_task(settings):
    mail.outbox.clear()

    _send(
        attachments=[("termin.ics", b"BEGIN:VCALENDAR\r\n\xff", "text/calendar")],
        headers={"List-Unsubscribe": "<https://example.org/u>"},
        reply_to=["team@example.org"],
    )

    [message] = mail.outbox
    assert message.to == ["rat@example.org"]
    assert message.reply_to == ["team@example.org"]
    assert message.extra_headers["List-Unsubscribe"] == "<https://example.org/u>"
    [attachment] = message.attachments
    assert attachment.filename == "termin.ics"
    assert attachment.content == b"BEGIN:VCALENDAR\r\n\xff"


@pytest.mark.django_db(transaction=True)
def test_queued_mail_is_retried_until_the_server_is_back(settings, database_tasks):
    mail.outbox.clear()
    settings.MAILERS = UNREACHABLE

    _send()
    assert DBTaskResult.objects.ready().count() == 1
    assert mail.outbox == []

    _run_worker()  # attempt 1 fails: attempt 2 is queued a minute later
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > timezone.now() + datetime.timedelta(seconds=50)
    _run_worker()  # not due yet: nothing happens
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    settings.MAILERS = LOCMEM
    _make_due(status="READY")
    _run_worker()

    assert [m.to for m in mail.outbox] == [["rat@example.org"]]
    assert DBTaskResult.objects.filter(status="READY").count() == 0
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2  # retry + delivery


@pytest.mark.django_db(transaction=True)
def test_queued_mail_is_given_up_after_the_last_attempt(settings, database_tasks):
    settings.MAILERS = UNREACHABLE
    settings.MAIL_DELIVERY_ATTEMPTS = 2

    _send()
    _run_worker()
    _make_due(status="READY")
    _run_worker()

    assert DBTaskResult.objects.filter(status="READY").count() == 0
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1


@pytest.mark.django_db(transaction=True)
def test_permanent_refusal_is_not_retried(settings, database_tasks):
    settings.MAILERS = REFUSING

    _send()
    _run_worker()

    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED"]


@pytest.mark.unit
def test_retry_delay_doubles_up_to_an_hour():
    delays = [tasks.retry_delay(attempt).total_seconds() for attempt in range(1, 9)]

    assert delays == [60, 120, 240, 480, 960, 1920, 3600, 3600]


@pytest.mark.django_db(transaction=True)
def test_finished_tasks_are_pruned_after_the_keep_days(settings, database_tasks):
    from stadtgespraeche.core.jobs import prune_task_results

    settings.TASK_RESULTS_KEEP_DAYS = 2
    for _ in range(2):
        _send()
    _run_worker()
    old, recent = DBTaskResult.objects.order_by("enqueued_at")
    DBTaskResult.objects.filter(pk=old.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=3)
    )
    _send()  # still queued: never pruned

    assert prune_task_results() == 1
    assert not DBTaskResult.objects.filter(pk=old.pk).exists()
    assert DBTaskResult.objects.filter(pk=recent.pk).exists()
    assert DBTaskResult.objects.filter(status="READY").count() == 1


@pytest.mark.django_db(transaction=True)
def test_mail_of_a_killed_worker_is_queued_again_and_delivered_once(settings, database_tasks):
    """A worker killed (SIGKILL) while sending leaves its task RUNNING; the periodic job
    puts it back in the queue after TASK_ABANDONED_AFTER_MINUTES and the next worker
    delivers it."""
    from stadtgespraeche.core.jobs import requeue_abandoned_tasks

    mail.outbox.clear()
    _send()
    task = DBTaskResult.objects.get()
    task.claim("killed-worker")  # what the killed worker had done before it died
    assert requeue_abandoned_tasks() == 0  # it may still be working

    DBTaskResult.objects.update(started_at=timezone.now() - datetime.timedelta(minutes=16))
    assert requeue_abandoned_tasks() == 1
    _run_worker()

    assert [m.to for m in mail.outbox] == [["rat@example.org"]]
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert len(task.worker_ids) == 2


@pytest.mark.django_db(transaction=True)
def test_task_that_keeps_killing_its_worker_is_given_up(settings, database_tasks):
    from stadtgespraeche.core.jobs import requeue_abandoned_tasks

    settings.TASK_MAX_STARTS = 2
    _send()
    task = DBTaskResult.objects.get()
    task.claim("first")
    task.worker_ids = ["first", "second"]
    task.save(update_fields=["worker_ids"])
    DBTaskResult.objects.update(started_at=timezone.now() - datetime.timedelta(hours=1))

    assert requeue_abandoned_tasks() == 0

    task.refresh_from_db()
    assert task.status == "FAILED"
