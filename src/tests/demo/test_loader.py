from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from stadtgespraeche.accounts.models import User
from stadtgespraeche.municipalities.enums import MunicipalityKind
from stadtgespraeche.municipalities.models import Party
from stadtgespraeche.network.enums import MembershipStatus
from stadtgespraeche.network.models import Membership, MembershipChange, Series
from stadtgespraeche.people.enums import AffiliationRole, Visibility
from stadtgespraeche.people.models import Affiliation, Faction, Mandate, Profile
from tests.factories.municipalities import MunicipalityFactory

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
    assert "2FA key" in output


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


def _profile_snapshot():
    return sorted(
        (
            profile.user.email,
            profile.municipality.key,
            profile.identity_visibility,
            profile.mandates_visibility,
            tuple(sorted(t.slug for t in profile.interests.all())),
            profile.expertise,
            tuple((m.body, m.faction.name, m.party.short_name) for m in profile.mandates.all()),
        )
        for profile in Profile.objects.select_related("user", "municipality")
    )


def test_load_demo_gives_councillors_profiles_with_mandates_and_interests(reference_data):
    _run()

    councillors = User.objects.filter(role="councillor")
    profiles = Profile.objects.filter(user__in=councillors)
    assert profiles.count() == councillors.count() == 15
    for profile in profiles:
        assert profile.municipality is not None
        assert 2 <= profile.interests.count() <= 4
        assert profile.expertise
        mandates = list(profile.mandates.select_related("faction", "party"))
        assert 1 <= len(mandates) <= 2
        party = Affiliation.objects.get(user=profile.user).party
        assert all(m.party == party for m in mandates)
        assert all(m.faction.name == f"Fraktion {party.short_name}" for m in mandates)
        assert all(m.faction.municipality == profile.municipality for m in mandates)
    identities = [p.identity_visibility for p in profiles]
    assert identities.count(Visibility.NETWORK) > identities.count(Visibility.PUBLIC) > 0
    login = Profile.objects.get(user__email="ratsmitglied@demo.stadtgespraeche.invalid")
    assert login.bio
    assert login.languages
    assert login.expertise
    assert login.mandates.count() == 2
    assert login.identity_visibility == Visibility.PUBLIC


def test_load_demo_profiles_are_deterministic_and_idempotent(reference_data):
    _run()
    first = _profile_snapshot()
    counts = (Profile.objects.count(), Mandate.objects.count(), Faction.objects.count())

    _run()

    assert _profile_snapshot() == first
    assert (Profile.objects.count(), Mandate.objects.count(), Faction.objects.count()) == counts


def test_load_demo_keeps_changes_to_profiles(reference_data):
    _run()
    Profile.objects.filter(user__email="ratsmitglied@demo.stadtgespraeche.invalid").update(
        bio="Geändert"
    )

    _run()

    assert Profile.objects.get(user__email="ratsmitglied@demo.stadtgespraeche.invalid").bio == (
        "Geändert"
    )


def test_load_demo_gives_the_organiser_working_two_factor(reference_data, settings):
    import pyotp

    from stadtgespraeche.accounts.services import check_second_factor
    from stadtgespraeche.demo.loader import DEMO_TOTP_SECRET, ORGANISER_EMAIL

    output = _run()

    organiser = User.objects.get(email=ORGANISER_EMAIL)
    assert organiser.two_factor_enabled is True
    assert DEMO_TOTP_SECRET in output
    settings.DEMO = True
    code_out = StringIO()
    call_command("demo_code", stdout=code_out)
    assert code_out.getvalue().strip() == pyotp.TOTP(DEMO_TOTP_SECRET).now()
    assert check_second_factor(organiser, code=code_out.getvalue().strip(), ip_address="127.0.0.1")


def test_demo_code_refuses_outside_demo_mode_and_for_real_accounts(reference_data, settings):
    _run()
    settings.DEMO = False
    with pytest.raises(CommandError, match="STADTGESPRAECHE_DEMO"):
        call_command("demo_code")
    settings.DEMO = True
    real = User.objects.create_user("echt@example.org", "x" * 12, two_factor_enabled=True)
    with pytest.raises(CommandError, match="no demo account"):
        call_command("demo_code", real.email)
