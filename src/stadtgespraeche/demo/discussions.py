"""Demo content for discussions: a network discussion on the topic "Hybride Ratsarbeit" with
a few posts, a reply with a quote, and one post the organisers hid with a reason.

Called from `demo.loader.load_demo`; idempotent (an existing demo thread is left as it is).
Posts go through the discussions services, so the demo people accept the code of conduct
like everyone else.
"""

from django.db import transaction

from stadtgespraeche.accounts.models import User
from stadtgespraeche.discussions import services
from stadtgespraeche.network.threads import TopicThread, start_topic_thread
from stadtgespraeche.topics.models import Topic

TOPIC_SLUG = "hybride-ratsarbeit"
THREAD_TITLE = "Hybride Ratssitzungen: Welche Technik hat sich bei Ihnen bewährt?"

POSTS = [
    (
        "Wir übertragen seit einem Jahr jede Ratssitzung per Videokonferenz. Am wichtigsten "
        "war für uns **gute Raumakustik** – die Technik selbst war der kleinere Teil."
    ),
    (
        "Bei uns scheitert es noch an der Geschäftsordnung: Abstimmungen aus der Ferne sind "
        "nicht vorgesehen. Wie haben Sie das gelöst?"
    ),
    (
        "Wir haben die Hauptsatzung geändert und stimmen namentlich per Aufruf ab. Das dauert "
        "länger, ist aber rechtssicher."
    ),
]
HIDDEN_POST = "Wer so etwas fordert, hat von Kommunalpolitik keine Ahnung."
HIDDEN_REASON = (
    "Der Beitrag greift andere persönlich an (Verhaltenskodex, Regel 1). Sie können Ihre "
    "Kritik gern sachlich formulieren."
)


def _demo_councillors(domain: str) -> list[User]:
    """The main demo councillor (Kaiserslautern), then the first of each other city."""
    main = list(User.objects.filter(email=f"ratsmitglied@{domain}"))
    others = User.objects.filter(
        email__startswith="ratsmitglied-", email__endswith=f"-1@{domain}"
    ).order_by("email")
    return main + list(others)


@transaction.atomic
def load_demo_discussions(*, organiser: User, domain: str) -> None:
    topic = Topic.objects.filter(slug=TOPIC_SLUG).first()
    people = _demo_councillors(domain)
    if topic is None or len(people) < 3:
        return
    if TopicThread.objects.filter(topic=topic, thread__title=THREAD_TITLE).exists():
        return
    for person in [organiser, *people]:
        services.accept_code_of_conduct(person)
    main, bamberg, rhein_neckar = people[:3]
    thread = start_topic_thread(topic.pk, title=THREAD_TITLE, body=POSTS[0], by=bamberg)
    question = services.add_post(thread, body=POSTS[1], by=rhein_neckar)
    services.add_post(thread, body=POSTS[2], by=main, reply_to=question, quoted=question)
    # The main demo login sees its hidden post with the moderators' reason.
    rude = services.add_post(thread, body=HIDDEN_POST, by=main, reply_to=question)
    services.report_post(rude, reason="Persönlicher Angriff", by=rhein_neckar)
    services.hide_post(rude, reason=HIDDEN_REASON, by=organiser)
