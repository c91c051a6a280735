"""The notifications part of the demo: councillors follow their municipality and topics."""

import pytest
from django.core.management import call_command

from stadtgespraeche.accounts.models import User
from stadtgespraeche.demo.loader import COUNCILLOR_EMAIL
from stadtgespraeche.notifications import queries
from stadtgespraeche.notifications.models import Follow

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_load_demo_creates_follows_idempotently(reference_data):
    call_command("load_demo", "--force", verbosity=0)
    first = Follow.objects.count()
    call_command("load_demo", "--force", verbosity=0)

    councillor = User.objects.get(email=COUNCILLOR_EMAIL)
    follows = queries.follows_of(councillor)
    assert Follow.objects.count() == first > 0
    assert councillor.profile.municipality in [entry.target for entry in follows]
    assert len(follows) == 1 + councillor.profile.interests.count()
