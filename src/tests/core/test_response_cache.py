"""The anonymous response cache (core/response_cache.py) and the content generation
(core/generation.py): what is stored, who gets it, and that every write is seen at once."""

import os

import pytest
from django.db import connection, transaction
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stadtgespraeche.core import generation, response_cache
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.discussions import EventThreadFactory, PostFactory
from tests.factories.events import EventFactory
from tests.factories.knowledge import PracticeFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import MembershipFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _get(client, url, **kwargs):
    """A GET and the number of SQL queries it cost (0: answered from the cache)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **kwargs)
    return response, len(captured.captured_queries)


@pytest.fixture
def scene():
    municipality = MunicipalityFactory(name="Kaiserslautern", slug="kaiserslautern")
    membership = MembershipFactory(municipality=municipality)
    topic = TopicFactory(title="Offene Testdaten")
    event = EventFactory(title="Hybride Ratsarbeit", series=membership.series)
    event.topics.add(topic)
    practice = PracticeFactory(title="Beteiligungsportal")
    link = EventThreadFactory(event=event, thread__title="Fragen zur Ratsarbeit")
    PostFactory(thread=link.thread, body="Der erste Beitrag.")
    return {
        "municipality": municipality,
        "topic": topic,
        "event": event,
        "practice": practice,
        "thread": link.thread,
        "series": membership.series,
    }


def test_a_second_anonymous_request_is_answered_from_memory(client, scene):
    url = scene["event"].get_absolute_url()

    first, first_queries = _get(client, url)
    second, second_queries = _get(client, url)

    assert first.status_code == second.status_code == 200
    assert first_queries > 0
    assert second_queries == 0
    assert second.content == first.content
    assert "Hybride Ratsarbeit" in second.text


def test_a_cached_answer_has_the_same_headers_as_an_uncached_one(client, scene):
    url = reverse("events:event-list")

    uncached, _ = _get(client, url)
    cached, queries = _get(client, url)

    assert queries == 0
    request_ids = {uncached.headers.pop("X-Request-ID"), cached.headers.pop("X-Request-ID")}
    assert len(request_ids) == 2  # each answer its own request id
    assert dict(cached.headers) == dict(uncached.headers)
    for header in (
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "X-Frame-Options",
        "ETag",
    ):
        assert cached.headers.get(header), header
    assert cached.headers["Cache-Control"] == "no-cache"
    assert cached.headers["Content-Language"] == "de"
    assert "csrfmiddlewaretoken" not in cached.text
    assert not cached.cookies


def _rename_event(scene):
    event = scene["event"]
    event.title = "Datenethik im Rat"
    event.save()
    return "Datenethik im Rat"


def _bulk_rename_event(scene):
    # A bulk write (QuerySet.update) as imports and tasks do it: no signal, no service.
    type(scene["event"]).objects.filter(pk=scene["event"].pk).update(title="Datenethik im Rat")
    return "Datenethik im Rat"


def _rename_topic(scene):
    scene["topic"].title = "Souveräne Testdaten"
    scene["topic"].save()
    return "Souveräne Testdaten"


def _rename_practice(scene):
    scene["practice"].title = "Bürgerhaushalt online"
    scene["practice"].save()
    return "Bürgerhaushalt online"


def _rename_municipality(scene):
    scene["municipality"].name = "Kaiserslautern-Mitte"
    scene["municipality"].save()
    return "Kaiserslautern-Mitte"


def _add_post(scene):
    PostFactory(thread=scene["thread"], body="Eine neue Antwort.")
    return "Eine neue Antwort."


PAGES = [
    ("start page", lambda s: reverse("pages:home"), _rename_event),
    ("event list", lambda s: reverse("events:event-list"), _bulk_rename_event),
    ("event detail", lambda s: s["event"].get_absolute_url(), _rename_event),
    (
        "event .ics",
        lambda s: reverse("events:event-ics", kwargs={"slug": s["event"].slug}),
        _rename_event,
    ),
    (
        "series feed",
        lambda s: reverse("events:series-feed", kwargs={"slug": s["series"].slug}),
        _rename_event,
    ),
    ("municipality list", lambda s: reverse("pages:municipality-list"), _rename_municipality),
    (
        "municipality",
        lambda s: reverse("pages:municipality-detail", kwargs={"slug": "kaiserslautern"}),
        _rename_municipality,
    ),
    ("topic list", lambda s: reverse("topics:topic-list"), _rename_topic),
    (
        "topic",
        lambda s: reverse("topics:topic-detail", kwargs={"slug": s["topic"].slug}),
        _rename_topic,
    ),
    ("practice list", lambda s: reverse("knowledge:practice-list"), _rename_practice),
    ("practice", lambda s: s["practice"].get_absolute_url(), _rename_practice),
    (
        "discussion",
        lambda s: reverse("discussions:thread-detail", kwargs={"pk": s["thread"].pk}),
        _add_post,
    ),
]


@pytest.mark.parametrize(("page", "url", "write"), PAGES, ids=[page for page, _u, _w in PAGES])
def test_a_write_shows_on_the_next_anonymous_request(client, scene, page, url, write):
    address = url(scene)
    _get(client, address)
    _, queries = _get(client, address)
    assert queries == 0, f"{page} is not served from the cache"

    expected = write(scene)
    response, queries = _get(client, address)

    assert queries > 0
    assert expected in response.content.decode()


def test_a_write_of_another_process_shows_on_the_next_request(client, scene, settings):
    url = scene["event"].get_absolute_url()
    _get(client, url)
    stat = os.stat(settings.CONTENT_GENERATION_FILE)

    # Another worker committed a write: only the file's time changes in this process.
    later = stat.st_mtime_ns + 1_000
    os.utime(settings.CONTENT_GENERATION_FILE, ns=(later, later))
    _, queries = _get(client, url)

    assert queries > 0


def test_a_write_in_a_transaction_bumps_the_shared_generation_after_the_commit(
    settings, django_capture_on_commit_callbacks
):
    generation.bump()
    before = generation.current()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        EventFactory()
        during = generation.current()
        assert during[0] == before[0]  # other processes: not before the commit
        assert during[1] > before[1]  # this process: at once

    assert generation.current()[0] > before[0]


def test_a_logged_in_person_never_gets_a_cached_page(client, scene):
    url = reverse("pages:home")
    organiser, member = OrganiserFactory(), UserFactory()
    anonymous, _ = _get(client, url)
    _get(client, url)  # now in the cache
    stored = len(response_cache.store)

    client.force_login(organiser)
    as_organiser, organiser_queries = _get(client, url)
    client.logout()
    client.force_login(member)
    as_member, member_queries = _get(client, url)
    again, _ = _get(client, url)

    assert organiser_queries > 0
    assert member_queries > 0
    assert "Anmelden" in anonymous.text
    assert "Anmelden" not in as_organiser.text
    assert "Anmelden" not in as_member.text
    assert "Organisationsbereich" in as_organiser.text
    assert "Organisationsbereich" not in as_member.text
    assert "Organisationsbereich" not in again.text
    assert "private" in as_member.headers["Cache-Control"]
    assert len(response_cache.store) == stored  # nothing of theirs was stored
    client.logout()
    back, _queries = _get(client, url)
    assert "Anmelden" in back.text
    assert "Organisationsbereich" not in back.text


def test_the_language_is_part_of_the_key(client, scene):
    url = reverse("events:event-list")
    _get(client, url)
    german, _ = _get(client, url)

    client.cookies["django_language"] = "en"
    english, english_queries = _get(client, url)
    english_again, cached_queries = _get(client, url)
    client.cookies["django_language"] = "fr"  # unknown: German, as the middleware decides
    unknown, _ = _get(client, url)

    assert '<html lang="de">' in german.text
    assert english_queries > 0
    assert '<html lang="en">' in english.text
    assert english.headers["Content-Language"] == "en"
    assert cached_queries == 0
    assert english_again.content == english.content
    assert '<html lang="de">' in unknown.text


def test_the_calendar_keeps_its_etag_and_answers_304_from_the_cache(client, scene):
    url = reverse("events:event-ics", kwargs={"slug": scene["event"].slug})
    first, _ = _get(client, url)
    etag = first.headers["ETag"]

    cached, cached_queries = _get(client, url)
    not_modified, queries = _get(client, url, headers={"if-none-match": etag})
    since, since_queries = _get(
        client, url, headers={"if-modified-since": first.headers["Last-Modified"]}
    )

    assert cached_queries == 0
    assert cached.headers["ETag"] == etag
    assert cached.headers["Content-Disposition"] == first.headers["Content-Disposition"]
    assert not_modified.status_code == 304
    assert queries == 0
    assert not_modified.headers["ETag"] == etag
    assert since.status_code == 304
    assert since_queries == 0
    _rename_event(scene)
    changed, _ = _get(client, url, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag


def test_pages_without_their_own_etag_get_one_and_answer_304(client, scene):
    url = reverse("pages:home")
    first, _ = _get(client, url)

    answer, queries = _get(client, url, headers={"if-none-match": first.headers["ETag"]})

    assert answer.status_code == 304
    assert queries == 0


def test_head_is_answered_from_the_stored_get(client, scene):
    url = reverse("events:event-list")
    get, _ = _get(client, url)

    head, queries = _get_head(client, url)

    assert queries == 0
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["ETag"] == get.headers["ETag"]


def _get_head(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.head(url)
    return response, len(captured.captured_queries)


@pytest.mark.parametrize(
    "cookie",
    [("sessionid", "no-such-session"), ("messages", "x"), ("tracking", "1")],
    ids=["session", "messages", "unknown"],
)
def test_requests_with_other_cookies_bypass_the_cache(client, scene, cookie):
    url = reverse("events:event-list")
    _get(client, url)
    _get(client, url)

    client.cookies[cookie[0]] = cookie[1]
    _, queries = _get(client, url)

    assert queries > 0


def test_htmx_requests_bypass_the_cache(client, scene):
    url = reverse("events:event-list")
    _get(client, url)

    _, queries = _get(client, url, headers={"hx-request": "true"})

    assert queries > 0


def test_a_stored_page_expires(client, scene, monkeypatch):
    url = reverse("events:event-list")
    _get(client, url)
    clock = response_cache.time.monotonic() + 61
    monkeypatch.setattr(response_cache.time, "monotonic", lambda: clock)

    _, queries = _get(client, url)

    assert queries > 0


def test_the_cache_can_be_switched_off(client, scene, settings):
    settings.RESPONSE_CACHE_SECONDS = 0
    url = reverse("events:event-list")
    _get(client, url)

    _, queries = _get(client, url)

    assert queries > 0


def test_pages_that_did_not_opt_in_are_not_stored(client, scene):
    url = reverse("people:people")
    _get(client, url)

    _, queries = _get(client, url)

    assert queries > 0


@pytest.mark.unit
class TestStorable:
    def _pair(self, **response_kwargs):
        from django.http import HttpResponse

        request = RequestFactory().get("/")
        response = HttpResponse(b"page", **response_kwargs)
        response._public_cache = True
        return request, response

    def test_an_opted_in_plain_page(self):
        assert response_cache.storable(*self._pair())

    def test_not_without_opting_in(self):
        request, response = self._pair()
        response._public_cache = False
        assert not response_cache.storable(request, response)

    def test_not_a_response_that_sets_a_cookie(self):
        request, response = self._pair()
        response.set_cookie("csrftoken", "x")
        assert not response_cache.storable(request, response)

    def test_not_a_page_that_used_the_csrf_token(self):
        request, response = self._pair()
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
        assert not response_cache.storable(request, response)

    def test_not_a_page_that_used_the_csp_nonce(self):
        from django.utils.csp import LazyNonce

        request, response = self._pair()
        request._csp_nonce = LazyNonce()
        assert response_cache.storable(request, response)
        str(request._csp_nonce)  # a template used it
        assert not response_cache.storable(request, response)

    def test_not_a_page_with_its_own_csp(self):
        request, response = self._pair()
        response._csp_config = {"default-src": ["'self'"]}
        assert not response_cache.storable(request, response)

    @pytest.mark.parametrize("vary", ["Accept-Language", "Cookie, Authorization", "*"])
    def test_not_a_page_that_varies_on_more_than_the_cookies(self, vary):
        request, response = self._pair()
        response["Vary"] = vary
        assert not response_cache.storable(request, response)

    @pytest.mark.parametrize("value", ["private", "no-store", "private, no-cache"])
    def test_not_a_private_page(self, value):
        request, response = self._pair()
        response["Cache-Control"] = value
        assert not response_cache.storable(request, response)

    @pytest.mark.parametrize("status", [301, 302, 304, 404, 500])
    def test_only_200(self, status):
        request, response = self._pair(status=status)
        assert not response_cache.storable(request, response)


@pytest.mark.unit
@pytest.mark.parametrize(
    ("sql", "changes"),
    [
        ('SELECT "events_event"."id" FROM "events_event"', False),
        ('INSERT INTO "events_event" ("title") VALUES (%s)', True),
        ('UPDATE "knowledge_practice" SET "title" = %s', True),
        ('DELETE FROM "discussions_post" WHERE "id" IN (%s)', True),
        ("INSERT OR IGNORE INTO people_profile (id) VALUES (1)", True),
        ('UPDATE "django_session" SET "expire_date" = %s', False),
        ('INSERT INTO "core_auditlog" ("action") VALUES (%s)', False),
        ('DELETE FROM "stadtgespraeche_cache" WHERE cache_key = %s', False),
        ('CREATE TABLE "x" ("id" integer)', True),
        ("WITH moved AS (SELECT 1) UPDATE events_event SET title = 'x'", True),
        ('SAVEPOINT "s1"', False),
        ("PRAGMA foreign_keys = ON", False),
    ],
)
def test_which_statements_change_content(sql, changes, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "stadtgespraeche_cache",
        }
    }
    assert generation.changes_content(sql) is changes


# --- fragments ({% fragment_cache %}) ------------------------------------------------------


def test_the_start_page_content_is_rendered_once_per_viewer_level(client, scene):
    from stadtgespraeche.events.enums import EventStatus

    EventFactory(title="Entwurf für Organisierende", status=EventStatus.DRAFT)
    url = reverse("pages:home")
    organiser, member, other_member = OrganiserFactory(), UserFactory(), UserFactory()

    # Log in first: a login writes (last_login), which makes every stored part stale.
    clients = []
    for person in (organiser, member, other_member):
        logged_in = Client()
        logged_in.force_login(person)
        clients.append(logged_in)
    as_organiser, _ = _get(clients[0], url)
    as_member, first_queries = _get(clients[1], url)
    as_other, stored_queries = _get(clients[2], url)

    assert "Entwurf für Organisierende" in as_organiser.text
    assert "Entwurf für Organisierende" not in as_member.text
    assert "Entwurf für Organisierende" not in as_other.text
    assert "Hybride Ratsarbeit" in as_other.text
    assert stored_queries < first_queries
    # Session, person and their unread notifications: the content came from memory.
    assert stored_queries == 3


def test_a_write_shows_in_a_stored_fragment_at_once(client, scene):
    url = reverse("pages:home")
    client.force_login(UserFactory())
    _get(client, url)

    EventFactory(title="Neu geplantes Stadtgespräch")
    response, _ = _get(client, url)

    assert "Neu geplantes Stadtgespräch" in response.text


def test_head_gets_the_same_status_before_and_after_caching(client, scene):
    url = scene["event"].get_absolute_url()

    fresh = client.head(url)
    client.get(url)
    cached, queries = _get_head(client, url)

    assert fresh.status_code == 200
    assert cached.status_code == 200
    assert queries == 0
