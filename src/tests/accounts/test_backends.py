"""accounts.backends.AccountBackend: Django's log-in, permissions only from django-rules."""

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Permission

from tests.factories.accounts import OrganiserFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.unit]


def test_logs_in_with_e_mail_and_password():
    person = UserFactory(email="rita@example.org")
    person.set_password("ein langes Passwort")
    person.save()

    assert authenticate(username="rita@example.org", password="ein langes Passwort") == person
    assert authenticate(username="rita@example.org", password="falsch") is None


def test_a_denied_rule_reads_no_permission_tables(django_assert_num_queries):
    councillor = UserFactory(role="councillor")

    with django_assert_num_queries(0):
        assert not councillor.has_perm("network.review_applications")
        assert not councillor.has_perm("core.view_auditlog")


def test_table_permissions_grant_nothing():
    person = UserFactory(role="councillor")
    person.user_permissions.add(Permission.objects.get(codename="view_auditlog"))

    assert not person.has_perm("core.view_auditlog")
    assert person.get_all_permissions() == set()


def test_rules_still_decide_and_an_active_superuser_keeps_every_permission():
    assert OrganiserFactory().has_perm("network.review_applications")
    superuser = UserFactory(role="councillor", is_superuser=True)
    inactive_superuser = UserFactory(role="councillor", is_superuser=True, is_active=False)

    assert superuser.has_perm("network.review_applications")
    assert not inactive_superuser.has_perm("network.review_applications")
