import pytest

from stadtgespraeche.core import personal_data
from stadtgespraeche.discussions.models import CodeOfConductAcceptance, Post, Report
from stadtgespraeche.discussions.personal_data import erase_discussions, export_discussions
from tests.factories.discussions import PostFactory, ReportFactory

pytestmark = pytest.mark.integration


def test_section_is_registered():
    assert "discussions" in {section.key for section in personal_data.sections()}


def test_export_lists_posts_reports_and_acceptances(post, councillor, other):
    ReportFactory(post=PostFactory(thread=post.thread, author=other), reporter=councillor)

    data = export_discussions(councillor)

    assert [entry["text"] for entry in data["posts"]] == ["Mein **erster** Beitrag"]
    assert data["posts"][0]["thread"] == post.thread.title
    assert [entry["reason"] for entry in data["reports"]] == ["Beleidigend."]
    assert len(data["code_of_conduct"]) == 1


def test_erase_removes_texts_keeps_places(post, councillor, other):
    report = ReportFactory(post=PostFactory(thread=post.thread, author=other), reporter=councillor)

    erase_discussions(councillor)

    post.refresh_from_db()
    report.refresh_from_db()
    assert (post.body, post.is_deleted) == ("", True)
    assert report.reporter is None
    assert not CodeOfConductAcceptance.objects.filter(user=councillor).exists()
    assert Post.objects.filter(author=other).get().body != ""
    assert Report.objects.count() == 1
