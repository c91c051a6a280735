"""What the directory holds about a person, for export and erasure (core.personal_data).

Registered from DirectoryConfig.ready(). The export is what the person themself sees, so it
asks `people.privacy` for the visible groups with the person as viewer: all of them.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core import personal_data
from stadtgespraeche.people import counts as directory_counts
from stadtgespraeche.people import privacy
from stadtgespraeche.people.enums import FieldGroup, Visibility
from stadtgespraeche.people.models import Affiliation, Mandate, PendingMandate, Profile

LABELS = {
    "profile": _("Profile"),
    "mandates": _("Mandates"),
    "affiliations": _("Roles for municipalities"),
    "municipality": _("Municipality"),
    "pronouns": _("Pronouns"),
    "photo": _("Photo"),
    "bio": _("Short bio"),
    "expertise": _("I can report on …"),
    "languages": _("Languages"),
    "phone": _("Phone"),
    "interests": _("Interests"),
    "visibility": _("Who sees what"),
    "body": _("Body"),
    "faction": _("Faction"),
    "party": _("Party"),
    "role": _("Role"),
    "committees": _("Committees"),
    "term_start": _("Term start"),
    "term_end": _("Term end"),
    "show_publicly": _("Shown on the public municipality page"),
    "source": _("Source in the council information system"),
    "pending_mandates": _("Mandates pre-filled with the invitation"),
}


def _profile(profile: Profile, viewer: Any) -> dict[str, Any]:
    groups = privacy.visible_groups(profile, viewer)
    data: dict[str, Any] = {}
    if FieldGroup.IDENTITY in groups:
        data["municipality"] = str(profile.municipality or "")
        data["pronouns"] = profile.pronouns
    if FieldGroup.PHOTO in groups:
        data["photo"] = profile.photo.name if profile.photo else ""
    if FieldGroup.INTERESTS in groups:
        data["interests"] = [topic.title for topic in profile.interests.all()]
        data["expertise"] = profile.expertise
    if FieldGroup.ABOUT in groups:
        data["bio"] = profile.bio
        data["languages"] = profile.languages
    data["phone"] = profile.phone  # contact detail: only the person and accepted contacts
    data["visibility"] = [
        f"{group.label}: {Visibility(profile.visibility_of(group)).label}" for group in FieldGroup
    ]
    return data


def export_directory(user: Any) -> dict[str, Any]:
    profile = Profile.objects.select_related("municipality").filter(user=user).first()
    mandates = (
        Mandate.objects.filter(profile__user=user)
        .select_related("municipality", "faction", "party")
        .order_by("term_start", "pk")
    )
    affiliations = Affiliation.objects.filter(user=user).select_related("municipality", "party")
    return {
        "profile": _profile(profile, user) if profile is not None else {},
        "mandates": [
            {
                "municipality": str(mandate.municipality),
                "body": str(mandate.get_body_display()),
                "faction": str(mandate.faction or ""),
                "party": str(mandate.party or ""),
                "role": str(mandate.get_role_display()),
                "committees": mandate.committees,
                "term_start": mandate.term_start,
                "term_end": mandate.term_end,
                "source": mandate.source_url,
            }
            for mandate in mandates
        ],
        "pending_mandates": [
            {
                "municipality": str(item.municipality),
                "faction": item.faction_name,
                "committees": item.committees,
                "term_start": item.term_start,
                "source": item.source_url,
            }
            for item in PendingMandate.objects.filter(user=user).select_related("municipality")
        ],
        "affiliations": [
            {
                "municipality": str(affiliation.municipality),
                "role": str(affiliation.get_role_display()),
                "party": str(affiliation.party or ""),
                "show_publicly": affiliation.show_publicly,
            }
            for affiliation in affiliations
        ],
    }


def erase_directory(user: Any) -> None:
    """Profile (with photo file), mandates and affiliations are deleted."""
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        if profile.photo:
            profile.photo.delete(save=False)
        profile.delete()  # mandates cascade
        directory_counts.forget()
    Affiliation.objects.filter(user=user).delete()
    PendingMandate.objects.filter(user=user).delete()


def register() -> None:
    personal_data.register(
        "directory",
        title=_("Profile, mandates and roles"),
        exporter=export_directory,
        eraser=erase_directory,
        order=20,
        labels=LABELS,
    )
