import pytest
from django.urls import reverse

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_pages_are_german_even_for_english_browsers(client):
    response = client.get(reverse("pages:about"), headers={"accept-language": "en-US,en;q=0.9"})

    assert response.headers["Content-Language"] == "de"
    assert '<html lang="de">' in response.text


def test_language_switch_to_english_is_remembered(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("pages:about")}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("pages:about")
    assert '<html lang="en">' in response.text
    assert client.get(reverse("pages:about")).headers["Content-Language"] == "en"


def test_unknown_language_cookie_falls_back_to_german(client):
    client.cookies["django_language"] = "fr"

    response = client.get(reverse("pages:about"))

    assert '<html lang="de">' in response.text


@pytest.mark.unit
def test_the_empty_choice_of_selects_is_translated():
    from django.db.models.utils import get_blank_choice_label
    from django.utils import translation

    with translation.override("de"):
        assert str(get_blank_choice_label()) == "Bitte auswählen"
    with translation.override("en"):
        assert str(get_blank_choice_label()) == "Please choose"
