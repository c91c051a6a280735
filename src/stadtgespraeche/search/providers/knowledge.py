"""Good practices (app `knowledge`).

A published entry is one public document. A draft or an entry in review is one document
that organisers find by level and its author and reviewers (the coordinators of its
municipalities) as listed readers — the same people `knowledge.view_practice` lets in.
The knowledge services call core.indexing on every save and workflow step.
"""

from django.db.models import QuerySet

from stadtgespraeche.accounts.models import User
from stadtgespraeche.knowledge.enums import EditorialState
from stadtgespraeche.knowledge.models import Practice

from ..enums import Kind, Level
from . import Document, Provider, register


def _reviewers(practice: Practice) -> set[int]:
    return set(
        User.objects.filter(
            is_active=True,
            affiliations__role="coordinator",
            affiliations__municipality__in=practice.municipalities.all(),
        ).values_list("pk", flat=True)
    )


class PracticeProvider(Provider):
    model_label = "knowledge.practice"
    kind = Kind.PRACTICE

    def queryset(self) -> QuerySet[Practice]:
        return Practice.objects.prefetch_related("municipalities", "topics")

    def documents(self, practice: Practice) -> list[Document]:
        texts = [
            practice.summary,
            practice.problem,
            practice.approach,
            practice.outcome,
            practice.lessons_learned,
            practice.partners,
            " ".join(m.name for m in practice.municipalities.all()),
        ]
        published = practice.state == EditorialState.PUBLISHED
        readers = set()
        if not published:
            readers = _reviewers(practice)
            if practice.author_id:
                readers.add(practice.author_id)
        return [
            Document(
                title=practice.title,
                url=practice.get_absolute_url(),
                kind=self.kind,
                body="\n".join(text for text in texts if text),
                date=practice.published_at or practice.updated_at,
                min_level=Level.PUBLIC if published else Level.ORGANISERS,
                municipality_ids={m.pk for m in practice.municipalities.all()},
                topic_ids={t.pk for t in practice.topics.all()},
                readers=readers,
            )
        ]


register(PracticeProvider())
