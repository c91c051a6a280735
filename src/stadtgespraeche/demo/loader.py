"""Demo content for a local installation: the series "Smarte Stadtgespräche", its member
and candidate municipalities, fictional councillors and three logins.

Idempotent: people are found by e-mail, memberships are only created when missing (so
changes made in the demo survive a rerun). Every person is fictional (Faker de_DE with a
fixed seed), flagged `is_demo` and has an address under demo.stadtgespraeche.invalid.
Requires the reference data (`stadtgespraeche load_reference_data`).
"""

import datetime
import random
from dataclasses import dataclass, field

import pyotp
from django.db import transaction
from faker import Faker

from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.accounts.models import User
from stadtgespraeche.accounts.services import confirm_two_factor, pending_totp_device
from stadtgespraeche.demo.discussions import load_demo_discussions
from stadtgespraeche.demo.first_session import load_first_session
from stadtgespraeche.demo.knowledge import load_demo_practices
from stadtgespraeche.demo.notifications import load_notifications_demo
from stadtgespraeche.demo.registrations import load_demo_registrations
from stadtgespraeche.demo.wishes import load_demo_wishes
from stadtgespraeche.municipalities.enums import MunicipalityKind
from stadtgespraeche.municipalities.models import Municipality, Party
from stadtgespraeche.network.enums import MembershipStatus
from stadtgespraeche.network.models import Membership, Series
from stadtgespraeche.network.services import set_membership_status
from stadtgespraeche.people.enums import AffiliationRole, Body, FieldGroup, MandateRole, Visibility
from stadtgespraeche.people.models import Profile
from stadtgespraeche.people.services import (
    add_affiliation,
    add_mandate,
    create_or_update_profile,
    set_visibility,
)
from stadtgespraeche.topics.models import Topic

DEMO_PASSWORD = "stadtgespraeche-demo"  # noqa: S105 -- printed on purpose, demo only
# The demo organiser's authenticator key (base32), printed too: organisers must use 2FA.
DEMO_TOTP_SECRET = "STADTGESPRAECHEDEMOZWEIFAKTOR234"  # noqa: S105 -- demo only
DEMO_DOMAIN = "demo.stadtgespraeche.invalid"
FAKER_SEED = 19092023
SERIES_SLUG = "smarte-stadtgespraeche"
KAISERSLAUTERN = "07312000"
BAMBERG = "09461000"
RHEIN_NECKAR = "mpsc-2021-28"

ORGANISER_EMAIL = f"organisation@{DEMO_DOMAIN}"
COORDINATOR_EMAIL = f"koordination-bamberg@{DEMO_DOMAIN}"
COUNCILLOR_EMAIL = f"ratsmitglied@{DEMO_DOMAIN}"

# Parties the demo needs, with the colours of the reference data (parties.csv).
PARTIES = {
    "CDU": ("Christlich Demokratische Union Deutschlands", "#000000"),
    "CSU": ("Christlich-Soziale Union in Bayern e.V.", "#000000"),
    "SPD": ("Sozialdemokratische Partei Deutschlands", "#E3000F"),
    "GRÜNE": ("BÜNDNIS 90/DIE GRÜNEN", "#1AA037"),
    "FDP": ("Freie Demokratische Partei", "#FFED00"),
    "FREIE WÄHLER": ("FREIE WÄHLER", "#F7A800"),
    "Volt": ("Volt Deutschland", "#502379"),
}

# Councillors per member municipality: the party of each fictional person.
COUNCILLOR_PARTIES = {
    KAISERSLAUTERN: ["SPD", "SPD", "GRÜNE", "FREIE WÄHLER", "CDU", "FDP"],
    BAMBERG: ["CSU", "GRÜNE", "SPD", "FREIE WÄHLER", "Volt"],
    RHEIN_NECKAR: ["CDU", "SPD", "GRÜNE", "FDP"],
}

# Further Modellprojekte Smart Cities that show interest in the network.
CANDIDATES = {
    "08421000": MembershipStatus.INTERESTED,  # Ulm
    "05122000": MembershipStatus.APPLIED,  # Solingen
    "03103000": MembershipStatus.INTERESTED,  # Wolfsburg
}


# "Ich kann berichten über …" lines for the demo profiles (fictional, German content).
EXPERTISE_LINES = [
    "Einführung eines digitalen Bürgerhaushalts",
    "Hybride Ratssitzungen mit Videokonferenz und Abstimmungstechnik",
    "Aufbau einer Open-Data-Plattform mit der Verwaltung",
    "Sensornetz (LoRaWAN) für Parkplätze und Bodenfeuchte",
    "Digitale Ratsarbeit ohne Papier: Tablets und Ratsinformationssystem",
    "Beteiligung von Jugendlichen über eine Online-Plattform",
    "Städtisches Datenportal und Datenschutzfolgenabschätzung",
    "Digitale Zwillinge in der Stadtplanung",
]
TERM_START = datetime.date(2024, 7, 1)
TERM_END = datetime.date(2029, 6, 30)


class ReferenceDataMissing(Exception):
    """The municipalities the demo refers to are not loaded yet."""


@dataclass
class DemoLogin:
    role: str
    email: str
    note: str = ""


@dataclass
class DemoResult:
    logins: list[DemoLogin] = field(default_factory=list)
    created_users: int = 0


def _municipality(key: str, *, name_fallback: str = "") -> Municipality | None:
    municipality = Municipality.objects.filter(key=key).first()
    if municipality is None and name_fallback:
        # Prefer the regional body over the county of the same name (Rhein-Neckar-Kreis).
        candidates = Municipality.objects.filter(name__icontains=name_fallback).order_by("key")
        municipality = (
            candidates.filter(kind__in=[MunicipalityKind.REGION, MunicipalityKind.ASSOCIATION])
            .order_by("key")
            .first()
        ) or candidates.first()
    return municipality


def _party(short_name: str) -> Party:
    name, color = PARTIES[short_name]
    party, _created = Party.objects.get_or_create(
        short_name=short_name, defaults={"name": name, "color": color}
    )
    return party


class _People:
    """Creates demo accounts by e-mail; names come from a seeded Faker in a fixed order."""

    def __init__(self) -> None:
        self.faker = Faker("de_DE")
        self.faker.seed_instance(FAKER_SEED)
        self.created = 0

    def get(self, email: str, *, role: Role) -> User:
        first_name, last_name = self.faker.first_name(), self.faker.last_name()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                role=role,
                first_name=first_name,
                last_name=last_name,
                is_demo=True,
            )
            self.created += 1
        return user


def _faction_name(party: Party) -> str:
    return f"Fraktion {party.short_name}"


def _demo_profile(
    *,
    councillor: User,
    municipality: Municipality,
    party: Party,
    rng: random.Random,
    topics: list[Topic],
    by: User,
    complete: bool,
) -> None:
    """A profile with mandates, interests, expertise and mixed visibility for a demo
    councillor. Random draws happen even for existing profiles (so a rerun stays
    deterministic) but an existing profile is left as it is."""
    interests = rng.sample(topics, k=min(len(topics), rng.randint(2, 4)))
    expertise = rng.sample(EXPERTISE_LINES, k=2 if complete else rng.randint(1, 2))
    public_identity = complete or rng.random() < 0.35
    public_mandates = complete or rng.random() < 0.25
    second_mandate = complete or rng.random() < 0.3
    if Profile.objects.filter(user=councillor).exists():
        return
    profile = create_or_update_profile(
        user=councillor,
        by=by,
        first_name=councillor.first_name,
        last_name=councillor.last_name,
        municipality=municipality,
        bio=(
            "Seit 2019 im Stadtrat, zuständig für Digitales. Mir liegt eine Verwaltung am "
            "Herzen, die für alle einfach zu nutzen ist."
            if complete
            else ""
        ),
        expertise="\n".join(expertise),
        languages="Deutsch, Englisch" if complete else "Deutsch",
        interests=interests,
    )
    regional = municipality.kind in {MunicipalityKind.REGION, MunicipalityKind.ASSOCIATION}
    add_mandate(
        profile=profile,
        by=by,
        body=Body.REGIONAL_ASSEMBLY if regional else Body.CITY_COUNCIL,
        faction_name=_faction_name(party),
        party=party,
        role=MandateRole.SPOKESPERSON if complete else MandateRole.MEMBER,
        committees="Ausschuss für Digitalisierung, Hauptausschuss" if complete else "",
        term_start=TERM_START,
        term_end=TERM_END,
    )
    if second_mandate and not regional:
        add_mandate(
            profile=profile,
            by=by,
            body=Body.COUNTY_ASSEMBLY,
            faction_name=_faction_name(party),
            party=party,
            term_start=TERM_START,
            term_end=TERM_END,
        )
    set_visibility(
        profile=profile,
        by=by,
        **{
            FieldGroup.IDENTITY.value: Visibility.PUBLIC if public_identity else Visibility.NETWORK,
            FieldGroup.MANDATES.value: Visibility.PUBLIC if public_mandates else Visibility.NETWORK,
        },
    )


def _enable_demo_two_factor(organiser: User) -> None:
    """Organisers must use 2FA: the demo organiser gets an authenticator key printed on start."""
    if organiser.two_factor_enabled:
        return
    device = pending_totp_device(organiser)
    device.secret = DEMO_TOTP_SECRET
    device.save(update_fields=["secret", "updated_at"])
    # Confirm with the previous time step, so the current code still works for the first login.
    totp = pyotp.TOTP(DEMO_TOTP_SECRET)
    previous_code = totp.at(datetime.datetime.now(tz=datetime.UTC), counter_offset=-1)
    confirm_two_factor(organiser, code=previous_code)


def current_demo_code(email: str) -> str | None:
    """The current authenticator code of a demo account with 2FA, for the demo only."""
    user = User.objects.filter(email=email, is_demo=True, two_factor_enabled=True).first()
    if user is None or not hasattr(user, "totp_device"):
        return None
    return pyotp.TOTP(user.totp_device.secret).now()


@transaction.atomic
def load_demo() -> DemoResult:
    """Load (or complete) the demo content; see the module docstring."""
    kaiserslautern = _municipality(KAISERSLAUTERN)
    bamberg = _municipality(BAMBERG)
    rhein_neckar = _municipality(RHEIN_NECKAR, name_fallback="Rhein-Neckar")
    if kaiserslautern is None or bamberg is None or rhein_neckar is None:
        raise ReferenceDataMissing
    people = _People()
    organiser = people.get(ORGANISER_EMAIL, role=Role.ORGANISER)
    _enable_demo_two_factor(organiser)
    series, _created = Series.objects.get_or_create(
        slug=SERIES_SLUG,
        defaults={
            "name": "Smarte Stadtgespräche",
            "name_genitive": "der Smarten Stadtgespräche",
            "name_dative": "den Smarten Stadtgesprächen",
            "description": (
                "Überparteilicher, interkommunaler Austausch von Ratsmitgliedern aus "
                "Smart-City-Vorreiterkommunen zur Digitalpolitik."
            ),
            "organiser_municipality": kaiserslautern,
            "started_on": datetime.date(2023, 9, 19),
        },
    )
    members = {KAISERSLAUTERN: kaiserslautern, BAMBERG: bamberg, RHEIN_NECKAR: rhein_neckar}
    statuses: list[tuple[Municipality, MembershipStatus]] = [
        (municipality, MembershipStatus.MEMBER) for municipality in members.values()
    ]
    for key, status in CANDIDATES.items():
        candidate = _municipality(key)
        if candidate is not None:
            statuses.append((candidate, status))
    for municipality, status in statuses:
        if not Membership.objects.filter(series=series, municipality=municipality).exists():
            set_membership_status(
                series=series,
                municipality=municipality,
                status=status,
                by=organiser,
                note="Demo-Daten",
            )

    coordinator = people.get(COORDINATOR_EMAIL, role=Role.COORDINATOR)
    add_affiliation(
        user=coordinator,
        municipality=bamberg,
        role=AffiliationRole.COORDINATOR,
        show_publicly=True,
        by=organiser,
    )
    rng = random.Random(FAKER_SEED)  # noqa: S311 -- deterministic demo content
    topics = list(Topic.objects.filter(is_active=True).order_by("slug"))
    for key, party_names in COUNCILLOR_PARTIES.items():
        for number, party_name in enumerate(party_names, start=1):
            email = (
                COUNCILLOR_EMAIL
                if key == KAISERSLAUTERN and number == 1
                else f"ratsmitglied-{members[key].slug}-{number}@{DEMO_DOMAIN}"
            )
            councillor = people.get(email, role=Role.COUNCILLOR)
            party = _party(party_name)
            add_affiliation(
                user=councillor,
                municipality=members[key],
                role=AffiliationRole.COUNCILLOR,
                party=party,
                by=organiser,
            )
            _demo_profile(
                councillor=councillor,
                municipality=members[key],
                party=party,
                rng=rng,
                topics=topics,
                by=organiser,
                complete=email == COUNCILLOR_EMAIL,
            )
    load_first_session(series, organiser, kaiserslautern, bamberg, rhein_neckar)
    load_demo_practices(
        municipalities={
            "kaiserslautern": kaiserslautern,
            "bamberg": bamberg,
            "rhein-neckar": rhein_neckar,
        },
        organiser=organiser,
        coordinator=coordinator,
    )
    load_notifications_demo(DEMO_DOMAIN)
    load_demo_registrations(
        series=series, organiser=organiser, host=kaiserslautern, keep_free=COUNCILLOR_EMAIL
    )
    load_demo_discussions(organiser=organiser, domain=DEMO_DOMAIN)
    load_demo_wishes(series=series, organiser=organiser, municipalities=[kaiserslautern, bamberg])
    return DemoResult(
        created_users=people.created,
        logins=[
            DemoLogin(
                "Organisation",
                ORGANISER_EMAIL,
                f"2FA key {DEMO_TOTP_SECRET}; current code: make demo-code",
            ),
            DemoLogin("Koordination Bamberg", COORDINATOR_EMAIL),
            DemoLogin("Ratsmitglied Kaiserslautern", COUNCILLOR_EMAIL),
            DemoLogin(
                "Weitere Ratsmitglieder",
                f"ratsmitglied-bamberg-1@{DEMO_DOMAIN}",
                "pattern: ratsmitglied-<kommune>-<n>@…, e.g. to accept a contact request",
            ),
        ],
    )
