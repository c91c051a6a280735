import re

import pytest
from django.core import mail
from django.urls import reverse

from stadtgespraeche.accounts.models import User
from stadtgespraeche.people.enums import AffiliationRole
from stadtgespraeche.people.forms.invitations import split_email_lines
from stadtgespraeche.people.models import Affiliation
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.people import AffiliationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _coordinator_of(municipality):
    coordinator = CoordinatorFactory()
    AffiliationFactory(user=coordinator, municipality=municipality, role="coordinator")
    return coordinator


def _url(municipality):
    return reverse("people:invite", kwargs={"slug": municipality.slug})


@pytest.mark.unit
def test_split_email_lines_separates_valid_and_invalid():
    valid, invalid = split_email_lines(
        "a@example.org\n\n  B@Example.org ;\nkeine-adresse\na@example.org\nx@y"
    )

    assert valid == ["a@example.org", "b@example.org"]
    assert invalid == ["keine-adresse", "x@y"]


def test_invite_coordinator_invites_several_councillors(client, django_capture_on_commit_callbacks):
    municipality = MunicipalityFactory(name="Kaiserslautern")
    client.force_login(_coordinator_of(municipality))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(municipality),
            {"role": "councillor", "emails": "eins@example.org\nzwei@example.org\n"},
            follow=True,
        )

    assert sorted(m.to[0] for m in mail.outbox) == ["eins@example.org", "zwei@example.org"]
    assert (
        Affiliation.objects.filter(
            municipality=municipality, role=AffiliationRole.COUNCILLOR
        ).count()
        == 2
    )
    assert "2 Einladungen versendet" in response.text
    assert "eins@example.org" in response.text  # listed among the open invitations
    assert "für Kaiserslautern zur Plattform der Smarten Stadtgespräche" in mail.outbox[0].body
    assert mail.outbox[0].body.startswith("Guten Tag,")


def test_invite_mixed_lines_invites_the_valid_and_reports_the_rest(
    client, django_capture_on_commit_callbacks
):
    municipality = MunicipalityFactory()
    UserFactory(email="aktiv@example.org")
    client.force_login(_coordinator_of(municipality))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(municipality),
            {
                "role": "councillor",
                "emails": "neu@example.org\nkaputt@\naktiv@example.org\nauch kaputt",
            },
        )

    assert response.status_code == 200
    assert [m.to for m in mail.outbox] == [["neu@example.org"]]
    assert "Einladung an neu@example.org versendet." in response.text
    assert "bereits ein aktives Konto: aktiv@example.org" in response.text
    assert "keine gültigen E-Mail-Adressen und wurden nicht eingeladen" in response.text
    assert response.context["form"].initial["emails"] == "kaputt@\nauch kaputt"
    assert not User.objects.filter(email__startswith="kaputt").exists()


def test_invite_only_invalid_lines_gives_form_error(client):
    municipality = MunicipalityFactory()
    client.force_login(_coordinator_of(municipality))

    response = client.post(_url(municipality), {"role": "councillor", "emails": "nope"})

    assert response.status_code == 200
    assert "Diese Zeile ist keine gültige E-Mail-Adresse: nope" in response.text
    assert mail.outbox == []


def test_invite_too_many_lines_is_refused(client):
    municipality = MunicipalityFactory()
    client.force_login(_coordinator_of(municipality))
    emails = "\n".join(f"viele{n}@example.org" for n in range(51))

    response = client.post(_url(municipality), {"role": "councillor", "emails": emails})

    assert "höchstens 50 Adressen" in response.text
    assert User.objects.filter(email__startswith="viele").count() == 0


def test_invite_coordinator_cannot_invite_coordinators(client):
    municipality = MunicipalityFactory()
    client.force_login(_coordinator_of(municipality))

    response = client.post(_url(municipality), {"role": "coordinator", "emails": "k@example.org"})

    assert response.status_code == 200
    assert response.context["form"].errors["role"]
    assert not User.objects.filter(email="k@example.org").exists()


def test_invite_organiser_invites_a_coordinator(client, django_capture_on_commit_callbacks):
    municipality = MunicipalityFactory()
    client.force_login(OrganiserFactory())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(municipality), {"role": "coordinator", "emails": "k@example.org"}
        )

    assert response.url == _url(municipality)
    invited = User.objects.get(email="k@example.org")
    assert invited.role == "coordinator"
    assert Affiliation.objects.get(user=invited).role == AffiliationRole.COORDINATOR


def test_invite_coordinator_of_another_municipality_is_forbidden(client):
    own = MunicipalityFactory()
    other = MunicipalityFactory(name="Andere Stadt")
    pending = UserFactory(email="geheim@example.org", is_active=False)
    AffiliationFactory(user=pending, municipality=other)
    from stadtgespraeche.accounts.services import invite_user

    invite_user(email="geheim@example.org", role="councillor", invited_by=None, send_email=False)
    client.force_login(_coordinator_of(own))

    get = client.get(_url(other))
    post = client.post(_url(other), {"role": "councillor", "emails": "x@example.org"})

    assert get.status_code == post.status_code == 403
    assert "geheim@example.org" not in get.text
    assert not User.objects.filter(email="x@example.org").exists()


def test_invite_councillor_is_forbidden(client):
    municipality = MunicipalityFactory()
    councillor = UserFactory()
    AffiliationFactory(user=councillor, municipality=municipality)
    client.force_login(councillor)

    assert client.get(_url(municipality)).status_code == 403
    assert client.get(reverse("people:invite-start")).status_code == 403


def test_invite_anonymous_is_sent_to_login(client):
    response = client.get(_url(MunicipalityFactory()))

    assert response.url.startswith(reverse("accounts:login"))


def test_invite_unknown_municipality_is_404(client):
    client.force_login(OrganiserFactory())

    assert client.get(reverse("people:invite", kwargs={"slug": "gibt-es-nicht"})).status_code == (
        404
    )


def test_invite_start_organiser_searches_municipalities(client):
    MunicipalityFactory(name="Bamberg", slug="bamberg")
    client.force_login(OrganiserFactory())

    response = client.get(reverse("people:invite-start"), {"q": "bamb"})

    assert reverse("people:invite", kwargs={"slug": "bamberg"}) in response.text


def test_invite_start_organiser_search_without_match(client):
    client.force_login(OrganiserFactory())

    response = client.get(reverse("people:invite-start"), {"q": "xyzxyz"})

    assert "Keine Kommune passt zu Ihrer Suche." in response.text


def test_invite_start_coordinator_sees_only_own_municipalities(client):
    own = MunicipalityFactory(name="Eigene Stadt")
    MunicipalityFactory(name="Fremde Stadt")
    client.force_login(_coordinator_of(own))

    response = client.get(reverse("people:invite-start"))

    assert "Eigene Stadt" in response.text
    assert "Fremde Stadt" not in response.text


@pytest.mark.parametrize("count", [1, 3])
def test_invite_page_query_count(client, django_assert_num_queries, count):
    from stadtgespraeche.accounts.services import invite_user

    municipality = MunicipalityFactory()
    coordinator = _coordinator_of(municipality)
    for number in range(count):
        user, _ = invite_user(
            email=f"p{number}@example.org", role="councillor", invited_by=None, send_email=False
        )
        AffiliationFactory(user=user, municipality=municipality)
    client.force_login(coordinator)

    with django_assert_num_queries(7):
        response = client.get(_url(municipality))

    assert response.text.count("@example.org</td>") == count


def _pending_for(municipality, email, role="councillor"):
    from stadtgespraeche.accounts.services import invite_user

    user, invitation = invite_user(email=email, role=role, invited_by=None, send_email=False)
    AffiliationFactory(user=user, municipality=municipality, role=role)
    return invitation


def _manage_url(municipality, invitation):
    return reverse(
        "people:invitation-manage", kwargs={"slug": municipality.slug, "pk": invitation.pk}
    )


def test_invitation_resend_sends_a_new_link(client, django_capture_on_commit_callbacks):
    municipality = MunicipalityFactory()
    invitation = _pending_for(municipality, "offen@example.org")
    client.force_login(_coordinator_of(municipality))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_manage_url(municipality, invitation), {"action": "resend"})

    assert response.url == _url(municipality)
    invitation.refresh_from_db()
    assert invitation.status == "revoked"  # replaced by the new link
    assert [m.to for m in mail.outbox] == [["offen@example.org"]]


def test_invitation_revoke_makes_the_link_unusable(client):
    municipality = MunicipalityFactory()
    invitation = _pending_for(municipality, "offen@example.org")
    client.force_login(_coordinator_of(municipality))

    response = client.post(_manage_url(municipality, invitation), {"action": "revoke"}, follow=True)

    invitation.refresh_from_db()
    assert invitation.status == "revoked"
    assert "Die Einladung von offen@example.org wurde widerrufen." in response.text
    assert "offen@example.org</td>" not in response.text


def test_invitation_manage_other_municipality_is_forbidden(client):
    own, other = MunicipalityFactory(), MunicipalityFactory()
    invitation = _pending_for(other, "fremd@example.org")
    client.force_login(_coordinator_of(own))

    response = client.post(_manage_url(other, invitation), {"action": "revoke"})

    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_invitation_manage_of_another_municipalitys_invitation_is_404(client):
    own, other = MunicipalityFactory(), MunicipalityFactory()
    invitation = _pending_for(other, "fremd@example.org")
    client.force_login(_coordinator_of(own))

    response = client.post(_manage_url(own, invitation), {"action": "revoke"})

    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_invitation_manage_coordinator_cannot_touch_coordinator_invitations(client):
    municipality = MunicipalityFactory()
    invitation = _pending_for(municipality, "koord@example.org", role="coordinator")
    client.force_login(_coordinator_of(municipality))

    page = client.get(_url(municipality))
    response = client.post(_manage_url(municipality, invitation), {"action": "revoke"})

    assert response.status_code == 403
    assert _manage_url(municipality, invitation) not in page.text


def test_invitation_manage_needs_post(client):
    municipality = MunicipalityFactory()
    invitation = _pending_for(municipality, "offen@example.org")
    client.force_login(OrganiserFactory())

    assert client.get(_manage_url(municipality, invitation)).status_code == 405


@pytest.mark.parametrize("count", [1, 3])
def test_invite_start_coordinator_list_query_count(client, django_assert_num_queries, count):
    coordinator = CoordinatorFactory()
    for _ in range(count):
        AffiliationFactory(user=coordinator, role="coordinator")
    client.force_login(coordinator)

    with django_assert_num_queries(5):
        response = client.get(reverse("people:invite-start"))

    assert len(re.findall(r'href="/verzeichnis/[^"/]+/einladen/"', response.text)) == count


@pytest.mark.parametrize("count", [1, 3])
def test_invite_start_organiser_search_query_count(client, django_assert_num_queries, count):
    for number in range(count):
        MunicipalityFactory(name=f"Suchstadt {number}")
    client.force_login(OrganiserFactory())

    with django_assert_num_queries(4):
        response = client.get(reverse("people:invite-start"), {"q": "Suchstadt"})

    assert len(re.findall(r'href="/verzeichnis/[^"/]+/einladen/"', response.text)) == count
