"""Fault test of issue 13: the mail server is down during 50 registrations. Every request
succeeds, every registration is saved, and every confirmation goes out once the mail
server is back, exactly once each."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from stadtgespraeche.events.enums import AttendanceMode
from stadtgespraeche.registrations.models import Registration
from tests.factories.accounts import UserFactory
from tests.mailers import LOCMEM, UNREACHABLE
from tests.registrations.helpers import open_event

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

PEOPLE = 50


def _run_worker():
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_mail_server_down_during_50_registrations(settings, database_tasks):
    mail.outbox.clear()
    settings.MAILERS = UNREACHABLE
    event = open_event(capacity_online=None)
    url = reverse("registrations:registration-create", kwargs={"slug": event.slug})
    people = UserFactory.create_batch(PEOPLE)

    statuses = []
    for person in people:
        client = Client(raise_request_exception=False)
        client.force_login(person)
        statuses.append(client.post(url, {"registration-mode": AttendanceMode.ONLINE}).status_code)
    _run_worker()  # the worker tries while the mail server is still down

    assert [status for status in statuses if status >= 500] == []
    assert Registration.objects.filter(event=event).count() == PEOPLE
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(status="READY").count() == PEOPLE  # retries queued

    settings.MAILERS = LOCMEM  # the mail server is back
    DBTaskResult.objects.filter(status="READY").update(
        run_after=timezone.now() - datetime.timedelta(seconds=1)
    )
    _run_worker()

    assert sorted(message.to[0] for message in mail.outbox) == sorted(p.email for p in people)
    assert all(event.title in message.subject for message in mail.outbox)
    assert DBTaskResult.objects.filter(status="READY").count() == 0
