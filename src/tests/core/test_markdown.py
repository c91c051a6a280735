import pytest
from django.template import Context, Template

from stadtgespraeche.core.markdown import render_markdown, sanitise_html

pytestmark = pytest.mark.unit


def test_render_markdown_formats_text():
    html = render_markdown("## Fragen\n\n- **eins**\n- [Link](https://example.org)")

    assert html == (
        "<h2>Fragen</h2>\n<ul>\n<li><strong>eins</strong></li>\n"
        '<li><a href="https://example.org" rel="noopener noreferrer nofollow">Link</a></li>\n</ul>'
    )


def test_render_markdown_removes_script_tags_and_their_content():
    html = render_markdown("Hallo <script>alert('x')</script>Welt")

    assert html == "<p>Hallo Welt</p>"


def test_render_markdown_removes_event_handlers_and_javascript_links():
    html = render_markdown(
        '<img src="x" onerror="alert(1)"> [klick](javascript:alert(1)) <b onclick="x()">b</b>'
    )

    assert "onerror" not in html
    assert "onclick" not in html
    assert "javascript:" not in html
    assert "<img" not in html


def test_render_markdown_of_empty_text_is_empty():
    assert render_markdown("") == ""


def test_sanitised_filter_outputs_only_allowed_html():
    template = Template("{% load markdown %}{{ html|sanitised }}")

    html = template.render(
        Context({"html": '<p><strong>fett</strong> <script>x</script><b onclick="y()">b</b></p>'})
    )

    assert html == "<p><strong>fett</strong> b</p>"


def test_sanitise_html_leaves_rendered_markdown_unchanged():
    rendered = render_markdown("## Titel\n\n[Link](https://example.org) | a\n---|---\nx | y")

    assert sanitise_html(rendered) == rendered
