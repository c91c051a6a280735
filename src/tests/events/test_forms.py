import pytest

from stadtgespraeche.municipalities.enums import MunicipalityKind
from stadtgespraeche.network.forms import ApplicationForm, MembershipStatusForm
from stadtgespraeche.network.queries import series_accepting_applications
from tests.factories.municipalities import MunicipalityFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def municipalities():
    return {
        "kl_city": MunicipalityFactory(name="Kaiserslautern", key="07312000"),
        "kl_county": MunicipalityFactory(
            name="Kaiserslautern", key="07335", kind=MunicipalityKind.COUNTY
        ),
        "bamberg": MunicipalityFactory(name="Bamberg", key="09461000"),
        "bamberg_county": MunicipalityFactory(
            name="Landkreis Bamberg", key="09471", kind=MunicipalityKind.COUNTY
        ),
    }


def _form(series, **data):
    values = {
        "series": series.pk,
        "contact_name": "Erika Mustermann",
        "contact_email": "erika@stadt.example.org",
        "consent": "on",
        **data,
    }
    return ApplicationForm(values, series_choices=series_accepting_applications())


def test_application_form_resolves_single_match(series, municipalities):
    form = _form(series, municipality_query="Landkreis Bam")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["municipality"] == municipalities["bamberg_county"]


def test_application_form_resolves_exact_name_among_several(series, municipalities):
    form = _form(series, municipality_query="bamberg")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["municipality"] == municipalities["bamberg"]


def test_application_form_resolves_official_key(series, municipalities):
    form = _form(series, municipality_query="07312000")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["municipality"] == municipalities["kl_city"]


def test_application_form_ambiguous_text_offers_matches(series, municipalities):
    form = _form(series, municipality_query="Kaiserslautern")

    assert form.is_valid() is False
    assert "Bitte wählen Sie eine aus der Liste" in form.errors["municipality_query"][0]
    assert form.show_matches is True
    assert set(form.matches) == {municipalities["kl_city"], municipalities["kl_county"]}


def test_application_form_uses_chosen_match(series, municipalities):
    county = municipalities["kl_county"]

    form = _form(series, municipality_query="Kaiserslautern", municipality=str(county.pk))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["municipality"] == county


def test_application_form_ignores_choice_not_matching_text(series, municipalities):
    form = _form(
        series,
        municipality_query="Kaiserslautern",
        municipality=str(municipalities["bamberg"].pk),
    )

    assert form.is_valid() is False
    assert "municipality_query" in form.errors


def test_application_form_unknown_municipality(series, municipalities):
    form = _form(series, municipality_query="Atlantis")

    assert form.is_valid() is False
    assert "keine Kommune „Atlantis“" in form.errors["municipality_query"][0]


def test_application_form_too_short_text(series, municipalities):
    form = _form(series, municipality_query="K")

    assert form.is_valid() is False
    assert "mindestens zwei Buchstaben" in form.errors["municipality_query"][0]


def test_application_form_hides_series_choice_with_one_series(series):
    form = ApplicationForm(series_choices=series_accepting_applications())

    assert form["series"].is_hidden is True
    assert form["series"].initial == series


def test_membership_status_form_rejects_unknown_status():
    form = MembershipStatusForm({"status": "emperor"})

    assert form.is_valid() is False
    assert form.errors["status"] == ["Bitte wählen Sie einen der aufgeführten Status."]
