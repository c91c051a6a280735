from io import StringIO

import pytest
from django.core.management import call_command

from stadtgespraeche.knowledge.enums import EditorialState
from stadtgespraeche.knowledge.models import Practice

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _run() -> None:
    call_command("load_demo", "--force", stdout=StringIO())


def test_load_demo_publishes_practices_of_the_founding_members(reference_data):
    _run()

    practices = Practice.objects.prefetch_related("municipalities", "topics")
    assert practices.count() == 3
    assert all(practice.state == EditorialState.PUBLISHED for practice in practices)
    keys = {m.key for practice in practices for m in practice.municipalities.all()}
    assert keys == {"07312000", "09461000", "mpsc-2021-28"}
    assert all(practice.topics.exists() for practice in practices)
    assert all(practice.versions.count() == 1 for practice in practices)


def test_load_demo_twice_keeps_one_of_each_practice(reference_data):
    _run()
    _run()
    assert Practice.objects.count() == 3
