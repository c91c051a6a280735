"""Demo: the documented first session "Auftakt der Smarten Stadtgespräche"."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from stadtgespraeche.demo import first_session as demo_first_session
from stadtgespraeche.documentation.models import Feedback, Minutes
from stadtgespraeche.events.enums import AgendaItemKind, EventFormat, EventStatus
from stadtgespraeche.events.models import Event
from stadtgespraeche.registrations.models import Registration

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _run() -> None:
    call_command("load_demo", "--force", stdout=StringIO())


def _counts() -> tuple[int, ...]:
    return (
        Event.objects.count(),
        Minutes.objects.count(),
        Registration.objects.count(),
        Feedback.objects.count(),
    )


@pytest.mark.usefixtures("reference_data")
def test_demo_first_session_is_documented_and_idempotent(client):
    _run()
    first = _counts()
    _run()

    assert _counts() == first
    event = Event.objects.get(slug=demo_first_session.SLUG)
    assert event.title == "Auftakt der Smarten Stadtgespräche"
    assert event.status == EventStatus.DOCUMENTED
    assert event.format == EventFormat.ONLINE
    assert "BigBlueButton" in event.online_info
    local_start = timezone.localtime(event.starts_at)
    assert (local_start.date().isoformat(), local_start.hour) == ("2023-09-19", 17)
    assert [host.key for host in event.hosts.all()] == ["07312000"]
    assert {topic.slug for topic in event.topics.all()} == {
        "digitale-buergerbeteiligung",
        "hybride-ratsarbeit",
    }
    impulses = event.agenda.filter(kind=AgendaItemKind.IMPULSE)
    assert sorted(item.municipality.key for item in impulses) == [
        "07312000",
        "09461000",
        "mpsc-2021-28",
    ]
    assert event.minutes.is_published
    assert Registration.objects.filter(event=event, user__is_demo=True).count() >= 3
    assert Feedback.objects.filter(event=event).exists()

    page = client.get(event.get_absolute_url()).content.decode()
    assert "Hybride Ratsarbeit" in page or "hybride Ratsarbeit" in page
    assert "Ergebnisse" in page


def test_demo_minutes_state_no_figures_or_quotes():
    text = demo_first_session.MINUTES + demo_first_session.RESULTS
    assert not re.search(r"\d", text)
    assert "„" not in text
    assert '"' not in text
