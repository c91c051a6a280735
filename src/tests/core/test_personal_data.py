import json

import pytest

from stadtgespraeche.core import personal_data
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.models import AuditLog
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.unit


@pytest.fixture
def scratch_section():
    yield "zz-test"
    personal_data.unregister("zz-test")


def test_register_adds_section_in_order(scratch_section):
    personal_data.register(
        scratch_section, title="Test", exporter=lambda user: {"a": 1}, order=9999
    )

    keys = [section.key for section in personal_data.sections()]

    assert keys[-1] == scratch_section
    assert keys[:2] == ["account", "consents"]


def test_register_twice_replaces_the_section(scratch_section):
    personal_data.register(scratch_section, title="Old", exporter=lambda user: {})
    personal_data.register(scratch_section, title="New", exporter=lambda user: {})

    titles = [s.title for s in personal_data.sections() if s.key == scratch_section]

    assert titles == ["New"]


def test_apps_register_their_sections():
    keys = {section.key for section in personal_data.sections()}

    assert {"account", "consents", "directory", "events", "audit"} <= keys


def test_erase_runs_every_eraser_and_skips_sections_without(scratch_section):
    calls = []
    personal_data.register(
        scratch_section, title="T", exporter=lambda user: {}, eraser=calls.append, order=1
    )
    personal_data.register("zz-none", title="T", exporter=lambda user: {}, order=2)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(
                personal_data,
                "_registry",
                {k: v for k, v in personal_data._registry.items() if k.startswith("zz-")},
            )
            erased = personal_data.erase("someone")
    finally:
        personal_data.unregister("zz-none")

    assert erased == [scratch_section]
    assert calls == ["someone"]


def test_jsonable_turns_dates_and_lazy_strings_into_text():
    import datetime

    from django.utils.translation import gettext_lazy

    value = {"d": datetime.date(2026, 1, 2), "l": [gettext_lazy("yes")], "s": {1}}

    assert json.dumps(personal_data.jsonable(value))
    assert personal_data.jsonable(value)["d"] == "2026-01-02"


def test_display_rows_give_text_items_fields_and_records():
    section = personal_data.Section(
        key="k", title="T", exporter=lambda user: {}, labels={"name": "Name"}
    )
    data = {
        "name": "Rita",
        "empty": "",
        "flag": True,
        "tags": ["a", "b"],
        "none": [],
        "record": {"name": "x", "list": [1, 2]},
        "records": [{"name": "y"}],
    }

    rows = {row["label"]: row for row in personal_data.display_rows(section, data)}

    assert rows["Name"]["text"] == "Rita"
    assert rows["empty"]["text"] == "–"
    assert rows["flag"]["text"] == "ja"
    assert rows["tags"]["item_list"] == ["a", "b"]
    assert rows["none"]["item_list"] == []
    assert rows["record"]["fields"] == [
        {"label": "Name", "text": "x"},
        {"label": "list", "text": "1, 2"},
    ]
    assert rows["records"]["records"] == [[{"label": "Name", "text": "y"}]]


@pytest.mark.django_db
def test_audit_export_lists_entries_as_actor_and_as_subject():
    person = UserFactory(first_name="Rita", last_name="Ratsfrau")
    other = UserFactory()
    log_action("accounts.login.succeeded", actor=person)
    log_action("directory.person.invited", actor=other, obj=person)
    log_action("accounts.login.succeeded", actor=other)

    entries = personal_data.export_audit_entries(person)["entries"]

    assert [(e["action"], str(e["role"])) for e in entries] == [
        ("accounts.login.succeeded", "Sie haben gehandelt"),
        ("directory.person.invited", "über Sie"),
    ]


@pytest.mark.django_db
def test_audit_erase_removes_the_person_but_keeps_what_happened():
    person = UserFactory(first_name="Rita", last_name="Ratsfrau", email="rita@example.org")
    other = UserFactory(first_name="Otto", last_name="Ordner")
    own = log_action("accounts.login.succeeded", actor=person, ip_address="192.0.2.1")
    about = log_action("directory.person.invited", actor=other, obj=person, data={"r": "x"})
    failed = log_action("accounts.login.failed", data={"email": "rita@example.org"})
    unrelated = log_action("accounts.login.failed", data={"email": "otto@example.org"})

    personal_data.erase_audit_entries(person)

    own.refresh_from_db()
    about.refresh_from_db()
    failed.refresh_from_db()
    unrelated.refresh_from_db()
    assert (own.actor_id, own.actor_repr, own.action, own.ip_address) == (
        None,
        "gelöschte Person",
        "accounts.login.succeeded",
        None,
    )
    assert (about.actor_id, about.object_repr, about.data) == (
        other.pk,
        "gelöschte Person",
        {"r": "x"},
    )
    assert failed.data == {"email": "gelöschte Person"}
    assert unrelated.data == {"email": "otto@example.org"}
    assert not AuditLog.objects.filter(actor_repr__icontains="Ratsfrau").exists()
    assert not AuditLog.objects.filter(object_repr__icontains="Ratsfrau").exists()


@pytest.mark.django_db
def test_audit_erase_is_idempotent():
    person = UserFactory(first_name="Rita", last_name="Ratsfrau")
    log_action("accounts.login.succeeded", actor=person)

    personal_data.erase_audit_entries(person)
    personal_data.erase_audit_entries(person)

    assert list(AuditLog.objects.values_list("actor_repr", flat=True)) == ["gelöschte Person"]


@pytest.mark.django_db
def test_audit_erase_removes_earlier_addresses_recorded_about_the_person():
    person = UserFactory(first_name="Rita", last_name="Ratsfrau", email="neu@example.org")
    change = log_action(
        "accounts.email_change.confirmed",
        actor=person,
        obj=person,
        data={"old_email": "alt@example.org", "new_email": "neu@example.org"},
    )
    old_failure = log_action("accounts.login.failed", data={"email": "alt@example.org"})

    personal_data.erase_audit_entries(person)

    change.refresh_from_db()
    old_failure.refresh_from_db()
    assert change.data == {"old_email": "gelöschte Person", "new_email": "gelöschte Person"}
    assert old_failure.data == {"email": "gelöschte Person"}
