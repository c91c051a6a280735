"""Sending one templated e-mail with a plain-text part (and an HTML part when one exists).

Templates: `<name>_subject.txt`, `<name>.txt` and optionally `<name>.html`, rendered in the
recipient's language. Services call this explicitly; it never decides *whether* to send.
"""

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
    context = {"SITE_URL": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
        try:
            html: str | None = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html = None
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to,
        headers=headers,
    )
    if html:
        message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments or []:
        message.attach(name, content, mimetype)
    message.send()
