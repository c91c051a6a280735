"""notify() × preferences: which cadence each notification takes and which e-mail goes out."""

import pytest
from django.core import mail

from stadtgespraeche.notifications import kinds, queries, services
from stadtgespraeche.notifications.enums import ALL_KINDS, Cadence
from stadtgespraeche.notifications.models import Notification, Preference
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.unit]


def test_register_kind_with_unknown_default_raises():
    with pytest.raises(ValueError, match="hourly"):
        kinds.register("test.bad", "Schlecht", default="hourly")


def test_default_for_unknown_kind_is_immediately():
    assert kinds.default_for("never.registered") == Cadence.IMMEDIATELY


@pytest.mark.parametrize(
    ("own", "all_kinds", "kind", "expected"),
    [
        (None, None, "test.kind", Cadence.IMMEDIATELY),  # the kind's default
        (None, None, "test.daily", Cadence.DAILY),  # another kind's default
        (Cadence.WEEKLY, None, "test.kind", Cadence.WEEKLY),  # own setting
        (None, Cadence.OFF, "test.kind", Cadence.OFF),  # "unsubscribe from all"
        (Cadence.DAILY, Cadence.OFF, "test.kind", Cadence.DAILY),  # own setting wins
        (Cadence.OFF, None, "test.daily", Cadence.OFF),
    ],
)
def test_cadence_resolution_matrix(own, all_kinds, kind, expected):
    person = UserFactory()
    if own:
        Preference.objects.create(user=person, kind=kind, cadence=own)
    if all_kinds:
        Preference.objects.create(user=person, kind=ALL_KINDS, cadence=all_kinds)

    assert queries.cadence_for(person, kind) == expected


@pytest.mark.parametrize(
    ("cadence", "mails"),
    [
        (Cadence.IMMEDIATELY, 1),
        (Cadence.DAILY, 0),
        (Cadence.WEEKLY, 0),
        (Cadence.OFF, 0),
    ],
)
def test_notify_mails_only_immediate_kinds_and_always_creates_in_app(
    django_capture_on_commit_callbacks, mailoutbox_clear, cadence, mails
):
    person = UserFactory()
    Preference.objects.create(user=person, kind="test.kind", cadence=cadence)

    with django_capture_on_commit_callbacks(execute=True):
        created = services.notify([person], kind="test.kind", title="Neuigkeit", url="/x/")

    assert [item.cadence for item in created] == [cadence]
    assert Notification.objects.filter(recipient=person).count() == 1
    assert len(mail.outbox) == mails
    sent = Notification.objects.get(recipient=person)
    assert (sent.emailed_at is not None) == (cadence == Cadence.IMMEDIATELY)


def test_notify_mixes_cadences_of_several_recipients(django_capture_on_commit_callbacks):
    eager, lazy = UserFactory(), UserFactory()
    Preference.objects.create(user=lazy, kind="test.kind", cadence=Cadence.WEEKLY)

    with django_capture_on_commit_callbacks(execute=True):
        services.notify([eager, lazy], kind="test.kind", title="Neu")

    assert [message.to for message in mail.outbox] == [[eager.email]]
    assert Notification.objects.get(recipient=lazy).cadence == Cadence.WEEKLY


def test_notify_sends_nothing_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    person = UserFactory()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notify([person], kind="test.kind", title="Neu")

    # The callbacks were only registered; without a commit nobody runs them.
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_notify_with_key_mails_once(django_capture_on_commit_callbacks):
    person = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        first = services.notify([person], kind="test.kind", title="Eins", key="k:1")
        again = services.notify([person], kind="test.kind", title="Eins", key="k:1")

    assert len(first) == 1
    assert first[0].pk is not None
    assert again == []
    assert len(mail.outbox) == 1


def test_notify_key_already_used_by_everyone_creates_nothing():
    person = UserFactory()
    services.notify([person], kind="test.kind", title="Eins", key="k:2")

    assert services.notify([person], kind="test.kind", title="Eins", key="k:2") == []


def test_set_preferences_saves_and_moves_pending_digest_items():
    person = UserFactory()
    services.notify([person], kind="test.daily", title="Wartet")
    Preference.objects.create(user=person, kind=ALL_KINDS, cadence=Cadence.OFF)

    services.set_preferences(person, {"test.daily": Cadence.WEEKLY, "test.kind": Cadence.OFF})

    chosen = queries.preferences_of(person)
    assert (chosen["test.daily"], chosen["test.kind"]) == (Cadence.WEEKLY, Cadence.OFF)
    assert Notification.objects.get(recipient=person).cadence == Cadence.WEEKLY
    assert not Preference.objects.filter(user=person, kind=ALL_KINDS).exists()


def test_set_preferences_to_immediately_leaves_pending_items_in_their_digest():
    person = UserFactory()
    services.notify([person], kind="test.daily", title="Wartet")

    services.set_preferences(person, {"test.daily": Cadence.IMMEDIATELY})

    assert Notification.objects.get(recipient=person).cadence == Cadence.DAILY


def test_set_preferences_rejects_unknown_kind_and_cadence():
    person = UserFactory()

    with pytest.raises(services.PreferenceError, match="kind"):
        services.set_preferences(person, {"nope": Cadence.OFF})
    with pytest.raises(services.PreferenceError, match="cadence"):
        services.set_preferences(person, {"test.kind": "hourly"})
    assert not Preference.objects.exists()


def test_unsubscribe_one_kind_turns_its_mail_off():
    person = UserFactory()
    services.notify([person], kind="test.daily", title="Wartet")

    services.unsubscribe(person, "test.daily")
    services.unsubscribe(person, "test.daily")  # idempotent

    assert queries.cadence_for(person, "test.daily") == Cadence.OFF
    assert queries.cadence_for(person, "test.kind") == Cadence.IMMEDIATELY
    assert Notification.objects.get(recipient=person).cadence == Cadence.OFF


def test_unsubscribe_all_turns_every_kind_off_also_later_ones():
    person = UserFactory()
    Preference.objects.create(user=person, kind="test.kind", cadence=Cadence.DAILY)
    services.notify([person], kind="test.kind", title="Wartet")

    services.unsubscribe(person, ALL_KINDS, ip_address="192.0.2.1")
    kinds.register("test.later", "Später")

    assert set(queries.preferences_of(person).values()) == {Cadence.OFF}
    assert queries.has_unsubscribed_all(person)
    assert Notification.objects.get(recipient=person).cadence == Cadence.OFF


def test_unsubscribe_is_audited():
    from stadtgespraeche.core.models import AuditLog

    person = UserFactory()
    services.unsubscribe(person, "test.kind", ip_address="192.0.2.1")

    entry = AuditLog.objects.get(action="notifications.unsubscribed")
    assert entry.data == {"kind": "test.kind"}
    assert entry.ip_address == "192.0.2.1"


def test_mark_read_only_own_notifications():
    owner, other = UserFactory(), UserFactory()
    [notification] = services.notify([owner], kind="test.kind", title="Meins")

    assert services.mark_read(other, notification.pk) is False
    assert queries.unread_count(owner) == 1
    assert services.mark_read(owner, notification.pk) is True
    assert services.mark_read(owner, notification.pk) is True  # already read: still theirs
    assert queries.unread_count(owner) == 0


def test_mark_all_read_counts_changes():
    owner, other = UserFactory(), UserFactory()
    services.notify([owner, other], kind="test.kind", title="A")
    services.notify([owner], kind="test.kind", title="B")

    assert services.mark_all_read(owner) == 2
    assert services.mark_all_read(owner) == 0
    assert queries.unread_count(other) == 1
