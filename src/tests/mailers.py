"""Mail backends for tests of a mail server that is down or refuses (MAILERS overrides)."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class UnreachableBackend(BaseEmailBackend):
    """Like the SMTP backend while the mail server is down: every send is refused."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses the recipient for good (5xx)."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"No such user")})


UNREACHABLE = {"default": {"BACKEND": "tests.mailers.UnreachableBackend"}}
REFUSING = {"default": {"BACKEND": "tests.mailers.RefusingBackend"}}
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
