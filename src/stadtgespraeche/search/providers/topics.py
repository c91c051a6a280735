"""Topics of the catalogue: active topics are public; deactivated ones are not findable."""

from django.db.models import QuerySet

from stadtgespraeche.topics.models import Topic

from ..enums import Kind
from . import Document, Provider, register


class TopicProvider(Provider):
    model_label = "topics.topic"
    kind = Kind.TOPIC

    def queryset(self) -> QuerySet[Topic]:
        return Topic.objects.all()

    def documents(self, topic: Topic) -> list[Document]:
        if not topic.is_active:
            return []
        return [
            Document(
                title=topic.title,
                url=topic.get_absolute_url(),
                kind=self.kind,
                body=f"{topic.summary}\n{topic.body}",
                date=topic.created_at,
                topic_ids={topic.pk},
            )
        ]


register(TopicProvider())
