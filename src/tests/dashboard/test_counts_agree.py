"""Every count on a dashboard page equals the rows the organiser is shown for it (issue 12:
"dashboard counts that agree with their tables")."""

import pytest
from django.urls import reverse

from stadtgespraeche.network.enums import ApplicationStatus, MembershipStatus
from tests.factories.documentation import FeedbackFactory, held_event
from tests.factories.network import (
    MembershipApplicationFactory,
    MembershipFactory,
    SeriesFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_pending_count_on_the_home_page_equals_the_pending_tab(organiser_client, series):
    other = SeriesFactory()
    MembershipApplicationFactory.create_batch(2, series=series)
    MembershipApplicationFactory(series=other)
    MembershipApplicationFactory(series=series, status=ApplicationStatus.ACCEPTED)
    MembershipApplicationFactory(series=series, status=ApplicationStatus.DECLINED)

    home = organiser_client.get(reverse("dashboard:home"))
    pending = organiser_client.get(reverse("dashboard:application-list"))
    decided = organiser_client.get(reverse("dashboard:application-list"), {"status": "decided"})

    assert home.context["pending_count"] == 3
    assert len(pending.context["applications"]) == home.context["pending_count"]
    assert {a.status for a in pending.context["applications"]} == {ApplicationStatus.PENDING}
    assert len(decided.context["applications"]) == 2
    assert "3 Anträge warten auf eine Entscheidung." in home.content.decode()


def test_membership_counts_on_the_home_page_equal_the_membership_list(organiser_client, series):
    other = SeriesFactory()
    statuses = [
        MembershipStatus.MEMBER,
        MembershipStatus.MEMBER,
        MembershipStatus.INTERESTED,
        MembershipStatus.APPLIED,
        MembershipStatus.PAUSED,
        MembershipStatus.LEFT,
    ]
    for status in statuses:
        MembershipFactory(series=series, status=status)
    MembershipFactory(series=other, status=MembershipStatus.MEMBER)

    home = organiser_client.get(reverse("dashboard:home"))
    for row in home.context["series_rows"]:
        listing = organiser_client.get(
            reverse("dashboard:membership-list"), {"series": row["series"].slug}
        )
        shown = [str(m.status) for m in listing.context["memberships"]]
        counted = dict(row["counts"])
        for status in MembershipStatus:
            assert counted[status.label] == shown.count(str(status)), (row["series"], status)
        assert sum(counted.values()) == len(shown)


def test_feedback_count_in_the_list_equals_the_detail_and_its_distribution(organiser_client):
    event = held_event(title="Auftakt")
    for rating in (5, 5, 3, 1):
        FeedbackFactory(event=event, rating=rating)
    FeedbackFactory(event=held_event(title="Anderes"), rating=4)

    listing = organiser_client.get(reverse("dashboard:feedback-list"))
    detail = organiser_client.get(reverse("dashboard:feedback-detail", kwargs={"pk": event.pk}))

    listed = next(e for e in listing.context["events"] if e.pk == event.pk)
    summary = detail.context["summary"]
    assert listed.feedback_count == summary.count == 4
    assert sum(count for _rating, count, _percent in summary.distribution) == summary.count
