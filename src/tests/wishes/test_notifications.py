"""Notifications of the wishes app: a new round is announced to the series' members, a
wish entered on someone's behalf is announced to them."""

import pytest

from stadtgespraeche.network.enums import MembershipStatus
from stadtgespraeche.notifications.models import Notification
from stadtgespraeche.people.enums import AffiliationRole
from stadtgespraeche.wishes import services
from stadtgespraeche.wishes.exceptions import NotAllowed
from tests.factories.accounts import UserFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import MembershipFactory, SeriesFactory
from tests.factories.people import AffiliationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _member(series, municipality, role=AffiliationRole.COUNCILLOR, **kwargs):
    person = UserFactory(**kwargs)
    AffiliationFactory(user=person, municipality=municipality, role=role)
    return person


def test_create_round_notifies_councillors_and_coordinators_of_member_municipalities(
    organiser,
):
    series = SeriesFactory()
    member = MunicipalityFactory()
    MembershipFactory(series=series, municipality=member)
    left = MunicipalityFactory()
    MembershipFactory(series=series, municipality=left, status=MembershipStatus.LEFT)
    councillor = _member(series, member)
    coordinator = _member(series, member, role=AffiliationRole.COORDINATOR)
    english = _member(series, member, language="en")
    inactive = _member(series, member, is_active=False)
    former = _member(series, left)
    other_series = SeriesFactory(slug="andere-reihe", name="Andere Reihe")
    outsider_town = MunicipalityFactory()
    MembershipFactory(series=other_series, municipality=outsider_town)
    outsider = _member(other_series, outsider_town)

    wish_round = services.create_round(series=series, title="Frühjahr 2027", by=organiser)

    notified = Notification.objects.filter(kind=services.ROUND_OPENED_KIND)
    assert set(notified.values_list("recipient", flat=True)) == {
        councillor.pk,
        coordinator.pk,
        english.pk,
    }
    german = notified.get(recipient=councillor)
    assert german.title == "Neue Runde der Themenwünsche: „Frühjahr 2027“"
    assert german.url == f"/themenwuensche/runde/{wish_round.pk}/"
    assert notified.get(recipient=english).title == "New round of topic wishes: “Frühjahr 2027”"
    for absent in (inactive, former, outsider, organiser):
        assert not Notification.objects.filter(recipient=absent).exists()


def test_create_round_without_members_notifies_nobody(organiser):
    services.create_round(series=SeriesFactory(), title="Leer", by=organiser)

    assert not Notification.objects.exists()


def test_wish_on_behalf_notifies_the_councillor(collecting_round, coordinator, councillor):
    wish = services.submit_wish(
        collecting_round, title="Open Data", reason="Y", on_behalf_of=councillor, by=coordinator
    )

    (notification,) = Notification.objects.all()
    assert notification.recipient == councillor
    assert notification.kind == services.ON_BEHALF_KIND
    expected = "Ihre Koordination hat den Themenwunsch „Open Data“ für Sie eingetragen"
    assert notification.title == expected
    assert notification.url == f"/themenwuensche/wunsch/{wish.pk}/"


def test_own_wish_notifies_nobody(collecting_round, councillor):
    services.submit_wish(collecting_round, title="Eigener Wunsch", reason="Y", by=councillor)

    assert not Notification.objects.exists()


def test_refused_wish_on_behalf_notifies_nobody(collecting_round, coordinator, other_councillor):
    with pytest.raises(NotAllowed):
        services.submit_wish(
            collecting_round, title="X", reason="Y", on_behalf_of=other_councillor, by=coordinator
        )

    assert not Notification.objects.exists()
