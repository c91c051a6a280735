"""The `id` path converter (core/converters.py) used for every primary key in a URL."""

import pytest
from django.urls import NoReverseMatch, resolve, reverse
from django.urls.exceptions import Resolver404

pytestmark = pytest.mark.unit


def test_id_matches_up_to_eighteen_digits():
    match = resolve("/verzeichnis/kontakte/anfragen/999999999999999999/annehmen/")

    assert match.kwargs == {"pk": 999_999_999_999_999_999}
    assert 999_999_999_999_999_999 < 2**63


@pytest.mark.parametrize("number", ["9999999999999999999", "99999999999999999999", "-1", "1a"])
def test_id_does_not_match_numbers_beyond_64_bits_or_other_text(number):
    with pytest.raises(Resolver404):
        resolve(f"/verzeichnis/kontakte/anfragen/{number}/annehmen/")


def test_id_reverses_ints_and_refuses_the_too_long():
    assert reverse("contacts:contact-request-accept", kwargs={"pk": 7}).endswith("/7/annehmen/")
    with pytest.raises(NoReverseMatch):
        reverse("contacts:contact-request-accept", kwargs={"pk": 10**19})


def test_no_url_of_the_project_uses_the_unbounded_int_converter():
    from django.urls import get_resolver

    def patterns(resolver, prefix=""):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if hasattr(pattern, "url_patterns"):
                yield from patterns(pattern, route)
            else:
                yield route

    assert [route for route in patterns(get_resolver()) if "<int:" in route] == []
