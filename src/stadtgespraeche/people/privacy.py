"""The one place that decides which profile fields a viewer may see.

Every page, list, search, map, export, e-mail and API that shows profile data asks this
module; nothing else interprets the visibility fields. Levels, widest first:
public (anyone) ⊂ network (active accounts of the network) ⊂ organisers. A person always
sees all of their own profile.
"""

from django.db.models import Q

from stadtgespraeche.people.enums import FieldGroup, Visibility

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


def is_owner(profile: object, viewer: object) -> bool:
    """Whether `viewer` is the person of `profile` (who always sees all of it)."""
    return getattr(viewer, "pk", None) is not None and viewer.pk == getattr(  # type: ignore[attr-defined]
        profile, "user_id", None
    )


def can_see_at_level(profile: object, group: FieldGroup | str, level: Visibility | str) -> bool:
    """Whether a viewer of audience `level` (public, network, organisers) may see `group` of
    `profile`, ignoring who the viewer is. Used for the owner's "Vorschau als …"."""
    return profile.visibility_of(group) in _SEES[Visibility(level)]  # type: ignore[attr-defined]


def can_see(profile: object, group: FieldGroup | str, viewer: object) -> bool:
    """Whether `viewer` may see field group `group` of `profile`."""
    if is_owner(profile, viewer):
        return True
    return can_see_at_level(profile, group, viewer_level(viewer))


def visible_groups(profile: object, viewer: object) -> frozenset[str]:
    return frozenset(group.value for group in FieldGroup if can_see(profile, group, viewer))


def visible_groups_at_level(profile: object, level: Visibility | str) -> frozenset[str]:
    """The groups an audience of `level` sees (the owner's preview)."""
    return frozenset(group.value for group in FieldGroup if can_see_at_level(profile, group, level))


def group_visible_q(group: FieldGroup | str, viewer: object, *, prefix: str = "") -> Q:
    """A filter for querysets: profiles whose `group` the viewer may see (own profile included)."""
    field = f"{prefix}{FieldGroup(group).value}_visibility"
    condition = Q(**{f"{field}__in": [value.value for value in visible_values(viewer)]})
    if getattr(viewer, "pk", None) is not None and getattr(viewer, "is_authenticated", False):
        condition |= Q(**{f"{prefix}user": viewer})
    return condition
