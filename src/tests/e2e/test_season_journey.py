"""The acceptance test of issue 12: one whole season in the browser, through the UI only.

On the demo content with the demo logins (the demo organiser logs in with the second
factor), a municipality applies → the organiser accepts → its contact becomes coordinator
through the mailed invitation and invites a councillor → the councillor activates the
account and completes the profile from the home page ("Übersicht") → a wish round:
the councillor wishes, the organiser opens the vote, councillors vote → the organiser plans a
Stadtgespräch with capacity, partner municipalities and a speaker, plans the wish into it,
publishes it and opens the registration → the councillor takes the only online place, the
demo councillor lands on the waitlist → the speaker (the new coordinator) confirms the
impulse and uploads slides → the councillor joins the online room (fake BigBlueButton)
before the start and is counted as attending → after the session the organiser writes and
publishes the minutes → the documentation PDF is downloaded and its text checked (Ł, ş, a
table row) → the councillor gives feedback → the season report shows the session with its
figures.

Only the set-up (the demo content, the fake room server) and the clock are not UI: after
the join the clock moves past the end of the session (time-machine patches the process's
clock, so the live server sees it too; the browser's clock is not used by the site).
Every page state the journey reaches is checked with axe and at 320 px (`axe_check`): each
person's browser has axe-core as an init script, so the checked page is the one the person
sees, under the site's CSP.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Callable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, Page, Route, expect
from pypdf import PdfReader

from stadtgespraeche.demo.loader import (
    COUNCILLOR_EMAIL,
    DEMO_PASSWORD,
    ORGANISER_EMAIL,
    current_demo_code,
    load_demo,
)
from stadtgespraeche.municipalities.enums import MunicipalityKind
from tests.e2e.axe import AXE_SCRIPT, axe_check
from tests.factories.documentation import pdf_bytes, png_bytes
from tests.factories.municipalities import MunicipalityFactory, StateFactory
from tests.rooms.fake_bbb import FakeBigBlueButton

pytestmark = pytest.mark.e2e

BERLIN = ZoneInfo("Europe/Berlin")
NEW_PASSWORD = "Saison-Reise-2026-sicher"
CONTACT_EMAIL = "digitales@goerlitz.example"
COUNCILLOR_NEW_EMAIL = "lena.lange@goerlitz.example"
BBB_SECRET = "journey-room-secret"
BBB_CLIENT = "https://bbb.invalid/**"
EVENT_TITLE = "Offene Daten im Rat"
WISH_TITLE = "Offene Daten für den Rat nutzbar machen"
MINUTES = (
    "## Austausch\n\n"
    "Łukasz Wróbel aus Görlitz und Ayşe Doğan aus Kaiserslautern berichteten.\n\n"
    "| Kommune | Stand |\n"
    "|---|---|\n"
    "| Görlitz | Datenportal im Aufbau |\n"
)

# Every page state checked with axe, in order: (name, path).
CHECKED: list[tuple[str, str]] = []


@pytest.fixture
def demo():
    rp = StateFactory(code="07", name="Rheinland-Pfalz", abbreviation="RP")
    by = StateFactory(code="09", name="Bayern", abbreviation="BY")
    sn = StateFactory(code="14", name="Sachsen", abbreviation="SN")
    MunicipalityFactory(
        key="07312000", name="Kaiserslautern", slug="kaiserslautern", state=rp, population=99_000
    )
    MunicipalityFactory(key="09461000", name="Bamberg", slug="bamberg", state=by, population=79_000)
    MunicipalityFactory(
        key="mpsc-2021-28",
        name="Verband Region Rhein-Neckar",
        slug="verband-region-rhein-neckar",
        kind=MunicipalityKind.REGION,
        state=None,
        population=None,
    )
    # The municipality that joins during the season (not a demo member).
    MunicipalityFactory(
        key="14626110", name="Görlitz", slug="goerlitz", state=sn, population=56_000
    )
    load_demo()


@pytest.fixture
def fake_bbb(settings):
    server = FakeBigBlueButton(BBB_SECRET).start()
    settings.BBB_URL = server.url
    settings.BBB_SECRET = BBB_SECRET
    settings.BBB_SERVERS = {}
    yield server
    server.stop()


@pytest.fixture
def person(new_page) -> Callable[[], Page]:
    """A browser of its own for one person, with axe-core loaded into every page."""

    def _person() -> Page:
        page = new_page()
        page.context.add_init_script(path=str(AXE_SCRIPT))
        return page

    return _person


def check(page: Page, name: str) -> None:
    """axe (WCAG 2.1 AA) and 320 px on the page state the person sees now."""
    page.wait_for_load_state()
    axe_check(page, name=f"season journey: {name}")
    CHECKED.append((name, urlsplit(page.url).path))


def visit(page: Page, path: str, name: str) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.status == 200, f"{name}: {path} answered {response.status}"
    check(page, name)


def main_text(page: Page) -> str:
    return page.locator("main").inner_text()


def link_in_mail_to(address: str, pattern: str) -> str:
    for message in reversed(mail.outbox):
        if address in message.to:
            match = re.search(pattern, message.body)
            if match:
                return urlsplit(match.group(0)).path
    raise AssertionError(f"no link {pattern} mailed to {address}: {[m.to for m in mail.outbox]}")


def log_in_with_form(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(reverse("accounts:login"))
    check(page, "login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    if email == ORGANISER_EMAIL:  # organisers must use two-factor authentication
        page.wait_for_url(f"**{reverse('accounts:login-two-factor')}")
        check(page, "login: second factor")
        code = current_demo_code(email)
        assert code is not None
        page.locator("input[name=code]").fill(code)
        page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{reverse('pages:overview')}")


def local(moment: datetime.datetime) -> str:
    """A datetime-local input's value (Berlin time)."""
    return moment.astimezone(BERLIN).strftime("%Y-%m-%dT%H:%M")


def activate(page: Page, email: str, who: str) -> None:
    """Open the invitation mailed to `email`, set a password; land on the home page."""
    mailed = next(m for m in reversed(mail.outbox) if email in m.to)
    assert "Guten Tag " + email not in mailed.body  # greets by name or neutrally
    assert "Görlitz" in mailed.body  # names the municipality
    page.goto(link_in_mail_to(email, r"https?://\S+/konto/einladung/\S+/"))
    check(page, f"invitation ({who})")
    page.locator("input[name=password1]").fill(NEW_PASSWORD)
    page.locator("input[name=password2]").fill(NEW_PASSWORD)
    page.locator("input[name=privacy_notice]").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{reverse('pages:overview')}")
    expect(page.locator("main")).to_contain_text("Vervollständigen Sie Ihr Profil")


def complete_profile(page: Page) -> None:
    """Follow the home page's "next step" until the profile is complete."""
    check(page, "overview (new councillor, profile incomplete)")
    page.locator("#profile-next-step").click()
    page.wait_for_url(f"**{reverse('people:profile-edit')}")
    check(page, "profile form")
    page.get_by_label("Vorname").fill("Lena")
    page.get_by_label("Nachname").fill("Lange")
    page.get_by_label("Kann berichten über", exact=False).fill(
        "Datenportal der Stadt Görlitz\nOffene Ratsdaten"
    )
    page.locator("input[name=interests]").first.check()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    check(page, "profile saved")
    page.goto(reverse("pages:overview"))
    page.locator("#profile-next-step").click()
    check(page, "mandate form")


def add_mandate_and_photo(page: Page) -> None:
    page.get_by_label("Gremium").select_option(index=0)
    page.get_by_label("Neue Fraktion").fill("Bündnis für Görlitz")
    choose(page.get_by_label("Partei"), "GRÜNE")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    check(page, "mandate saved")
    page.goto(reverse("pages:overview"))
    page.locator("#profile-next-step").click()
    check(page, "photo form")
    page.locator("input[name=photo]").set_input_files(
        {"name": "portrait.png", "mimeType": "image/png", "buffer": png_bytes((40, 40))}
    )
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    check(page, "photo saved")
    page.goto(reverse("pages:overview"))
    expect(page.locator("main")).not_to_contain_text("Vervollständigen Sie Ihr Profil")
    check(page, "overview (new councillor, profile complete)")


def choose(select: Locator, text: str) -> None:
    """Select the option whose label contains `text`."""
    labels = select.locator("option").all_inner_texts()
    matching = [label for label in labels if text in label]
    assert matching, f"no option with {text!r} in {labels}"
    select.select_option(label=matching[0])


def menu(page: Page, name: str, link: str) -> None:
    """Open a menu of the header and follow one of its links."""
    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    navigation.locator("summary", has_text=name).click()
    navigation.get_by_role("link", name=link, exact=True).click()
    page.wait_for_load_state()


def set_status(page: Page, status: str) -> None:
    page.locator(f"form[action$='/status/']:has(input[value={status}]) button").click()
    page.wait_for_load_state()
    check(page, f"dashboard: Stadtgespräch set to {status}")


def public_path_of(organiser: Page) -> str:
    link = organiser.locator("main").get_by_role("link", name="Öffentliche Seite")
    href = link.get_attribute("href")
    assert href
    return urlsplit(href).path


def register(page: Page) -> None:
    box = page.locator("#registration-box")
    box.get_by_role("button", name="Anmelden").click()


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    return "\n".join(pdf_page.extract_text() for pdf_page in reader.pages)


def print_journey() -> None:
    """The pages of the journey and their axe results (for the closing note)."""
    print(f"season journey: {len(CHECKED)} page states checked with axe and at 320 px")
    for name, path in CHECKED:
        print(f"  {path}  {name}")


def test_whole_season_through_the_ui(demo, person, fake_bbb, mailoutbox_clear):
    CHECKED.clear()

    # 1. Görlitz applies for membership (anonymous visitor).
    contact = person()
    contact.goto("/")
    check(contact, "start page (anonymous)")
    visit(contact, reverse("network:apply"), "membership application")
    contact.locator("input[name=municipality_query]").fill("Görlitz")
    contact.locator("input[name=contact_name]").fill("Dana Digital")
    contact.locator("input[name=contact_email]").fill(CONTACT_EMAIL)
    contact.locator("input[name=consent]").check()
    contact.locator("form.application-form button[type=submit]").click()
    contact.wait_for_url(f"**{reverse('network:apply-done')}")
    check(contact, "membership application sent")

    # 2. The demo organiser accepts the application from the home page.
    organiser = person()
    log_in_with_form(organiser, ORGANISER_EMAIL)
    check(organiser, "overview (organiser, one application)")
    organiser.locator("main").get_by_role("link", name="Görlitz").first.click()
    check(organiser, "application detail")
    organiser.locator("form[action$='/annehmen/'] button[type=submit]").click()
    organiser.wait_for_load_state()
    check(organiser, "application accepted")
    assert "Görlitz" in main_text(organiser)

    # 3. The contact opens the invitation from the e-mail and becomes coordinator.
    coordinator = contact
    activate(coordinator, CONTACT_EMAIL, "coordinator")
    check(coordinator, "overview (new coordinator)")

    # 4. From the home page the coordinator invites a councillor of Görlitz.
    coordinator.get_by_role("link", name=re.compile("Ratsmitglieder .* Görlitz einladen")).click()
    check(coordinator, "invite councillors")
    coordinator.locator("textarea[name=emails]").fill(COUNCILLOR_NEW_EMAIL)
    coordinator.locator("main form button[type=submit]").last.click()
    coordinator.wait_for_load_state()
    assert COUNCILLOR_NEW_EMAIL in main_text(coordinator)
    check(coordinator, "invitation sent")

    # 5. The councillor activates the account and completes the profile from the home page.
    councillor = person()
    activate(councillor, COUNCILLOR_NEW_EMAIL, "councillor")
    complete_profile(councillor)
    add_mandate_and_photo(councillor)

    # 6. Wish round: the organiser opens a round, the coordinator calls for wishes, the
    #    councillor wishes, the organiser opens the vote, two councillors vote.
    menu(organiser, "Wissen", "Themenwünsche")
    check(organiser, "wish rounds (organiser)")
    organiser.get_by_role("link", name="Neue Runde").click()
    check(organiser, "new wish round")
    organiser.locator("input[name=title]").fill("Themen der Saison")
    organiser.locator("main form button[type=submit]").click()
    organiser.wait_for_load_state()
    expect(organiser.get_by_role("heading", level=1)).to_have_text("Themen der Saison")
    check(organiser, "wish round (collecting, organiser)")
    round_path = urlsplit(organiser.url).path

    councillor.goto(reverse("pages:overview"))
    councillor.get_by_role("link", name="Themen der Saison", exact=True).click()
    check(councillor, "wish round (collecting, councillor)")
    councillor.get_by_role("link", name="Themenwunsch einreichen").click()
    check(councillor, "wish form")
    councillor.get_by_label("Thema", exact=True).fill(WISH_TITLE)
    councillor.get_by_label("Warum das Thema vor Ort wichtig ist").fill(
        "Der Rat soll Daten der Verwaltung selbst auswerten können."
    )
    councillor.get_by_role("button", name="Wunsch einreichen").click()
    expect(councillor.locator("h1")).to_have_text(WISH_TITLE)
    check(councillor, "wish detail (author)")

    organiser.goto(round_path)
    organiser.get_by_label("Runde wechseln in").select_option("vote")
    organiser.get_by_role("button", name="Phase wechseln").click()
    expect(organiser.locator("main")).to_contain_text("Die Phase der Runde wurde geändert.")
    check(organiser, "wish round (voting, organiser)")

    demo_councillor = person()
    log_in_with_form(demo_councillor, COUNCILLOR_EMAIL)
    check(demo_councillor, "overview (demo councillor)")
    for voter, name in ((councillor, "new councillor"), (demo_councillor, "demo councillor")):
        voter.goto(reverse("pages:overview"))
        voter.get_by_role("link", name="Themen der Saison", exact=True).click()
        check(voter, f"wish round (voting, {name})")
        voter.get_by_role("button", name="Stimme geben").first.click()
        expect(voter.locator("#votes-left")).to_contain_text("noch 2 von 3")
        check(voter, f"wish round (voted, {name})")

    # 7. The organiser plans the Stadtgespräch: soon, online, one online place, Görlitz
    #    hosts with Kaiserslautern and Bamberg, the new coordinator gives the impulse.
    start = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(minutes=21)
    end = start + datetime.timedelta(minutes=60)
    menu(organiser, "Organisation", "Organisationsbereich")
    check(organiser, "dashboard")
    menu(organiser, "Organisation", "Stadtgespräche planen")
    check(organiser, "dashboard: Stadtgespräche")
    organiser.get_by_role("link", name="Stadtgespräch planen").click()
    check(organiser, "new Stadtgespräch")
    form = organiser.locator("main form").last
    form.locator("input[name=title]").fill(EVENT_TITLE)
    form.locator("textarea[name=description]").fill("Wie Räte offene Daten nutzen.")
    form.locator("input[name=starts_at]").fill(local(start))
    form.locator("input[name=ends_at]").fill(local(end))
    form.locator("select[name=format]").select_option("online")
    form.get_by_role("group", name=re.compile("^Gastgebende Kommunen")).get_by_label(
        "Görlitz"
    ).check()
    co_hosts = form.get_by_role("group", name=re.compile("^Mitgastgebende Kommunen"))
    co_hosts.get_by_label("Kaiserslautern").check()
    co_hosts.get_by_label("Bamberg").check()
    form.locator("input[name=capacity_online]").fill("1")
    form.locator("button[type=submit]").last.click()
    organiser.wait_for_load_state()
    expect(organiser.locator("main")).to_contain_text("als Entwurf angelegt")
    check(organiser, "dashboard: Stadtgespräch (draft)")
    event_admin_path = urlsplit(organiser.url).path

    organiser.get_by_role("link", name="Programmpunkt hinzufügen").click()
    check(organiser, "new agenda item")
    item = organiser.locator("main form").last
    item.locator("input[name=starts_at]").fill(local(start + datetime.timedelta(minutes=5)))
    item.locator("input[name=duration]").fill("20")
    item.locator("select[name=kind]").select_option("impulse")
    item.locator("input[name=title]").fill("Das Görlitzer Datenportal")
    item.get_by_role("group", name=re.compile("^Vortragende")).get_by_label(
        re.compile("Dana Digital")
    ).check()
    item.locator("select[name=municipality]").select_option(label="Görlitz")
    item.locator("button[type=submit]").last.click()
    organiser.wait_for_load_state()
    expect(organiser.locator("main")).to_contain_text("Das Görlitzer Datenportal")
    check(organiser, "dashboard: Stadtgespräch with agenda")

    # The wish becomes the session's topic.
    organiser.goto(round_path)
    organiser.get_by_role("link", name=WISH_TITLE).click()
    check(organiser, "wish detail (organiser)")
    choose(organiser.get_by_label("Stadtgespräch"), EVENT_TITLE)
    organiser.get_by_role("button", name="Einplanen und Unterstützende benachrichtigen").click()
    expect(organiser.locator("main")).to_contain_text(EVENT_TITLE)
    check(organiser, "wish planned")

    organiser.goto(event_admin_path)
    set_status(organiser, "published")
    set_status(organiser, "registration_open")
    check(organiser, "dashboard: Stadtgespräch (registration open)")
    event_path = public_path_of(organiser)

    # 8. Registrations until the waitlist applies: the councillor takes the only online
    #    place (from the home page), the demo councillor lands on the waitlist.
    councillor.goto(reverse("pages:overview"))
    councillor.get_by_role("link", name=EVENT_TITLE).first.click()
    check(councillor, "Stadtgespräch (councillor, registration open)")
    register(councillor)
    expect(councillor.locator("#registration-box")).to_contain_text("Sie sind angemeldet (online)")
    check(councillor, "Stadtgespräch (councillor, registered)")
    demo_councillor.goto(event_path)
    register(demo_councillor)
    expect(demo_councillor.locator("#registration-box")).to_contain_text(
        "Sie stehen auf der Warteliste (online), Platz 1."
    )
    check(demo_councillor, "Stadtgespräch (demo councillor, waitlisted)")
    organiser.goto(event_admin_path)
    organiser.get_by_role("link", name="Anmeldungen", exact=True).click()
    check(organiser, "dashboard: registrations")
    assert "Lena Lange" in main_text(organiser)

    # 9. The speaker (the new coordinator) confirms the impulse and uploads slides.
    coordinator.goto(reverse("pages:overview"))
    check(coordinator, "overview (coordinator, speaker)")
    coordinator.locator("main").get_by_role(
        "link", name=re.compile("Sie sprechen bei .*Das Görlitzer Datenportal")
    ).click()
    check(coordinator, "speaker page (unconfirmed)")
    coordinator.get_by_role("button", name="Meinen Impuls bestätigen").click()
    expect(coordinator.locator("main")).to_contain_text("Ihr Impuls ist bestätigt")
    check(coordinator, "speaker page (confirmed)")
    slides = coordinator.locator("form[action$='/folien/']")
    slides.get_by_label("Folien").set_input_files(
        {"name": "datenportal.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    slides.get_by_role("button", name="Folien hochladen").click()
    expect(coordinator.locator("main")).to_contain_text("Hochgeladen: datenportal.pdf")
    check(coordinator, "speaker page (slides uploaded)")
    menu(coordinator, "Mein Bereich", "Meine Impulse")
    expect(coordinator.locator("main")).to_contain_text("Das Görlitzer Datenportal")
    expect(coordinator.locator("main")).to_contain_text("(bestätigt)")
    check(coordinator, "my impulses")
    # As coordinator: the councillors of Görlitz with their registration status.
    menu(coordinator, "Organisation", "Meine Ratsmitglieder")
    councillor_card = coordinator.locator("[data-councillor]", has_text="Lena Lange")
    expect(councillor_card).to_contain_text(re.compile(r"angemeldet \(online\)", re.IGNORECASE))
    check(coordinator, "my councillors (coordinator)")

    # 10. 20 minutes before the start the councillor joins the online room from the home page.
    assert timezone.now() < start
    seen: list[str] = []

    def bbb_client(route: Route) -> None:  # the BBB web client is not part of the test
        seen.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<html lang='de'></html>")

    councillor.route(BBB_CLIENT, bbb_client)
    councillor.goto(reverse("pages:overview"))
    check(councillor, "overview (councillor, room open)")
    councillor.get_by_role("link", name="Online-Raum betreten").click()
    check(councillor, "room join page")
    councillor.get_by_role("button", name="Online-Raum betreten").click()
    expect(councillor.get_by_role("link", name="Online-Raum jetzt betreten")).to_be_visible()
    check(councillor, "room join page (link ready)")
    councillor.get_by_role("link", name="Online-Raum jetzt betreten").click()
    councillor.wait_for_url("https://bbb.invalid/**")
    assert seen
    assert timezone.now() < start  # joined before the start

    # 11. The clock moves past the end of the session.
    traveller = time_machine.travel(end + datetime.timedelta(minutes=10), tick=True)
    traveller.start()
    try:
        after_the_session(
            organiser=organiser,
            councillor=councillor,
            demo_councillor=demo_councillor,
            event_path=event_path,
            event_admin_path=event_admin_path,
            year=start.astimezone(BERLIN).year,
        )
    finally:
        traveller.stop()
    print_journey()


def after_the_session(
    *,
    organiser: Page,
    councillor: Page,
    demo_councillor: Page,
    event_path: str,
    event_admin_path: str,
    year: int,
) -> None:
    # The organiser closes the registration and marks the session as held.
    organiser.goto(event_admin_path)
    set_status(organiser, "registration_closed")
    set_status(organiser, "held")
    organiser.goto(reverse("pages:overview"))
    check(organiser, "overview (organiser, one session without documentation)")
    organiser.locator("main").get_by_role("link", name=EVENT_TITLE).click()
    check(organiser, "documentation (empty)")

    # 12. Minutes published.
    organiser.get_by_label("Protokoll").fill(MINUTES)
    organiser.get_by_label("Ergebnisse").fill("- Nächstes Thema: Datenethik")
    organiser.get_by_role("button", name="Protokoll speichern").click()
    expect(organiser.locator("main")).to_contain_text("Das Protokoll wurde gespeichert.")
    check(organiser, "documentation (minutes saved)")
    organiser.get_by_role("button", name="Dokumentation veröffentlichen").click()
    expect(organiser.locator("main")).to_contain_text("Die Dokumentation ist veröffentlicht")
    check(organiser, "documentation (published)")

    # 13. The councillor downloads the documentation PDF and gives feedback.
    councillor.goto(reverse("pages:overview"))
    check(councillor, "overview (councillor, after the session)")
    councillor.locator("main").get_by_role(
        "link", name=f"Dokumentation veröffentlicht: {EVENT_TITLE}"
    ).click()
    assert urlsplit(councillor.url).path == event_path
    expect(councillor.locator("main")).to_contain_text("Łukasz Wróbel")
    check(councillor, "Stadtgespräch with documentation (councillor)")
    with councillor.expect_download() as download_info:
        councillor.get_by_role("link", name="Dokumentation als PDF herunterladen").click()
    text = pdf_text(download_info.value.path().read_bytes())
    assert "Ł" in text
    assert "ş" in text
    assert "Görlitz Datenportal im Aufbau" in text  # the Markdown table's row
    assert "Das Görlitzer Datenportal" in text

    councillor.get_by_role("link", name="Rückmeldung geben").click()
    check(councillor, "feedback form")
    councillor.get_by_label("4 – gut").check()
    councillor.get_by_label("Was war für Sie nützlich?").fill("Das Datenportal als Beispiel")
    councillor.get_by_role("button", name="Rückmeldung senden").click()
    expect(councillor.locator("main")).to_contain_text("Vielen Dank für Ihre Rückmeldung.")
    check(councillor, "feedback sent")

    # The early join counted: the organiser's list shows the councillor as attended.
    organiser.goto(event_admin_path)
    organiser.get_by_role("link", name="Anmeldungen", exact=True).click()
    attended = organiser.locator("main tr", has_text="Lena Lange")
    expect(attended).to_contain_text("teilgenommen")
    check(organiser, "dashboard: registrations after the session")

    # The waitlisted demo councillor did not attend: no feedback for them.
    demo_councillor.goto(event_path)
    expect(demo_councillor.locator("main")).not_to_contain_text("Rückmeldung geben")
    check(demo_councillor, "Stadtgespräch with documentation (demo councillor)")

    # 14. The season report shows the session with its figures.
    menu(organiser, "Organisation", "Organisationsbereich")
    organiser.get_by_role("link", name=re.compile("^Saisonberichte der Reihe")).click()
    check(organiser, "season reports")
    organiser.get_by_role("link", name=f"Saison {year}").click()
    check(organiser, "season report")
    table = organiser.get_by_role("table", name="Je Stadtgespräch")
    row = table.locator("tr", has_text=EVENT_TITLE)
    # registrations, attended (the early joiner), waitlist
    assert row.locator("td").all_inner_texts() == ["1", "1 (100 %)", "1"]
    feedback = organiser.get_by_role("table", name="Rückmeldungen je Stadtgespräch")
    assert feedback.locator("tr", has_text="Nr. ").locator("td").all_inner_texts()[-2:] == [
        "1",
        "4,0",
    ]
    reached = organiser.get_by_role("table", name="Erreichte Personen je Kommune")
    assert "Görlitz\t1" in reached.inner_text()
