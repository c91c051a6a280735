"""Password validators with specific German messages (settings.AUTH_PASSWORD_VALIDATORS).

Django's similarity check says "Das Passwort ist zu ähnlich zu E-Mail-Adresse": it puts the
field's name into one sentence for every field. Here each attribute has its own sentence.
"""

from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SIMILAR_MESSAGES = {
    "email": _("The password is too similar to the e-mail address."),
    "first_name": _("The password is too similar to the first name."),
    "last_name": _("The password is too similar to the last name."),
}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    """Django's check, attribute by attribute, with one message per attribute."""

    def validate(self, password: str, user: Any = None) -> None:
        for attribute in self.user_attributes:
            check = password_validation.UserAttributeSimilarityValidator(
                user_attributes=(attribute,), max_similarity=self.max_similarity
            )
            try:
                check.validate(password, user)
            except ValidationError as error:
                message = SIMILAR_MESSAGES.get(attribute)
                if message is None:
                    raise
                raise ValidationError(message, code="password_too_similar") from error
