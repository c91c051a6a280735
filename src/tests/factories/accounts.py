import factory

from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.accounts.models import User

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    role = Role.COUNCILLOR
    password = factory.django.Password(DEFAULT_PASSWORD)


class OrganiserFactory(UserFactory):
    role = Role.ORGANISER


class CoordinatorFactory(UserFactory):
    role = Role.COORDINATOR
