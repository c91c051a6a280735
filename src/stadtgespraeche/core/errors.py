"""The error pages 400, 403, 404, 500, 503 and 507 in the site layout (handlers in urls.py).

403 and 404 render with the request (navigation of the logged-in person; a logged-out
visitor is asked to log in, since the page may be for members only). 400 and 500 render
without the request's context processors and so without the database: a failing database
or a bad Host header must not break the error page as well. Should even that fail, a fixed
bilingual text answers. An error of the database connection (unreachable, restarting,
locked) is no bug: the 500 handler answers it with the maintenance page 503 and
`Retry-After` instead (docs/operations.md). A full disk (or a reached quota) while saving
a file is no bug either: it is answered with 507 and a page saying that nothing was stored.
"""

import errno
import logging
import sys
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.urls import reverse
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

FALLBACK = (
    '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{title}</title></head>'
    "<body><h1>{title}</h1><p>Bitte versuchen Sie es später noch einmal. "
    '<span lang="en">Please try again later.</span></p><p><a href="/">Startseite / Home</a></p>'
    "</body></html>"
)


def _fallback(status: int) -> str:
    titles = {
        400: "Fehlerhafte Anfrage (400)",
        500: "Serverfehler (500)",
        503: "Vorübergehend nicht erreichbar (503)",
        507: "Speicherplatz erschöpft (507)",
    }
    return FALLBACK.format(title=titles.get(status, f"Fehler ({status})"))


def _render_plain(template_name: str, status: int) -> HttpResponse:
    """Render without request and context processors; never raises."""
    try:
        content = loader.get_template(template_name).render({"error_status": status})
    except Exception:  # the error page itself must never fail
        logger.exception("Error page %s could not be rendered", template_name)
        content = _fallback(status)
    return HttpResponse(content, status=status)


def login_url_for(request: HttpRequest) -> str:
    """The login page that returns to the requested page afterwards."""
    query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()}, safe="/")
    return f"{reverse('accounts:login')}?{query}"


def _render_with_request(request: HttpRequest, template_name: str, status: int) -> HttpResponse:
    user = getattr(request, "user", None)
    context: dict[str, Any] = {"error_status": status}
    if user is None or not user.is_authenticated:
        context["login_url"] = login_url_for(request)
    try:
        content = loader.get_template(template_name).render(context, request)
    except Exception:  # e.g. the database is gone: render without it
        logger.exception("Error page %s could not be rendered with the request", template_name)
        return _render_plain(template_name, status)
    return HttpResponse(content, status=status)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render_plain("400.html", 400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render_with_request(request, "403.html", 403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render_with_request(request, "404.html", 404)


RETRY_AFTER_SECONDS = 30
# A file could not be written because the disk or the quota is full.
_STORAGE_FULL = {errno.ENOSPC, errno.EDQUOT}


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """500, the maintenance page 503 when the database connection failed, or 507 on a full disk.

    OperationalError and InterfaceError are errors of the connection or the server, not of
    the query (those are IntegrityError, DataError, ProgrammingError): a retry later helps.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OSError) and error.errno in _STORAGE_FULL:
        logger.error("Storage full (%s): answered %s with 507", error.strerror, request.path)
        response = _render_plain("507.html", 507)
        response["Cache-Control"] = "no-store"
        return response
    if isinstance(error, OperationalError | InterfaceError):
        logger.warning("Database unavailable: answered %s with 503", request.path)
        response = _render_plain("503.html", 503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return _render_plain("500.html", 500)
