"""Topic wishes (app `wishes`): collected inside the network, so members find them.

Open and planned wishes are findable; merged wishes live on in the wish they were merged
into, declined ones are not findable. The wishes services call core.indexing.
"""

from django.db.models import QuerySet

from stadtgespraeche.wishes.enums import WishStatus
from stadtgespraeche.wishes.models import TopicWish

from ..enums import Kind, Level
from . import Document, Provider, register

FINDABLE = {WishStatus.OPEN, WishStatus.PLANNED}


class WishProvider(Provider):
    model_label = "wishes.topicwish"
    kind = Kind.WISH

    def queryset(self) -> QuerySet[TopicWish]:
        return TopicWish.objects.select_related("round", "municipality", "topic")

    def documents(self, wish: TopicWish) -> list[Document]:
        if wish.status not in FINDABLE:
            return []
        return [
            Document(
                title=wish.title,
                url=wish.get_absolute_url(),
                kind=self.kind,
                body="\n".join(
                    text for text in (wish.reason, wish.topic.title if wish.topic else "") if text
                ),
                date=wish.created_at,
                min_level=Level.NETWORK,
                municipality_ids={wish.municipality_id} if wish.municipality_id else set(),
                topic_ids={wish.topic_id} if wish.topic_id else set(),
            )
        ]


register(WishProvider())
