"""Posts are rendered when they are written and shown from the stored HTML."""

import pytest
from django.urls import reverse

from stadtgespraeche.discussions import services
from stadtgespraeche.discussions.models import Post
from stadtgespraeche.discussions.personal_data import erase_discussions

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def thread_url(thread):
    return reverse("discussions:thread-detail", kwargs={"pk": thread.pk})


def test_add_post_stores_the_rendered_html(public_thread, councillor):
    post = services.add_post(public_thread, body="Mein **Beitrag**", by=councillor)

    post.refresh_from_db()
    assert post.body_html == "<p>Mein <strong>Beitrag</strong></p>"


def test_edit_post_renders_the_changed_text(post, councillor):
    services.edit_post(post, body="Jetzt *anders*", by=councillor)

    post.refresh_from_db()
    assert post.body_html == "<p>Jetzt <em>anders</em></p>"


def test_deleting_a_post_empties_its_html(post, councillor):
    services.delete_post(post, by=councillor)

    post.refresh_from_db()
    assert (post.body, post.body_html) == ("", "")


def test_erasing_a_person_empties_the_html_of_their_posts(post, councillor):
    erase_discussions(councillor)

    assert list(Post.objects.filter(author=councillor).values_list("body", "body_html")) == [
        ("", "")
    ]


def test_thread_page_shows_the_stored_html_without_rendering(
    client, public_thread, councillor, forbid_markdown_rendering
):
    first = services.add_post(public_thread, body="Mein **Beitrag**", by=councillor)
    services.add_post(public_thread, body="> Zitat", by=councillor, quoted=first)
    forbid_markdown_rendering()

    content = client.get(thread_url(public_thread)).content.decode()

    assert content.count("<p>Mein <strong>Beitrag</strong></p>") == 2  # the post and its quote
    assert "<blockquote>\n<p>Zitat</p>\n</blockquote>" in content


def test_network_thread_shows_nothing_of_its_posts_to_anonymous(
    client, network_thread, councillor, forbid_markdown_rendering
):
    services.add_post(network_thread, body="Nur **intern**", by=councillor)
    forbid_markdown_rendering()

    response = client.get(thread_url(network_thread))

    assert response.status_code == 404
    assert "intern" not in response.content.decode()
