import pytest

from stadtgespraeche.accounts import services, throttling
from stadtgespraeche.core.models import AuditLog
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

IP = "192.0.2.1"


def test_change_password_sets_and_audits():
    user = UserFactory()

    services.change_password(user, new_password="ein-neues-passwort-42", ip_address=IP)

    user.refresh_from_db()
    assert user.check_password("ein-neues-passwort-42") is True
    assert AuditLog.objects.get().action == "accounts.password.changed"


def test_record_password_reset_request_allows_three_per_address():
    results = [
        services.record_password_reset_request(email="a@example.org", ip_address=ip)
        for ip in ("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4")
    ]

    assert results == [True, True, True, False]
    assert AuditLog.objects.filter(data__throttled=True).count() == 1


def test_record_password_reset_request_counts_per_ip():
    for number in range(throttling.RESET_PER_IP.limit):
        services.record_password_reset_request(email=f"p{number}@example.org", ip_address=IP)

    assert throttling.RESET_PER_IP.is_blocked(IP) is True
    assert throttling.RESET_PER_IP.is_blocked("10.9.9.9") is False


def test_record_password_reset_audits_completion():
    user = UserFactory()

    services.record_password_reset(user, ip_address=IP)

    assert AuditLog.objects.get().actor == user
