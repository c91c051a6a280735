import pytest

from stadtgespraeche.network import queries as network_queries
from stadtgespraeche.network.enums import ApplicationStatus, MembershipStatus
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import (
    DefaultSeriesFactory,
    MembershipApplicationFactory,
    MembershipChangeFactory,
    MembershipFactory,
    SeriesFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_pending_applications_only_pending_of_series_oldest_first(series):
    other = SeriesFactory(name="Andere Reihe", slug="andere-reihe")
    first = MembershipApplicationFactory(series=series)
    second = MembershipApplicationFactory(series=series)
    MembershipApplicationFactory(series=series, status=ApplicationStatus.ACCEPTED)
    elsewhere = MembershipApplicationFactory(series=other)

    assert list(network_queries.pending_applications(series)) == [first, second]
    assert list(network_queries.pending_applications()) == [first, second, elsewhere]


def test_decided_applications_excludes_pending(series):
    MembershipApplicationFactory(series=series)
    accepted = MembershipApplicationFactory(series=series, status=ApplicationStatus.ACCEPTED)
    declined = MembershipApplicationFactory(series=series, status=ApplicationStatus.DECLINED)

    assert set(network_queries.decided_applications(series)) == {accepted, declined}


def test_memberships_of_series_sorted_by_municipality_name(series):
    b = MembershipFactory(series=series, municipality=MunicipalityFactory(name="Bamberg"))
    a = MembershipFactory(series=series, municipality=MunicipalityFactory(name="Aachen"))
    MembershipFactory(series=SeriesFactory(name="Andere", slug="andere"))

    assert list(network_queries.memberships_of(series)) == [a, b]


def test_member_municipalities_only_status_member(series):
    member = MembershipFactory(series=series, status=MembershipStatus.MEMBER)
    MembershipFactory(series=series, status=MembershipStatus.APPLIED)
    MembershipFactory(series=series, status=MembershipStatus.PAUSED)

    assert list(network_queries.member_municipalities(series)) == [member.municipality]


def test_membership_history_newest_first(series):
    membership = MembershipFactory(series=series)
    old = MembershipChangeFactory(membership=membership, to_status="applied", from_status="")
    new = MembershipChangeFactory(membership=membership)
    MembershipChangeFactory()  # another membership

    assert list(network_queries.membership_history(membership)) == [new, old]


def test_default_series_prefers_smarte_stadtgespraeche():
    SeriesFactory(name="Aaa", slug="aaa")
    main = DefaultSeriesFactory()

    assert network_queries.default_series() == main
    assert (
        network_queries.default_series(network_queries.all_series().filter(slug="aaa")).slug
        == "aaa"
    )


def test_default_series_none_without_series(db):
    assert network_queries.default_series() is None


def test_series_accepting_applications(series):
    SeriesFactory(name="Geschlossen", slug="geschlossen", accepts_applications=False)

    assert list(network_queries.series_accepting_applications()) == [series]


def test_pending_application_count(series):
    MembershipApplicationFactory(series=series)
    MembershipApplicationFactory(series=series, status=ApplicationStatus.DECLINED)

    assert network_queries.pending_application_count() == 1


def test_has_pending_application_and_membership_of(series):
    application = MembershipApplicationFactory(series=series)

    assert network_queries.has_pending_application(
        series=series, municipality=application.municipality
    )
    assert (
        network_queries.membership_of(series=series, municipality=application.municipality) is None
    )
    assert network_queries.application_by_id(application.pk) == application
    assert network_queries.application_by_id(0) is None
    assert network_queries.membership_by_id(0) is None
