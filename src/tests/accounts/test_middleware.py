import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse

from stadtgespraeche.accounts.middleware import TwoFactorMiddleware
from tests.factories.accounts import OrganiserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _run(rf, user, path):
    request = rf.get(path)
    request.user = user
    return TwoFactorMiddleware(lambda request: HttpResponse("passed"))(request)


@pytest.mark.parametrize("path", ["/static/core/site.css", "/media/x.png", "/i18n/setlang/"])
def test_middleware_lets_organiser_without_2fa_reach_allowed_paths(rf, path):
    organiser = OrganiserFactory.build(two_factor_enabled=False)

    assert _run(rf, organiser, path).content == b"passed"


def test_middleware_redirects_organiser_without_2fa_elsewhere(rf):
    organiser = OrganiserFactory.build(two_factor_enabled=False)

    response = _run(rf, organiser, "/organisation/protokoll/")

    assert response.status_code == 302
    assert response.url == "/konto/zwei-faktor/einrichten/"


def test_middleware_ignores_anonymous(rf):
    assert _run(rf, AnonymousUser(), "/organisation/").content == b"passed"
