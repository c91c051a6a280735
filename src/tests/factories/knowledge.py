import factory
from django.utils import timezone

from stadtgespraeche.knowledge.enums import EditorialState, PracticeStatus
from stadtgespraeche.knowledge.models import Practice

from .accounts import UserFactory
from .municipalities import MunicipalityFactory


class PracticeFactory(factory.django.DjangoModelFactory):
    """A published practice of one municipality (pass municipalities=[…] for others)."""

    class Meta:
        model = Practice
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Praxisbeispiel {n}")
    slug = factory.Sequence(lambda n: f"praxisbeispiel-{n}")
    summary = "Ein digitales Beteiligungsportal für die Stadt."
    status = PracticeStatus.IN_OPERATION
    problem = "Beteiligung fand nur in Präsenz statt."
    approach = "Die Stadt hat ein offenes Beteiligungsportal eingeführt."
    author = factory.SubFactory(UserFactory)
    state = EditorialState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def municipalities(obj: Practice, create: bool, extracted: object, **kwargs: object) -> None:
        if not create:
            return
        obj.municipalities.set(extracted if extracted is not None else [MunicipalityFactory()])

    @factory.post_generation
    def topics(obj: Practice, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted:
            obj.topics.set(extracted)
