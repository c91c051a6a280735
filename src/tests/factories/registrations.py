import factory

from stadtgespraeche.events.enums import AttendanceMode
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.registrations.models import Registration

from .accounts import UserFactory
from .events import EventFactory


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    mode = AttendanceMode.ONLINE
    status = RegistrationStatus.REGISTERED
