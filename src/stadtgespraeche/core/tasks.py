"""Core's background tasks (Django's `django.tasks`; docs/operations.md).

`deliver_mail` sends one e-mail rendered by `core.mail.send_templated_mail`. While the mail
server is unreachable or answers with a temporary error, it schedules itself again with a
growing delay (1, 2, 4 … minutes, at most an hour between attempts) up to
`MAIL_DELIVERY_ATTEMPTS` attempts; a permanent refusal (5xx) is not retried. On a backend
that cannot defer tasks (the immediate backend) a failure is logged and given up.
"""

import logging
import smtplib
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from stadtgespraeche.core.mail import build_message

logger = logging.getLogger(__name__)

FIRST_RETRY_SECONDS = 60
LONGEST_RETRY_SECONDS = 60 * 60


def retry_delay(attempt: int) -> timedelta:
    """The wait after the failed attempt number `attempt` (1 = the first one)."""
    return timedelta(seconds=min(FIRST_RETRY_SECONDS * 2 ** (attempt - 1), LONGEST_RETRY_SECONDS))


def is_permanent(error: Exception) -> bool:
    """True for an answer of the mail server that a retry would only repeat."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _text in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


@task
def deliver_mail(message: dict[str, Any], attempt: int = 1) -> str:
    """Send `message`; on a temporary failure enqueue the next attempt and return "retry"."""
    recipients = len(message["to"])  # a count: addresses are personal data, not for logs
    try:
        build_message(message).send()
    except OSError as error:  # smtplib.SMTPException, refused or timed-out connections
        max_attempts = int(settings.MAIL_DELIVERY_ATTEMPTS)
        can_defer = deliver_mail.get_backend().supports_defer
        if is_permanent(error) or attempt >= max_attempts or not can_defer:
            logger.error(
                "Mail %s to %d recipient(s) not delivered after %d attempt(s): %s",
                message.get("template", ""),
                recipients,
                attempt,
                type(error).__name__,
            )
            raise
        delay = retry_delay(attempt)
        deliver_mail.using(run_after=timezone.now() + delay).enqueue(
            message=message, attempt=attempt + 1
        )
        logger.warning(
            "Mail %s to %d recipient(s) failed (attempt %d of %d: %s); next attempt in %d s",
            message.get("template", ""),
            recipients,
            attempt,
            max_attempts,
            type(error).__name__,
            delay.total_seconds(),
        )
        return "retry"
    return "sent"


@task
def run_periodic_job(name: str, claimed_at: str) -> str:
    """Run the periodic job `name` enqueued by `runperiodic` (core.periodic.run_claimed)."""
    from stadtgespraeche.core import periodic

    return periodic.run_claimed(name, datetime.fromisoformat(claimed_at))
