"""Sending one templated e-mail with a plain-text part (and an HTML part when one exists).

Templates: `<name>_subject.txt`, `<name>.txt` and optionally `<name>.html`, rendered in the
recipient's language. Services call this explicitly; it never decides *whether* to send.

The message is rendered here, in the caller's process, and handed to the background task
`core.tasks.deliver_mail` (Django's `django.tasks`): with the database backend the worker
(`stadtgespraeche worker`) delivers it and retries with growing delays while the mail
server is unreachable, so a mail outage never fails the request that caused the mail. With
the immediate backend (tests, `TASKS_BACKEND`) the mail is sent right away, as before.
Enqueued inside a transaction, the task is stored with that transaction: a rollback drops
the mail as well.
"""

import base64
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_mail(
    *,
    to: list[str],
    template: str,
    context: dict[str, Any],
    language: str | None = None,
    reply_to: list[str] | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    from stadtgespraeche.core.tasks import deliver_mail

    context = {"SITE_URL": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
        try:
            html: str | None = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html = None
    message = {
        "subject": subject,
        "body": body,
        "html": html or "",
        "from_email": settings.DEFAULT_FROM_EMAIL,
        "to": list(to),
        "reply_to": list(reply_to or []),
        "headers": dict(headers or {}),
        "attachments": [
            [name, base64.b64encode(content).decode("ascii"), mimetype]
            for name, content, mimetype in attachments or []
        ],
        "template": template,
    }
    deliver_mail.enqueue(message=message)


def build_message(message: dict[str, Any]) -> EmailMultiAlternatives:
    """The e-mail described by the JSON-ready `message` that send_templated_mail stored."""
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        reply_to=message["reply_to"] or None,
        headers=message["headers"] or None,
    )
    if message["html"]:
        email.attach_alternative(message["html"], "text/html")
    for name, content, mimetype in message["attachments"]:
        email.attach(name, base64.b64decode(content), mimetype)
    return email
