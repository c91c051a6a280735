"""Markdown rendered at write time (core/markdown.py): fields, version, re-rendering."""

import importlib
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from stadtgespraeche.core import markdown, periodic
from stadtgespraeche.core.markdown import render_markdown
from stadtgespraeche.discussions.models import Post
from stadtgespraeche.documentation.models import Minutes
from stadtgespraeche.events.models import Event
from stadtgespraeche.knowledge.models import Practice
from stadtgespraeche.pages.models import SiteText
from stadtgespraeche.topics.models import Topic
from tests.factories.discussions import PostFactory
from tests.factories.documentation import MinutesFactory
from tests.factories.events import EventFactory
from tests.factories.knowledge import PracticeFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _raw_set_html(model, pk, column, html):
    """Write `html` into `column` behind Django's back (no pre_save, no version)."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {connection.ops.quote_name(column)} = %s WHERE id = %s",  # noqa: S608
            [html, pk],
        )


def test_saving_stores_rendered_html_and_renderer_version():
    topic = TopicFactory(body="## Fragen\n\n- **eins**")

    topic.refresh_from_db()
    assert topic.body_html == "<h2>Fragen</h2>\n<ul>\n<li><strong>eins</strong></li>\n</ul>"
    assert topic.markdown_version == markdown.RENDERER_VERSION


def test_bulk_create_stores_rendered_html():
    made = Topic.objects.bulk_create(
        [Topic(title=f"T{n}", slug=f"t-{n}", summary="S", body=f"*{n}*") for n in range(3)]
    )

    stored = dict(
        Topic.objects.filter(pk__in=[t.pk for t in made]).values_list("slug", "body_html")
    )
    assert stored == {
        "t-0": "<p><em>0</em></p>",
        "t-1": "<p><em>1</em></p>",
        "t-2": "<p><em>2</em></p>",
    }


def test_with_html_adds_the_html_of_named_sources_and_the_version():
    assert markdown.with_html(Practice, ["problem", "outcome", "updated_at"]) == [
        "problem",
        "outcome",
        "updated_at",
        "problem_html",
        "outcome_html",
        "markdown_version",
    ]


def test_with_html_leaves_fields_without_markdown_alone():
    assert markdown.with_html(Practice, ["state", "updated_at"]) == ["state", "updated_at"]


def test_stored_script_written_by_a_raw_update_is_not_rendered_raw(client):
    topic = TopicFactory(body="Harmlos")
    _raw_set_html(
        Topic,
        topic.pk,
        "body_html",
        '<p>Sicher</p><script>alert("x")</script>'
        '<a href="javascript:alert(1)" onclick="steal()">Link</a><img src=x onerror=alert(2)>',
    )

    content = client.get(topic.get_absolute_url()).content.decode()

    assert "<p>Sicher</p>" in content
    assert "alert(" not in content
    assert "steal()" not in content
    assert "javascript:" not in content
    assert "<img" not in content


def test_stored_markdown_models_are_all_markdown_fields():
    assert markdown.stored_markdown_models() == [
        Post,
        Minutes,
        Event,
        Practice,
        SiteText,
        Topic,
    ]


def test_check_is_silent_when_every_row_is_current():
    TopicFactory()

    assert markdown.check_stale_rows(databases=["default"]) == []


def test_version_bump_is_reported_and_the_command_renders_stale_rows(monkeypatch):
    topic = TopicFactory(body="Mit **neuen** Regeln")
    _raw_set_html(Topic, topic.pk, "body_html", "<p>Mit alten Regeln</p>")
    monkeypatch.setattr(markdown, "RENDERER_VERSION", markdown.RENDERER_VERSION + 1)

    (warning,) = markdown.check_stale_rows(databases=["default"])
    assert warning.id == "core.W001"
    assert f"topics.Topic: {Topic.objects.count()}" in warning.msg

    call_command("render_markdown", stdout=(out := _Output()))

    topic.refresh_from_db()
    assert topic.body_html == "<p>Mit <strong>neuen</strong> Regeln</p>"
    assert topic.markdown_version == markdown.RENDERER_VERSION
    assert f"topics.Topic: {Topic.objects.count()} rendered" in out.text
    assert markdown.check_stale_rows(databases=["default"]) == []


def test_rows_written_without_rendering_are_stale():
    topic = TopicFactory(body="Nachgeladen")
    Topic.objects.filter(pk=topic.pk).update(body_html="", markdown_version=0)

    assert list(markdown.stale_rows(Topic)) == [topic]
    assert markdown.render_all_stale() == 1
    topic.refresh_from_db()
    assert (topic.body_html, topic.markdown_version) == ("<p>Nachgeladen</p>", 1)


def test_render_stored_without_everything_leaves_current_rows_alone():
    topic = TopicFactory(body="Aktuell")
    _raw_set_html(Topic, topic.pk, "body_html", "<p>anders</p>")

    assert markdown.render_stored(Topic) == 0
    topic.refresh_from_db()
    assert topic.body_html == "<p>anders</p>"


def test_render_stored_with_everything_renders_current_rows_in_batches():
    topics = [TopicFactory(body=f"Nummer {n}") for n in range(3)]
    for topic in topics:
        _raw_set_html(Topic, topic.pk, "body_html", "<p>anders</p>")

    assert markdown.render_stored(Topic, everything=True, batch_size=2) == Topic.objects.count()
    assert [Topic.objects.get(pk=t.pk).body_html for t in topics] == [
        "<p>Nummer 0</p>",
        "<p>Nummer 1</p>",
        "<p>Nummer 2</p>",
    ]


def test_render_stored_never_overwrites_a_row_edited_meanwhile(monkeypatch):
    topic = TopicFactory(body="Alt")
    Topic.objects.filter(pk=topic.pk).update(markdown_version=0)

    def edited_meanwhile(text):
        monkeypatch.setattr(markdown, "render_markdown", render_markdown)  # once
        edited = Topic.objects.get(pk=topic.pk)
        edited.body = "Neu"
        edited.save()
        return render_markdown(text)

    monkeypatch.setattr(markdown, "render_markdown", edited_meanwhile)

    assert markdown.render_stored(Topic) == 0
    topic.refresh_from_db()
    assert (topic.body, topic.body_html) == ("Neu", "<p>Neu</p>")


def test_stale_markdown_is_a_periodic_job():
    job = {job.name: job for job in periodic.jobs()}["core.render_stale_markdown"]

    assert job.function is markdown.render_all_stale


@pytest.mark.parametrize(
    ("migration", "factory", "field", "html"),
    [
        (
            "topics.0003_stored_markdown_html",
            TopicFactory,
            "body_html",
            "<p>Ein <strong>längerer</strong> Text.</p>",
        ),
        ("events.0003_stored_markdown_html", EventFactory, "description_html", None),
        ("discussions.0002_stored_markdown_html", PostFactory, "body_html", None),
        ("knowledge.0002_stored_markdown_html", PracticeFactory, "problem_html", None),
        ("documentation.0004_stored_markdown_html", MinutesFactory, "body_html", None),
    ],
)
def test_data_migration_renders_existing_rows(migration, factory, field, html):
    app_label, name = migration.split(".")
    row = factory()
    model = type(row)
    model.objects.filter(pk=row.pk).update(**{field: "", "markdown_version": 0})
    state = MigrationLoader(connection).project_state((app_label, name))
    module = importlib.import_module(f"stadtgespraeche.{app_label}.migrations.{name}")

    module.render_existing(state.apps, SimpleNamespace(connection=connection))

    row.refresh_from_db()
    source = getattr(row, model._meta.get_field(field).source)
    assert getattr(row, field) == (html or render_markdown(source))
    assert row.markdown_version == markdown.RENDERER_VERSION


def test_site_text_migration_renders_the_seeded_texts():
    SiteText.objects.update(body_html="", markdown_version=0)
    state = MigrationLoader(connection).project_state(("pages", "0003_stored_markdown_html"))
    module = importlib.import_module("stadtgespraeche.pages.migrations.0003_stored_markdown_html")

    module.render_existing(state.apps, SimpleNamespace(connection=connection))

    texts = list(SiteText.objects.all())
    assert texts
    assert all(text.body_html == render_markdown(text.body) for text in texts)
    assert "<strong>Vorlage – bitte anpassen.</strong>" in texts[0].body_html


class _Output:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass
