"""Writes of the pages app: site texts and accessibility feedback. Audited explicitly."""

from django.conf import settings
from django.db import transaction

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.mail import send_templated_mail
from stadtgespraeche.pages.enums import SiteTextKey
from stadtgespraeche.pages.models import SiteText


@transaction.atomic
def update_site_text(key: SiteTextKey | str, *, title: str, body: str, by: User) -> SiteText:
    """Save the operator's text for `key` (created if needed); unchanged text records nothing."""
    key = SiteTextKey(key)
    text = SiteText.objects.select_for_update().filter(key=key).first()
    if text is not None and text.title == title and text.body == body:
        return text
    if text is None:
        text = SiteText(key=key)
    text.title = title
    text.body = body
    text.updated_by = by
    text.save()
    log_action("pages.sitetext.updated", actor=by, obj=text, data={"key": str(key)})
    return text


def send_accessibility_feedback(
    *, message: str, name: str = "", email: str = "", page_url: str = "", language: str = "de"
) -> None:
    """E-mail a barrier report to the organiser team (reply goes to the sender if given).

    The audit entry records only that feedback arrived, not its content or sender.
    """
    send_templated_mail(
        to=[settings.ORGANISER_EMAIL],
        template="pages/emails/accessibility_feedback",
        context={"message": message, "name": name, "email": email, "page_url": page_url},
        language=language,
        reply_to=[email] if email else None,
    )
    log_action("pages.accessibility_feedback.sent")
