from io import StringIO

import pytest
from django.core.management import call_command

from stadtgespraeche.demo.discussions import HIDDEN_REASON, THREAD_TITLE
from stadtgespraeche.discussions.models import Post, Report, Thread

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _run() -> None:
    call_command("load_demo", "--force", stdout=StringIO())


def test_load_demo_starts_a_topic_discussion_with_one_hidden_post(reference_data):
    _run()

    thread = Thread.objects.get(title=THREAD_TITLE)
    posts = list(Post.objects.filter(thread=thread))
    assert thread.owner_kind == "topic"
    assert len(posts) == 4
    assert [post.hidden_reason for post in posts if post.is_hidden] == [HIDDEN_REASON]
    assert len({post.author_id for post in posts}) == 3
    assert Report.objects.get().status == "resolved"


def test_load_demo_discussions_twice_adds_nothing(reference_data):
    _run()
    _run()

    assert (Thread.objects.count(), Post.objects.count()) == (1, 4)
