"""Impulse proposals: coordinators propose, organisers accept into the agenda or decline."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.urls import reverse
from django.utils import translation

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.events import services
from stadtgespraeche.events.enums import AgendaItemKind, EventStatus
from stadtgespraeche.events.exceptions import EventError, ProposalAlreadyDecided, ProposalNotAllowed
from stadtgespraeche.events.models import ImpulseProposal
from stadtgespraeche.network.enums import ApplicationStatus, MembershipStatus
from stadtgespraeche.people.enums import AffiliationRole
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.events import EventFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import MembershipFactory
from tests.factories.people import AffiliationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def event():
    return EventFactory(status=EventStatus.PUBLISHED)


@pytest.fixture
def coordinator(event):
    municipality = MunicipalityFactory(name="Bamberg")
    MembershipFactory(series=event.series, municipality=municipality, status="member")
    user = CoordinatorFactory(email="koordination@bamberg.example")
    AffiliationFactory(user=user, municipality=municipality, role=AffiliationRole.COORDINATOR)
    return user


def _propose(event, coordinator, **overrides):
    data = {
        "municipality": coordinator.affiliations.get().municipality,
        "title": "Bürgerhaushalt digital",
        "abstract": "Kurz",
        "speaker_name": "Erika Beispiel",
    }
    data.update(overrides)
    return services.propose_impulse(event, **data, by=coordinator)


def test_propose_impulse_creates_pending_and_audits(event, coordinator):
    proposal = _propose(event, coordinator)

    assert proposal.status == ApplicationStatus.PENDING
    assert AuditLog.objects.filter(action="events.impulse.proposed").exists()


def test_propose_impulse_for_foreign_municipality_is_refused(event, coordinator):
    with translation.override("de"), pytest.raises(ProposalNotAllowed) as error:
        _propose(event, coordinator, municipality=MunicipalityFactory())
    assert "keinen Impuls vorschlagen" in str(error.value)
    assert not ImpulseProposal.objects.exists()


def test_propose_impulse_for_draft_is_refused(event, coordinator):
    event.status = EventStatus.DRAFT
    event.save()
    with pytest.raises(ProposalNotAllowed):
        _propose(event, coordinator)


def test_accept_proposal_adds_impulse_and_mails(event, coordinator):
    proposal = _propose(event, coordinator)

    item = services.accept_proposal(
        proposal, starts_at=event.starts_at, duration=20, by=OrganiserFactory()
    )

    proposal.refresh_from_db()
    assert proposal.status == ApplicationStatus.ACCEPTED
    assert proposal.agenda_item == item
    assert item.kind == AgendaItemKind.IMPULSE
    assert item.external_speaker == "Erika Beispiel"
    assert item.municipality.name == "Bamberg"
    assert mail.outbox[-1].to == ["koordination@bamberg.example"]
    assert "Programm" in mail.outbox[-1].subject
    assert AuditLog.objects.filter(action="events.impulse.accepted").exists()


def test_decline_proposal_needs_message(event, coordinator):
    proposal = _propose(event, coordinator)
    with translation.override("de"), pytest.raises(EventError) as error:
        services.decline_proposal(proposal, message="  ", by=None)
    assert "Nachricht" in str(error.value)


def test_decline_proposal_mails_message(event, coordinator):
    proposal = _propose(event, coordinator)

    services.decline_proposal(proposal, message="Diesmal leider zu voll.", by=None)

    proposal.refresh_from_db()
    assert proposal.status == ApplicationStatus.DECLINED
    assert "Diesmal leider zu voll." in mail.outbox[-1].body
    assert AuditLog.objects.filter(action="events.impulse.declined").exists()


def test_decided_proposal_cannot_be_decided_again(event, coordinator):
    proposal = _propose(event, coordinator)
    services.decline_proposal(proposal, message="Nein", by=None)
    with pytest.raises(ProposalAlreadyDecided):
        services.accept_proposal(proposal, starts_at=event.starts_at, duration=10, by=None)


ROLES = ["anonymous", "councillor", "member_coordinator", "other_coordinator", "organiser"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", list(EventStatus))
def test_propose_impulse_rules_matrix(role, status):
    event = EventFactory(status=status)
    municipality = MunicipalityFactory()
    MembershipFactory(
        series=event.series, municipality=municipality, status=MembershipStatus.MEMBER
    )
    if role == "anonymous":
        user = AnonymousUser()
    elif role == "councillor":
        user = UserFactory()
    elif role == "organiser":
        user = OrganiserFactory()
    else:
        user = CoordinatorFactory()
        target = municipality if role == "member_coordinator" else MunicipalityFactory()
        AffiliationFactory(user=user, municipality=target, role=AffiliationRole.COORDINATOR)

    allowed = user.has_perm("events.propose_impulse", event)

    in_planning = status in {
        EventStatus.PUBLISHED,
        EventStatus.REGISTRATION_OPEN,
        EventStatus.REGISTRATION_CLOSED,
    }
    assert allowed == (role == "member_coordinator" and in_planning)


def test_propose_view_happy_path(client, event, coordinator):
    client.force_login(coordinator)
    url = reverse("events:impulse-propose", args=[event.slug])
    municipality = coordinator.affiliations.get().municipality

    assert "Impuls vorschlagen" in client.get(event.get_absolute_url()).content.decode()
    response = client.post(
        url,
        {"municipality": municipality.pk, "title": "Open Data", "speaker_name": "E. B."},
        follow=True,
    )

    assert ImpulseProposal.objects.get().title == "Open Data"
    assert "Vielen Dank" in response.content.decode()


def test_propose_view_bad_input_gives_message(client, event, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("events:impulse-propose", args=[event.slug]), {})
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()


def test_propose_view_denied_to_councillor(client, event):
    client.force_login(UserFactory())
    response = client.get(reverse("events:impulse-propose", args=[event.slug]))
    assert response.status_code == 403
    assert "Impuls vorschlagen" not in response.content.decode()


def test_dashboard_queue_accept_and_decline(client, event, coordinator):
    first = _propose(event, coordinator, title="Erster Vorschlag")
    second = _propose(event, coordinator, title="Zweiter Vorschlag")
    client.force_login(OrganiserFactory())
    detail = client.get(reverse("dashboard:event-detail", args=[event.pk])).content.decode()
    assert "Erster Vorschlag" in detail
    local = event.starts_at.astimezone(datetime.timezone(datetime.timedelta(hours=1)))

    client.post(
        reverse("dashboard:proposal-decide", args=[event.pk, first.pk]),
        {
            "decision": "accept",
            "starts_at": local.strftime("%Y-%m-%dT%H:%M"),
            "duration": "15",
        },
    )
    bad = client.post(
        reverse("dashboard:proposal-decide", args=[event.pk, second.pk]),
        {"decision": "decline", "message": ""},
    )
    client.post(
        reverse("dashboard:proposal-decide", args=[event.pk, second.pk]),
        {"decision": "decline", "message": "Leider nein."},
    )

    assert "Dieses Feld ist zwingend erforderlich." in bad.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == ApplicationStatus.ACCEPTED
    assert second.status == ApplicationStatus.DECLINED
    assert event.agenda.get().title == "Erster Vorschlag"


def test_dashboard_decide_denied_to_coordinator(client, event, coordinator):
    proposal = _propose(event, coordinator, title="Geheimer Vorschlag")
    client.force_login(coordinator)

    response = client.get(reverse("dashboard:proposal-decide", args=[event.pk, proposal.pk]))

    assert response.status_code == 403
    assert "Geheimer Vorschlag" not in response.content.decode()
