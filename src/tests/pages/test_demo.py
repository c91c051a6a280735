from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from stadtgespraeche.accounts.models import User
from stadtgespraeche.directory.enums import AffiliationRole, MunicipalityKind
from stadtgespraeche.directory.models import Affiliation, Party
from stadtgespraeche.events.enums import MembershipStatus
from stadtgespraeche.events.models import Membership, MembershipChange, Series
from tests.factories.directory import MunicipalityFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "series": Series.objects.count(),
        "memberships": Membership.objects.count(),
        "changes": MembershipChange.objects.count(),
        "affiliations": Affiliation.objects.count(),
        "parties": Party.objects.count(),
    }


def _run() -> str:
    out = StringIO()
    call_command("load_demo", "--force", stdout=out)
    return out.getvalue()


def test_load_demo_creates_series_memberships_and_people(reference_data):
    output = _run()

    series = Series.objects.get(slug="smarte-stadtgespraeche")
    assert series.organiser_municipality.key == "07312000"
    statuses = dict(
        Membership.objects.filter(series=series).values_list("municipality__key", "status")
    )
    assert statuses == {
        "07312000": MembershipStatus.MEMBER,
        "09461000": MembershipStatus.MEMBER,
        "mpsc-2021-28": MembershipStatus.MEMBER,
        "08421000": MembershipStatus.INTERESTED,
        "05122000": MembershipStatus.APPLIED,
    }
    assert User.objects.filter(is_demo=False).count() == 0
    assert all(
        email.endswith("@demo.stadtgespraeche.invalid")
        for email in User.objects.values_list("email", flat=True)
    )
    organiser = User.objects.get(email="organisation@demo.stadtgespraeche.invalid")
    assert organiser.is_organiser
    assert organiser.check_password("stadtgespraeche-demo")
    assert Affiliation.objects.get(role=AffiliationRole.COORDINATOR).municipality.key == (
        "09461000"
    )
    councillor_parties = set(
        Affiliation.objects.filter(role=AffiliationRole.COUNCILLOR).values_list(
            "party__short_name", flat=True
        )
    )
    assert {"SPD", "CSU", "GRÜNE", "FREIE WÄHLER", "CDU"} <= councillor_parties
    assert "organisation@demo.stadtgespraeche.invalid" in output
    assert "koordination-bamberg@demo.stadtgespraeche.invalid" in output
    assert "ratsmitglied@demo.stadtgespraeche.invalid" in output
    assert "two-factor authentication" in output


def test_load_demo_twice_creates_no_duplicates(reference_data):
    _run()
    first = _counts()
    names = sorted(User.objects.values_list("email", "first_name", "last_name"))

    output = _run()

    assert _counts() == first
    assert sorted(User.objects.values_list("email", "first_name", "last_name")) == names
    assert "0 new demo accounts" in output


def test_load_demo_keeps_membership_changes_made_since(reference_data):
    _run()
    Membership.objects.filter(municipality__key="08421000").update(status=MembershipStatus.MEMBER)

    _run()

    assert Membership.objects.get(municipality__key="08421000").status == MembershipStatus.MEMBER


def test_load_demo_finds_rhein_neckar_by_name_when_key_differs():
    MunicipalityFactory(key="07312000", name="Kaiserslautern")
    MunicipalityFactory(key="09461000", name="Bamberg")
    MunicipalityFactory(key="08226000", name="Rhein-Neckar-Kreis", kind=MunicipalityKind.COUNTY)
    MunicipalityFactory(
        key="anders", name="Verband Region Rhein-Neckar", kind=MunicipalityKind.REGION
    )

    _run()

    assert Membership.objects.filter(municipality__key="anders").exists()
    assert not Membership.objects.filter(municipality__key="08226000").exists()


def test_load_demo_without_reference_data_explains_what_to_do():
    with pytest.raises(CommandError, match="load_reference_data"):
        _run()
    assert User.objects.count() == 0


def test_load_demo_refuses_outside_demo_mode(reference_data, settings):
    settings.DEMO = False

    with pytest.raises(CommandError, match="STADTGESPRAECHE_DEMO"):
        call_command("load_demo")
    assert User.objects.count() == 0


def test_load_demo_runs_in_demo_mode_without_force(reference_data, settings):
    settings.DEMO = True

    call_command("load_demo", stdout=StringIO())

    assert Series.objects.count() == 1
