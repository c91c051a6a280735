"""Demo content of the wishes app: a round in the voting phase with topic wishes of
councillors of Kaiserslautern and Bamberg, supporters and some votes. Idempotent: once the
round exists, nothing is added. Called from `demo.loader.load_demo`."""

from django.db import transaction

from stadtgespraeche.accounts.models import User
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.network.models import Series
from stadtgespraeche.topics.models import Topic
from stadtgespraeche.wishes import queries, services
from stadtgespraeche.wishes.enums import Phase
from stadtgespraeche.wishes.models import WishRound

ROUND_TITLE = "Themen für das nächste Stadtgespräch"

# (municipality index, councillor index, title, reason, topic slug)
WISHES = [
    (
        0,
        0,
        "Hybride Ratssitzungen in der Praxis",
        "Unser Rat berät über eine Änderung der Geschäftsordnung; wir möchten von Städten "
        "lernen, die hybride Sitzungen schon erprobt haben.",
        "hybride-ratsarbeit",
    ),
    (
        0,
        2,
        "Datenstrategie und Datenethik im Rat beschließen",
        "Die Verwaltung legt im Frühjahr eine Datenstrategie vor. Welche Leitlinien haben "
        "andere Räte beschlossen?",
        "datenethik",
    ),
    (
        1,
        0,
        "Digitaler Zwilling für die Stadtplanung",
        "Bamberg baut einen digitalen Zwilling auf. Wie wird der Rat frühzeitig beteiligt?",
        "urbane-datenplattformen",
    ),
    (
        1,
        1,
        "Open Source in der Verwaltung: Umstieg gemeinsam planen",
        "Wir prüfen den Umstieg auf offene Bürosoftware und suchen Partnerkommunen.",
        "open-source-in-der-verwaltung",
    ),
]

# (voter: municipality index, councillor index) → wish indexes (stacking allowed)
VOTES = {
    (0, 0): [0, 0, 2],
    (0, 1): [1, 2],
    (1, 0): [2, 0],
    (1, 2): [3, 0, 1],
}


@transaction.atomic
def load_demo_wishes(
    *, series: Series, organiser: User, municipalities: list[Municipality]
) -> WishRound:
    existing = WishRound.objects.filter(series=series, title=ROUND_TITLE).first()
    if existing is not None:
        return existing
    councillors = [
        list(queries.councillors_of(Municipality.objects.filter(pk=m.pk))) for m in municipalities
    ]
    target = series.events.order_by("-starts_at").first()
    wish_round = services.create_round(
        series=series, title=ROUND_TITLE, votes_per_member=3, target_event=target, by=organiser
    )
    wishes = []
    for city, person, title, reason, slug in WISHES:
        wishes.append(
            services.submit_wish(
                wish_round,
                title=title,
                reason=reason,
                topic=Topic.objects.filter(slug=slug).first(),
                by=councillors[city][person],
            )
        )
    services.support_wish(wishes[0], by=councillors[1][1])
    services.support_wish(wishes[2], by=councillors[0][3])
    services.set_phase(wish_round, to=Phase.VOTE, by=organiser)
    for (city, person), choices in VOTES.items():
        for index in choices:
            services.cast_vote(wishes[index], by=councillors[city][person])
    return wish_round
