"""Every audit action the code records has a readable name (DESIGN.md: no codes in the UI)."""

import re
from pathlib import Path

import pytest

import stadtgespraeche
from stadtgespraeche.dashboard.audit_labels import ACTION_LABELS, action_label, data_details

pytestmark = pytest.mark.unit

SOURCE = Path(stadtgespraeche.__file__).parent
LITERAL_ACTIONS = re.compile(r'log_action\(\s*"([a-z_.]+)"')


def _recorded_actions() -> set[str]:
    return {
        action
        for path in SOURCE.rglob("*.py")
        for action in LITERAL_ACTIONS.findall(path.read_text(encoding="utf-8"))
    }


def test_every_literal_action_has_a_readable_name():
    actions = _recorded_actions()

    assert len(actions) > 50
    assert sorted(actions - set(ACTION_LABELS)) == []


def test_unknown_action_falls_back_to_its_code():
    assert action_label("something.new") == "something.new"


def test_status_values_are_translated_by_the_action_they_belong_to():
    assert data_details("events.event.status_changed", {"from": "cancelled"}) == [
        ("von", "abgesagt")
    ]
    assert data_details("events.registration.cancelled", {"status": "cancelled"}) == [
        ("Status", "abgemeldet")
    ]


def test_details_follow_a_fixed_key_order_whatever_the_stored_order():
    # PostgreSQL's jsonb returns {"to": …, "from": …} for {"from": …, "to": …}.
    assert [
        key
        for key, _ in data_details(
            "events.event.status_changed", {"to": "documented", "from": "held"}
        )
    ] == ["von", "nach"]
