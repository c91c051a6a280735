"""Every destructive POST form asks for confirmation, once (issue 12: "one confirmation box
per action").

The pattern: the form carries `data-confirm="<question>"` and `core/static/core/site.js`
asks it before the form (or its htmx request) is sent. Some actions instead lead to a
confirmation page of their own, whose form *is* the confirmation and carries no second box.
"""

import re
from pathlib import Path

import pytest

import stadtgespraeche

pytestmark = pytest.mark.unit

PACKAGE = Path(stadtgespraeche.__file__).parent
TEMPLATES = sorted(PACKAGE.glob("*/templates/**/*.html"))

FORM = re.compile(r"<form\b(?P<tag>[^>]*)>(?P<body>.*?)</form>", re.S)
BUTTON = re.compile(r"<button\b[^>]*>(?P<label>.*?)</button>", re.S)
# English msgids of button labels that destroy, cancel, revoke or reset something.
DESTRUCTIVE = re.compile(
    r"\b(Delete|Remove|Revoke|Withdraw your|Decline|Cancel my|Cancel registration|"
    r"Leave the waitlist|End the online room|Switch off|Create a new address|"
    r"Create new recovery codes|Unpublish|Merge|Hide post|Block|Delete my account)\b"
)
# Pages that exist only to confirm one action (reached by a link or GET).
CONFIRMATION_PAGES = {
    "accounts/deletion_request.html",
    "contacts/contact_block.html",
    "dashboard/discussions/moderate_post.html",
    "dashboard/events/agenda_item_delete.html",
    "dashboard/registrations/registration_cancel.html",
    "discussions/post_confirm_delete.html",
    "knowledge/practice_delete.html",
    "knowledge/practice_unpublish.html",
    "people/profile_mandate_remove.html",
    "questions/hide.html",
    "registrations/self_cancel.html",
}
# The destructive forms on ordinary pages, by template and a marker of the form.
CONFIRMED_FORMS = [
    ("accounts/two_factor.html", "accounts:recovery-codes-renew"),
    ("accounts/two_factor.html", "accounts:two-factor-disable"),
    ("contacts/contact_list.html", "contacts:contact-request-decline"),
    ("contacts/contact_list.html", "contacts:contact-request-withdraw"),
    ("dashboard/applications/detail.html", "dashboard:application-decline"),
    ("dashboard/events/event_detail.html", "dashboard:event-transition"),
    ("dashboard/events/proposal_decide.html", "decline_form"),
    ("documentation/manage.html", "documentation:attachment-delete"),
    ("knowledge/practice_detail.html", "knowledge:attachment-delete"),
    ("people/invite.html", 'value="revoke"'),
    ("people/profile_photo.html", 'value="delete"'),
    ("registrations/box.html", "registrations:registration-cancel"),
    ("registrations/calendar_settings.html", 'value="revoke"'),
    ("registrations/calendar_settings.html", "Create a new address"),
    ("rooms/join.html", "rooms:room-end"),
    ("wishes/wish_detail.html", "wishes:wish-merge"),
]


def _name(path: Path) -> str:
    return str(path).split("/templates/", 1)[1]


def _post_forms():
    for path in TEMPLATES:
        for match in FORM.finditer(path.read_text(encoding="utf-8")):
            if 'method="post"' in match.group("tag"):
                yield _name(path), match.group("tag"), match.group("body")


def _destructive_labels(body: str) -> list[str]:
    return [
        " ".join(button.group("label").split())
        for button in BUTTON.finditer(body)
        if DESTRUCTIVE.search(button.group("label"))
    ]


def test_templates_are_found():
    assert len(TEMPLATES) > 100
    assert set(CONFIRMATION_PAGES) <= {_name(path) for path in TEMPLATES}


@pytest.mark.parametrize(("template", "marker"), CONFIRMED_FORMS)
def test_listed_destructive_form_asks_for_confirmation(template, marker):
    forms = [tag for name, tag, body in _post_forms() if name == template and marker in tag + body]

    assert forms, f"{template}: no form marked {marker}"
    assert all("data-confirm=" in tag for tag in forms)


def test_every_destructive_form_asks_for_confirmation_once():
    unconfirmed, doubled = [], []
    for name, tag, body in _post_forms():
        labels = _destructive_labels(body)
        if not labels:
            continue
        if name in CONFIRMATION_PAGES:
            if "data-confirm" in tag:
                doubled.append((name, labels))  # the page already asks: no second box
        elif "data-confirm" not in tag:
            unconfirmed.append((name, labels))

    assert unconfirmed == []
    assert doubled == []


def test_one_box_per_action():
    # A form with a question may hold only one destructive action (the question fits one).
    shared = [
        (name, labels)
        for name, tag, body in _post_forms()
        if "data-confirm" in tag and len(labels := _destructive_labels(body)) > 1
    ]

    assert shared == []


def test_the_script_asks_before_htmx_sends():
    script = (PACKAGE / "core/static/core/site.js").read_text(encoding="utf-8")

    assert "form.dataset.confirm" in script
    assert "window.confirm" in script
    # Capture phase on the document: before htmx's submit handler on the form.
    assert re.search(
        r'addEventListener\(\s*"submit",.*?stopPropagation\(\);.*?true,\s*\)', script, re.S
    )
