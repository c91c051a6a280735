"""The one place that decides which profile fields a viewer may see.

Every page, list, search, map, export, e-mail and API that shows profile data asks this
module; nothing else interprets the visibility fields. Levels, widest first:
public (anyone) ⊂ network (active accounts of the network) ⊂ organisers. A person always
sees all of their own profile.
"""

from django.db.models import Q

from .enums import FieldGroup, Visibility

# Which visibility values a viewer of each level may see.
_SEES = {
    Visibility.PUBLIC: (Visibility.PUBLIC,),
    Visibility.NETWORK: (Visibility.PUBLIC, Visibility.NETWORK),
    Visibility.ORGANISERS: (Visibility.PUBLIC, Visibility.NETWORK, Visibility.ORGANISERS),
}


def viewer_level(viewer: object) -> Visibility:
    """The audience a viewer belongs to: anonymous → public, active account → network,
    organiser → organisers."""
    if not getattr(viewer, "is_authenticated", False) or not getattr(viewer, "is_active", False):
        return Visibility.PUBLIC
    if getattr(viewer, "is_organiser", False):
        return Visibility.ORGANISERS
    return Visibility.NETWORK


def visible_values(viewer: object) -> tuple[Visibility, ...]:
    return _SEES[viewer_level(viewer)]


def can_see(profile: object, group: FieldGroup | str, viewer: object) -> bool:
    """Whether `viewer` may see field group `group` of `profile`."""
    if getattr(viewer, "pk", None) is not None and viewer.pk == getattr(profile, "user_id", None):  # type: ignore[attr-defined]
        return True
    return profile.visibility_of(group) in visible_values(viewer)  # type: ignore[attr-defined]


def visible_groups(profile: object, viewer: object) -> frozenset[str]:
    return frozenset(group.value for group in FieldGroup if can_see(profile, group, viewer))


def group_visible_q(group: FieldGroup | str, viewer: object, *, prefix: str = "") -> Q:
    """A filter for querysets: profiles whose `group` the viewer may see (own profile included)."""
    field = f"{prefix}{FieldGroup(group).value}_visibility"
    condition = Q(**{f"{field}__in": [value.value for value in visible_values(viewer)]})
    if getattr(viewer, "pk", None) is not None and getattr(viewer, "is_authenticated", False):
        condition |= Q(**{f"{prefix}user": viewer})
    return condition
