"""Named reads of the directory app."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from stadtgespraeche.accounts.models import User

from .models import Affiliation, Municipality


def search_municipalities(text: str, *, limit: int = 10) -> list[Municipality]:
    """Municipalities whose name or key matches `text`; prefix matches first, then by size."""
    text = " ".join(text.split())
    if len(text) < 2:
        return []
    if text.isdigit():
        matches = Municipality.objects.filter(key__startswith=text)
    else:
        matches = Municipality.objects.filter(name__icontains=text)
    return list(
        matches.select_related("state", "district")
        .annotate(
            prefix=Case(
                When(name__istartswith=text, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("prefix", "-population", "name")[:limit]
    )


def affiliations_of(user: User) -> QuerySet[Affiliation]:
    return Affiliation.objects.filter(user=user).select_related("municipality", "party")


def coordinated_municipalities(user: User) -> QuerySet[Municipality]:
    """Municipalities for which `user` is a coordinator."""
    return Municipality.objects.filter(
        affiliations__user=user, affiliations__role="coordinator"
    ).distinct()
