"""Markdown written by people (topic descriptions, site texts, posts, practices, minutes).

Markdown is rendered with Python-Markdown and the resulting HTML is always sanitised with
nh3 (an allow-list of tags and attributes; scripts, styles, event handlers and
`javascript:` links are removed), so stored text can never inject markup.

Rendered at write time: each Markdown source field has a `MarkdownHTMLField` beside it
(`body` → `body_html`) and the model one `MarkdownVersionField`. Whenever Django writes the
row (`save()`, `create()`, `bulk_create()`, the admin, factories, loaders) the HTML field
renders its source in `pre_save` and the version field records `RENDERER_VERSION`, the way
`auto_now` stamps a time. A write that names its columns (`save(update_fields=…)`,
`QuerySet.update()`, `bulk_update()`) must name the HTML field too, just as it names
`updated_at`. Pages show the stored HTML with the `sanitised` filter
(`{{ post.body_html|sanitised }}`), which passes it through the same nh3 allow-list again:
nh3 is the single gate to the page, so a column changed behind Django's back (a raw UPDATE,
a restored dump) still cannot inject markup, while the costly part, the Markdown
conversion, happens once per write instead of once per view (benchmarks/MARKDOWN.md).

When the rules below change (tags, attributes, extensions), bump `RENDERER_VERSION`: the
database system check (`check --database default`, also run by `migrate`) reports rows
rendered by an older version, and `render_markdown` (command) or the periodic job
`core.render_stale_markdown` renders them again in batches.
"""

import threading
from collections.abc import Iterable, Iterator
from typing import Any

import markdown as markdown_lib
import nh3
from django.apps import apps
from django.core import checks
from django.db import DEFAULT_DB_ALIAS, DatabaseError, models, transaction
from django.utils.safestring import SafeString, mark_safe

# Bump whenever the output for the same Markdown changes (tags, attributes, extensions …).
RENDERER_VERSION = 1

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"align"},
    "th": {"align", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


_local = threading.local()


def _converter() -> markdown_lib.Markdown:
    """One reusable converter per thread: building one costs more than converting a post."""
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = markdown_lib.Markdown(extensions=["extra", "sane_lists"])
    return converter.reset()


def sanitise_html(html: str) -> SafeString:
    """`html` reduced to the allow-list above, safe to output unescaped (the only gate)."""
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # sanitised by nh3 just above


def render_markdown(text: str) -> SafeString:
    """Render Markdown `text` to sanitised HTML, safe to output unescaped."""
    return sanitise_html(_converter().convert(text or ""))


class MarkdownHTMLField(models.TextField):
    """The sanitised HTML of the Markdown field `source`, rendered whenever the row is written.

    Not editable; `pre_save` renders it, so every ordinary write path keeps it current.
    """

    def __init__(self, *args: Any, source: str, **kwargs: Any) -> None:
        self.source = source
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        html = str(render_markdown(getattr(model_instance, self.source)))
        setattr(model_instance, self.attname, html)
        return html


class MarkdownVersionField(models.PositiveSmallIntegerField):
    """The `RENDERER_VERSION` that rendered a row's HTML fields; 0 = never rendered."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("editable", False)
        kwargs.setdefault("default", 0)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance: models.Model, add: bool) -> int:
        setattr(model_instance, self.attname, RENDERER_VERSION)
        return RENDERER_VERSION


def html_fields(model: type[models.Model]) -> list[MarkdownHTMLField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, MarkdownHTMLField)]


def _version_field(model: type[models.Model]) -> MarkdownVersionField:
    (field,) = [f for f in model._meta.concrete_fields if isinstance(f, MarkdownVersionField)]
    return field


def with_html(model: type[models.Model], update_fields: Iterable[str]) -> list[str]:
    """`update_fields` plus the HTML fields of the Markdown sources named in it and the version.

    `post.save(update_fields=with_html(Post, ["body", "edited_at"]))` writes `body_html` too.
    """
    names = list(update_fields)
    companions = [field.attname for field in html_fields(model) if field.source in names]
    if companions:
        names += [*companions, _version_field(model).attname]
    return names


def stored_markdown_models() -> list[type[models.Model]]:
    """Every installed model with stored Markdown HTML, in a stable order."""
    found = [model for model in apps.get_models() if html_fields(model)]
    return sorted(found, key=lambda model: model._meta.label)


def stale_rows(model: type[models.Model]) -> models.QuerySet[Any]:
    """Rows of `model` whose HTML an older renderer version (or none) produced."""
    version = _version_field(model).attname
    return model._default_manager.filter(**{f"{version}__lt": RENDERER_VERSION})


def _batches(
    model: type[models.Model], everything: bool, size: int, using: str
) -> Iterator[list[Any]]:
    rows = (model._default_manager.all() if everything else stale_rows(model)).using(using)
    sources = [field.source for field in html_fields(model)]
    last = None
    while True:
        batch = rows.order_by("pk")
        if last is not None:
            batch = batch.filter(pk__gt=last)
        values = list(batch.values_list("pk", *sources)[:size])
        if not values:
            return
        last = values[-1][0]
        yield values


def render_stored(
    model: type[models.Model],
    *,
    everything: bool = False,
    batch_size: int = 500,
    using: str = DEFAULT_DB_ALIAS,
) -> int:
    """Render the HTML of `model`'s stale rows (or of all with `everything`); rows rendered.

    Works on a migration's historical model too. Batched by primary key, one transaction per
    batch; each row is written only if its Markdown is still what was rendered, so an edit
    saved meanwhile (which renders for itself) is never overwritten with older text.
    """
    fields = html_fields(model)
    version = _version_field(model).attname
    manager = model._default_manager.db_manager(using)
    rendered = 0
    for batch in _batches(model, everything, batch_size, using):
        with transaction.atomic(using=using):
            for pk, *texts in batch:
                unchanged = {field.source: text for field, text in zip(fields, texts, strict=True)}
                html = {
                    field.attname: str(render_markdown(text))
                    for field, text in zip(fields, texts, strict=True)
                }
                rendered += manager.filter(pk=pk, **unchanged).update(
                    **html, **{version: RENDERER_VERSION}
                )
    return rendered


def render_all_stale(*, batch_size: int = 500) -> int:
    """Render the stale rows of every model with stored Markdown (the periodic job)."""
    return sum(render_stored(model, batch_size=batch_size) for model in stored_markdown_models())


def check_stale_rows(
    app_configs: Any = None, databases: Any = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Database check: rows whose stored HTML an older renderer version produced.

    Tagged `database` (core/apps.py): Django runs it with `migrate` and with
    `check --database default`."""
    counts: list[str] = []
    for model in stored_markdown_models():
        try:
            count = stale_rows(model).count()
        except DatabaseError:  # before `migrate` added the columns
            return []
        if count:
            counts.append(f"{model._meta.label}: {count}")
    if not counts:
        return []
    return [
        checks.Warning(
            f"Stored Markdown HTML is older than renderer version {RENDERER_VERSION} "
            f"({', '.join(counts)}): pages show it until the rows are rendered again.",
            hint="Run `stadtgespraeche render_markdown` (the periodic job "
            "core.render_stale_markdown does it too).",
            id="core.W001",
        )
    ]
