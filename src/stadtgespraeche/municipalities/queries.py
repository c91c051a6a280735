"""Named reads of the directory app."""

from django.db.models import (
    Case,
    IntegerField,
    Value,
    When,
)

from stadtgespraeche.municipalities.models import Municipality


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
