"""People (profiles with their mandates).

People are indexed once per audience level (public, network, organisers), each document
holding only the field groups that audience may see (people.privacy decides), so a
hidden field never reaches a snippet, a match or a count. Levels that see the same text
share one document. A person whose name the audience may not see has no document for it.
"""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import override

from stadtgespraeche.people import privacy
from stadtgespraeche.people.enums import FieldGroup, Visibility
from stadtgespraeche.people.models import Mandate, Profile

from ..enums import Kind, Level
from . import Document, Provider, register, register_dependent

LEVELS = (
    (Level.PUBLIC, Visibility.PUBLIC),
    (Level.NETWORK, Visibility.NETWORK),
    (Level.ORGANISERS, Visibility.ORGANISERS),
)


def _group_texts(profile: Profile) -> dict[str, list[str]]:
    user: Any = profile.user
    mandates = []
    for mandate in profile.mandates.all():
        mandates += [
            mandate.get_body_display(),
            mandate.faction.name if mandate.faction else "",
            str(mandate.party) if mandate.party else "",
            mandate.committees,
        ]
    return {
        FieldGroup.IDENTITY: [
            profile.pronouns,
            profile.municipality.name if profile.municipality else "",
        ],
        FieldGroup.MANDATES: mandates,
        FieldGroup.INTERESTS: [
            profile.expertise,
            *(topic.title for topic in profile.interests.all()),
        ],
        FieldGroup.ABOUT: [profile.bio, profile.languages],
        "name": [user.get_full_name()],
    }


class ProfileProvider(Provider):
    model_label = "people.profile"
    kind = Kind.PERSON

    def queryset(self) -> QuerySet[Profile]:
        return Profile.objects.select_related("user", "municipality").prefetch_related(
            "interests",
            Prefetch("mandates", queryset=Mandate.objects.select_related("party", "faction")),
        )

    def documents(self, profile: Profile) -> list[Document]:
        user: Any = profile.user
        if not user.is_active or not user.get_full_name():
            return []
        with override("de"):
            texts = _group_texts(profile)
        documents: list[Document] = []
        previous: tuple[str, frozenset[int]] | None = None
        for level, visibility in LEVELS:
            groups = privacy.visible_groups_at_level(profile, visibility)
            if FieldGroup.IDENTITY not in groups:
                previous = None
                continue
            body = " · ".join(
                text
                for group in FieldGroup
                if group in groups
                for text in texts.get(group, [])
                if text
            )
            topic_ids = (
                frozenset(topic.pk for topic in profile.interests.all())
                if FieldGroup.INTERESTS in groups
                else frozenset()
            )
            if previous == (body, topic_ids):
                documents[-1].max_level = level
                continue
            previous = (body, topic_ids)
            documents.append(
                Document(
                    title=texts["name"][0],
                    url=profile.get_absolute_url(),
                    kind=self.kind,
                    body=body,
                    variant=visibility.value,
                    min_level=level,
                    max_level=level,
                    municipality_ids={profile.municipality_id}
                    if profile.municipality_id
                    else set(),
                    topic_ids=set(topic_ids),
                )
            )
        return documents


def _profile_of_mandate(pk: int) -> list[tuple[str, int]]:
    profile_id = Mandate.objects.filter(pk=pk).values_list("profile_id", flat=True).first()
    return [("people.profile", profile_id)] if profile_id else []


def _profile_of_user(pk: int) -> list[tuple[str, int]]:
    profile_id = Profile.objects.filter(user_id=pk).values_list("pk", flat=True).first()
    return [("people.profile", profile_id)] if profile_id else []


register(ProfileProvider())
register_dependent("people.mandate", _profile_of_mandate)
register_dependent("accounts.user", _profile_of_user)
