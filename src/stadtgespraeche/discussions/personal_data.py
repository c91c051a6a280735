"""What discussions holds about a person, for export and erasure (core.personal_data).

Export: the person's posts (with thread, dates and moderation), their reports and their
acceptances of the code of conduct. Erasure: their posts are deleted the soft way (the text
goes, the place in the thread stays, shown as "Beitrag gelöscht"), their reports lose the
reporter, their acceptances are removed. Registered from DiscussionsConfig.ready().
"""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core import personal_data

from .models import CodeOfConductAcceptance, Post, Report

LABELS = {
    "posts": _("Posts"),
    "thread": _("Discussion"),
    "written_at": _("Written at"),
    "edited_at": _("Edited at"),
    "deleted_at": _("Deleted at"),
    "hidden_reason": _("Hidden by the moderators because"),
    "text": _("Text"),
    "reports": _("Reports of posts"),
    "reason": _("Reason"),
    "reported_at": _("Reported at"),
    "code_of_conduct": _("Code of conduct accepted"),
    "version": _("Version"),
    "accepted_at": _("Accepted at"),
}


def export_discussions(user: Any) -> dict[str, Any]:
    posts = Post.objects.filter(author=user).select_related("thread").order_by("created_at")
    reports = Report.objects.filter(reporter=user).order_by("created_at")
    acceptances = CodeOfConductAcceptance.objects.filter(user=user).order_by("accepted_at")
    return {
        "posts": [
            {
                "thread": post.thread.title,
                "written_at": post.created_at,
                "edited_at": post.edited_at,
                "deleted_at": post.deleted_at,
                "hidden_reason": post.hidden_reason,
                "text": post.body,
            }
            for post in posts
        ],
        "reports": [
            {"reason": report.reason, "reported_at": report.created_at} for report in reports
        ],
        "code_of_conduct": [
            {"version": acceptance.version, "accepted_at": acceptance.accepted_at}
            for acceptance in acceptances
        ],
    }


def erase_discussions(user: Any) -> None:
    Post.objects.filter(author=user, deleted_at__isnull=True).update(
        deleted_at=timezone.now(), body="", body_html=""
    )
    Post.objects.filter(author=user).update(body="", body_html="")
    Report.objects.filter(reporter=user).update(reporter=None)
    CodeOfConductAcceptance.objects.filter(user=user).delete()


def register() -> None:
    personal_data.register(
        "discussions",
        title=_("Discussions"),
        exporter=export_discussions,
        eraser=erase_discussions,
        order=60,
        labels=LABELS,
    )
