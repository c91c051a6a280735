"""Writes of the topic catalogue. Every change is audited."""

from django.db import transaction
from django.utils.text import slugify

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core import indexing
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.markdown import with_html

from .models import Topic

_EDITABLE_FIELDS = ("title", "slug", "summary", "body")


def _unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:150] or "thema"
    slug, number = base, 2
    taken = Topic.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    taken_slugs = set(taken.values_list("slug", flat=True))
    while slug in taken_slugs:
        slug = f"{base}-{number}"
        number += 1
    return slug


@transaction.atomic
def create_topic(*, title: str, summary: str, body: str = "", slug: str = "", by: User) -> Topic:
    """Add an active topic to the catalogue; an empty slug is derived from the title."""
    topic = Topic.objects.create(
        title=title, slug=slug or _unique_slug(title), summary=summary, body=body
    )
    log_action("topics.topic.created", actor=by, obj=topic)
    indexing.changed(topic)
    return topic


@transaction.atomic
def update_topic(
    topic: Topic, *, title: str, summary: str, body: str = "", slug: str = "", by: User
) -> Topic:
    """Change the texts of `topic`; records which fields changed (nothing if none did)."""
    new_values = {
        "title": title,
        "slug": slug or _unique_slug(title, exclude_pk=topic.pk),
        "summary": summary,
        "body": body,
    }
    changed = [name for name in _EDITABLE_FIELDS if getattr(topic, name) != new_values[name]]
    if not changed:
        return topic
    for name in changed:
        setattr(topic, name, new_values[name])
    topic.save(update_fields=with_html(Topic, [*changed, "updated_at"]))
    log_action("topics.topic.updated", actor=by, obj=topic, data={"fields": changed})
    indexing.changed(topic)
    return topic


@transaction.atomic
def set_topic_active(topic: Topic, *, is_active: bool, by: User) -> Topic:
    """Activate or deactivate `topic`. Deactivated topics leave the public catalogue but
    stay referenced by existing content."""
    if topic.is_active == is_active:
        return topic
    topic.is_active = is_active
    topic.save(update_fields=["is_active", "updated_at"])
    log_action(
        "topics.topic.activated" if is_active else "topics.topic.deactivated",
        actor=by,
        obj=topic,
    )
    indexing.changed(topic)
    return topic
