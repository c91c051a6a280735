"""The series name declines in German ("Mitglied der Smarten Stadtgespräche", "bei den
Smarten Stadtgesprächen"): forms set by organisers, the name itself as default."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

import stadtgespraeche
from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.network import services as network_services
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import DefaultSeriesFactory, SeriesFactory

PACKAGE = Path(stadtgespraeche.__file__).parent


# --- the forms on the model --------------------------------------------------------------------


@pytest.mark.unit
def test_german_uses_the_set_forms_other_languages_the_name():
    series = SeriesFactory.build(
        name="Smarte Stadtgespräche",
        name_genitive="der Smarten Stadtgespräche",
        name_dative="den Smarten Stadtgesprächen",
    )

    with translation.override("de"):
        assert (series.genitive, series.dative) == (
            "der Smarten Stadtgespräche",
            "den Smarten Stadtgesprächen",
        )
    with translation.override("en"):
        assert (series.genitive, series.dative) == ("Smarte Stadtgespräche",) * 2


@pytest.mark.unit
def test_without_forms_the_name_stays_as_it_is():
    series = SeriesFactory.build(name="Digitale Kreistage")

    with translation.override("de"):
        assert (series.genitive, series.dative) == ("Digitale Kreistage",) * 2


# --- the service ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_set_series_name_forms_stores_tidied_forms_and_audits():
    series = SeriesFactory(name="Digitale Kreistage")
    organiser = OrganiserFactory()

    network_services.set_series_name_forms(
        series,
        genitive="  der Digitalen   Kreistage ",
        dative="den Digitalen Kreistagen",
        by=organiser,
    )

    series.refresh_from_db()
    assert series.name_genitive == "der Digitalen Kreistage"
    assert series.name_dative == "den Digitalen Kreistagen"
    entry = AuditLog.objects.get(action="network.series.name_forms_changed")
    assert entry.actor == organiser


@pytest.mark.django_db
def test_set_series_name_forms_empty_falls_back_to_the_name():
    series = DefaultSeriesFactory()

    network_services.set_series_name_forms(series, genitive="", dative=" ", by=OrganiserFactory())

    series.refresh_from_db()
    with translation.override("de"):
        assert series.dative == "Smarte Stadtgespräche"


# --- the organisers' page ----------------------------------------------------------------------


def _url(series):
    return reverse("dashboard:series-names", kwargs={"slug": series.slug})


@pytest.mark.django_db
def test_organiser_sets_the_forms(client):
    series = SeriesFactory(name="Digitale Kreistage")
    client.force_login(OrganiserFactory())

    page = client.get(_url(series)).content.decode()
    assert "Formen des Namens „Digitale Kreistage“" in page
    assert 'name="name_dative"' in page
    response = client.post(
        _url(series),
        {"name_genitive": "der Digitalen Kreistage", "name_dative": "den Digitalen Kreistagen"},
        follow=True,
    )

    assert "Die Formen des Namens „Digitale Kreistage“ wurden gespeichert." in (
        response.content.decode()
    )
    series.refresh_from_db()
    assert series.name_dative == "den Digitalen Kreistagen"


@pytest.mark.django_db
def test_too_long_form_is_refused_with_a_message_and_kept(client):
    series = SeriesFactory()
    client.force_login(OrganiserFactory())

    response = client.post(_url(series), {"name_genitive": "x" * 161, "name_dative": "den Reihen"})

    assert response.status_code == 400
    content = response.content.decode()
    assert "höchstens 160 Zeichen" in content
    assert "den Reihen" in content
    series.refresh_from_db()
    assert series.name_dative == ""


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["coordinator", "councillor", "speaker"])
def test_others_may_not_set_the_forms(client, role):
    series = SeriesFactory(name_dative="den Reihen")
    client.force_login(CoordinatorFactory() if role == "coordinator" else UserFactory(role=role))

    get = client.get(_url(series))
    post = client.post(_url(series), {"name_genitive": "", "name_dative": "gehackt"})

    assert (get.status_code, post.status_code) == (403, 403)
    assert "den Reihen" not in get.content.decode()
    series.refresh_from_db()
    assert series.name_dative == "den Reihen"


@pytest.mark.django_db
def test_organiser_home_links_to_the_forms(client):
    series = DefaultSeriesFactory()
    client.force_login(OrganiserFactory())

    content = client.get(reverse("dashboard:home")).content.decode()

    assert _url(series) in content


# --- sentences that decline the name -----------------------------------------------------------


@pytest.mark.django_db
def test_application_mails_decline_the_name_in_german_only(django_capture_on_commit_callbacks):
    series = DefaultSeriesFactory()
    options = {
        "series": series,
        "contact_name": "Erika Mustermann",
        "contact_email": "erika@stadt.example.org",
        "contact_role": "Digitalisierung",
        "message": "",
        "consent_text_version": "v1",
        "ip_address": "203.0.113.7",
    }
    with django_capture_on_commit_callbacks(execute=True):
        network_services.submit_application(
            municipality=MunicipalityFactory(name="Kaiserslautern"), language="de", **options
        )
    german = mail.outbox[0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        network_services.submit_application(
            municipality=MunicipalityFactory(name="Bamberg"),
            language="en",
            **{**options, "contact_email": "ben@bamberg.example.org"},
        )
    english = mail.outbox[0]

    assert german.subject == "Ihr Antrag bei den Smarten Stadtgesprächen"
    assert "den Antrag von Kaiserslautern bei den Smarten Stadtgesprächen" in " ".join(
        german.body.split()
    )
    assert english.subject == "Your application to Smarte Stadtgespräche"
    assert "Smarten" not in english.body


# Sentences that name the series in the nominative (a title, a label before a colon):
# everywhere else a template passes `series.dative` or `series.genitive`.
NOMINATIVE_SENTENCES = {
    "Season reports of {{ series }}",  # "Saisonberichte der Reihe …" (apposition)
    "{{ series }}:",  # "Smarte Stadtgespräche: Mitglied (seit …)"
}
BLOCKTRANSLATE = re.compile(
    r"{%\s*blocktranslate\b(?P<args>[^%]*)%}(?P<text>.*?){%\s*endblocktranslate\s*%}", re.S
)


@pytest.mark.unit
def test_templates_pass_a_declined_form_where_a_sentence_declines_the_series():
    undeclined = []
    for path in PACKAGE.glob("*/templates/**/*"):
        if path.suffix not in (".html", ".txt"):
            continue
        for match in BLOCKTRANSLATE.finditer(path.read_text(encoding="utf-8")):
            if not re.search(r"\bseries=[\w.]*series\.name\b", match.group("args")):
                continue
            text = " ".join(match.group("text").split())
            if not any(text.startswith(allowed) for allowed in NOMINATIVE_SENTENCES):
                undeclined.append((path.name, text))

    assert undeclined == []
