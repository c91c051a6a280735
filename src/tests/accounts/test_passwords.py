"""Password validators: specific German messages for passwords like the person's data."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("rat.eins@beispiel.de", "Das Passwort ist zu ähnlich zur E-Mail-Adresse."),
        ("Friederike1", "Das Passwort ist zu ähnlich zum Vornamen."),
        ("Mustermann-Stadt", "Das Passwort ist zu ähnlich zum Nachnamen."),
    ],
)
def test_password_like_personal_data_gets_a_specific_message(password, message):
    user = UserFactory.build(
        email="rat.eins@beispiel.de", first_name="Friederike", last_name="Mustermann-Stadt"
    )

    with pytest.raises(ValidationError) as error:
        validate_password(password, user)

    assert message in error.value.messages


def test_password_similarity_message_in_english():
    user = UserFactory.build(email="rat.eins@beispiel.de")

    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            validate_password("rat.eins@beispiel.de", user)
        messages = error.value.messages

    assert "The password is too similar to the e-mail address." in messages


def test_different_password_passes_the_similarity_check():
    user = UserFactory.build(email="rat.eins@beispiel.de", first_name="Friederike")

    validate_password("ein-gutes-passwort-42", user)
