import factory

from stadtgespraeche.topics.models import Topic


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    title = factory.Sequence(lambda n: f"Testthema {n}")
    slug = factory.Sequence(lambda n: f"testthema-{n}")
    summary = "Eine kurze Beschreibung."
    body = "Ein **längerer** Text."
    is_active = True
