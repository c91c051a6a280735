"""The season report's figures: sessions, attendance, reach over time, feedback, topics,
wishes and practices; what belongs to the season and what does not."""

import pytest

from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.reports import queries
from stadtgespraeche.wishes.enums import WishStatus
from tests.factories.accounts import UserFactory
from tests.factories.documentation import FeedbackFactory
from tests.factories.knowledge import PracticeFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import SeriesFactory
from tests.factories.topics import TopicFactory
from tests.factories.wishes import TopicWishFactory, WishRoundFactory

from .conftest import YEAR, at, councillor, held, register

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _report(series, year=YEAR):
    return queries.season_report(queries.Season(series=series, year=year), unknown="unbekannt")


def test_season_report_counts_registrations_attendance_and_waitlist(series, season_sessions):
    report = _report(series)

    first, second, third = report.sessions
    assert [row.event.title for row in report.sessions] == [
        "Auftakt",
        "Hybride Ratsarbeit",
        "Datenethik",
    ]
    assert (first.registered, first.attended, first.no_show, first.waitlisted) == (3, 2, 1, 1)
    assert first.attendance_rate == 67
    assert (second.registered, second.attended, second.waitlisted) == (2, 2, 0)
    assert (third.registered, third.attended) == (1, 0)
    assert third.attendance_rate is None  # no attendance recorded
    assert (report.registered, report.attended) == (6, 4)


def test_season_report_balance_over_time(series, season_sessions):
    report = _report(series)

    first, second, third = report.sessions
    # No-shows and the waitlist are not reached: Kaiserslautern (SPD, GRÜNE) only.
    assert (first.municipalities, first.parties) == (1, 2)
    assert (first.total_municipalities, first.total_parties) == (1, 2)
    # Kaiserslautern again and Bamberg (SPD) for the first time.
    assert (second.municipalities, second.new_municipalities, second.total_municipalities) == (
        2,
        1,
        2,
    )
    assert (second.parties, second.new_parties, second.total_parties) == (1, 0, 2)
    assert (third.new_municipalities, third.total_municipalities) == (1, 3)
    assert (third.new_parties, third.total_parties) == (1, 3)
    assert (report.municipalities_reached, report.parties_reached) == (3, 3)
    # Each person counts once for the season.
    assert [(row.label, row.count) for row in report.municipalities] == [
        ("Kaiserslautern", 2),
        ("Bamberg", 1),
        ("Ulm", 1),
    ]
    assert ("SPD", 2) in [(row.label, row.count) for row in report.parties]


def test_season_report_counts_people_without_origin_as_unknown(series):
    event = held(series, 1, 4)
    register(event, councillor(MunicipalityFactory(name="Ulm")))  # no party
    register(event, UserFactory())  # neither municipality nor party

    report = _report(series)

    assert [(row.label, row.count) for row in report.parties] == [("unbekannt", 2)]
    assert report.parties_reached == 0
    assert report.municipalities_reached == 1
    assert report.sessions[0].parties == 0


def test_season_report_feedback_is_aggregated_only(series, season_sessions):
    report = _report(series)

    first, second, third = report.sessions
    assert (first.feedback_count, first.feedback_average) == (2, 4.5)
    assert (second.feedback_count, second.feedback_average) == (1, 3.0)
    assert (third.feedback_count, third.feedback_average) == (0, None)
    assert report.feedback_count == 3
    assert report.feedback_average == 4.0
    assert "Geheimer Freitext" not in repr(report)


def test_season_report_keeps_to_its_series_year_and_held_sessions(series, season_sessions):
    other_series = SeriesFactory(name="Andere Reihe", slug="andere-reihe")
    held(other_series, 1, 5, title="Andere Reihe")
    held(series, 9, 5, title="Vorjahr", starts_at=at(5, 5, year=YEAR - 1))
    held(series, 10, 5, title="Entwurf", status=EventStatus.DRAFT)
    held(series, 11, 5, title="Abgesagt", status=EventStatus.CANCELLED)
    held(series, 12, 11, title="Geplant", status=EventStatus.REGISTRATION_OPEN)
    # New Year's Eve in Berlin is still the old season, although it is 23:30 UTC.
    held(series, 13, 12, title="Silvester", starts_at=at(12, 31, 23, year=YEAR - 1))
    held(series, 14, 12, title="Neujahr", starts_at=at(1, 1, 0))

    report = _report(series)

    titles = [row.event.title for row in report.sessions]
    assert titles == ["Neujahr", "Auftakt", "Hybride Ratsarbeit", "Datenethik"]
    assert (report.upcoming, report.cancelled) == (1, 1)
    assert queries.season_years(series) == [YEAR, YEAR - 1]


def test_season_report_topics_wishes_and_practices(series, season_sessions):
    first, second, _third = season_sessions["events"]
    participation = TopicFactory(title="Digitale Beteiligung")
    first.topics.add(participation)
    second.topics.add(participation, TopicFactory(title="Hybride Sitzungen"))
    wish_round = WishRoundFactory(series=series)
    planned = TopicWishFactory(round=wish_round, title="Open Data", status=WishStatus.PLANNED)
    planned.planned_event = second
    planned.save()
    TopicWishFactory(round=wish_round, title="KI im Rat")
    TopicWishFactory(round=wish_round, title="Doppelt", status=WishStatus.MERGED)
    TopicWishFactory(
        round=WishRoundFactory(series=SeriesFactory(name="Andere", slug="andere")),
        title="Andere Reihe",
    )
    for wish in type(planned).objects.all():
        type(planned).objects.filter(pk=wish.pk).update(created_at=at(2, 1))
    practice = PracticeFactory(title="Beteiligungsportal", published_at=at(7, 1))
    practice.related_events.add(first)
    PracticeFactory(title="Ratsinfo-App", published_at=at(8, 1))
    PracticeFactory(title="Vorjahr", published_at=at(8, 1, year=YEAR - 1))

    report = _report(series)

    assert [(row.label, row.count) for row in report.topics] == [
        ("Digitale Beteiligung", 2),
        ("Hybride Sitzungen", 1),
    ]
    assert [(wish.title, wish.planned_event) for wish in report.wishes] == [
        ("KI im Rat", ""),
        ("Open Data", "Hybride Ratsarbeit"),
    ]
    assert report.wishes_planned == 1
    assert [(p.title, p.from_series) for p in report.practices] == [
        ("Beteiligungsportal", True),
        ("Ratsinfo-App", False),
    ]


def test_season_report_of_an_empty_season(series):
    report = _report(series)

    assert report.sessions == []
    assert (report.registered, report.feedback_count, report.feedback_average) == (0, 0, None)
    assert (report.municipalities_reached, report.parties_reached) == (0, 0)


def test_seasons_by_series_lists_years_newest_first(series, season_sessions):
    held(series, 7, 3, starts_at=at(3, 3, year=YEAR - 2))
    empty = SeriesFactory(name="Zweite Reihe", slug="zweite-reihe")

    rows = dict(queries.seasons_by_series())

    assert rows[series] == [YEAR, YEAR - 2]
    assert rows[empty] == []


def test_feedback_factory_ratings_stay_in_aggregate(series):
    event = held(series, 1, 4)
    for rating in (1, 2, 2):
        FeedbackFactory(event=event, rating=rating)

    assert _report(series).sessions[0].feedback_average == 1.7


def test_season_feedback_average_weighs_every_response(series):
    first, second = held(series, 1, 4), held(series, 2, 5)
    for rating in (5, 4, 4):  # 4.33…
        FeedbackFactory(event=first, rating=rating)
    FeedbackFactory(event=second, rating=1)

    report = _report(series)

    assert [row.feedback_average for row in report.sessions] == [4.3, 1.0]
    assert report.feedback_average == 3.5  # 14 ratings points from 4 responses
