import factory
from django.utils import timezone

from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.accounts.models import TOTPDevice, User

DEFAULT_PASSWORD = "correct-horse-battery-staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    role = Role.COUNCILLOR
    password = factory.django.Password(DEFAULT_PASSWORD)


class TwoFactorUserFactory(UserFactory):
    """A person with confirmed TOTP two-factor authentication (secret TOTP_SECRET)."""

    two_factor_enabled = True

    @factory.post_generation
    def totp_device(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        """Pass totp_device=False (with two_factor_enabled=False) for a person without 2FA."""
        if create and extracted is not False:
            TOTPDevice.objects.create(user=obj, secret=TOTP_SECRET, confirmed_at=timezone.now())


class OrganiserFactory(TwoFactorUserFactory):
    """Organisers must use 2FA (TwoFactorMiddleware), so the factory gives them a device."""

    role = Role.ORGANISER


class CoordinatorFactory(UserFactory):
    role = Role.COORDINATOR
