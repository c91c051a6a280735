"""Health endpoints for load balancers and monitoring, and the page shown when the database
is unreachable (docs/operations.md). None of these views needs a session or a user."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from stadtgespraeche.operations import health

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


@never_cache
@require_safe
def live(request: HttpRequest) -> HttpResponse:
    """The process answers requests; touches nothing else."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def ready(request: HttpRequest) -> JsonResponse:
    """200 while the instance can serve: database reachable, migrations applied, disk free.

    The queue check never makes an instance unready; a late queue turns "status" into
    "degraded" for monitoring.
    """
    checks = {"database": health.database(), "disk": health.disk()}
    checks["migrations"] = (
        health.migrations() if checks["database"].ok else health.Check(False, {"skipped": True})
    )
    checks["queue"] = (
        health.queue() if checks["database"].ok else health.Check(False, {"skipped": True})
    )
    is_ready = all(checks[name].ok for name in ("database", "migrations", "disk"))
    status = "ok" if is_ready and checks["queue"].ok else "degraded" if is_ready else "unready"
    return JsonResponse(
        {"status": status, "checks": {name: check.as_dict() for name, check in checks.items()}},
        status=200 if is_ready else 503,
    )


def unavailable_response() -> HttpResponse:
    """The German maintenance page: rendered without request, session or database."""
    with translation.override("de"):
        html = render_to_string("operations/unavailable.html")
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a 503 maintenance page when the database is unreachable or locked.

    OperationalError and InterfaceError are errors of the connection or the server, not of
    the query (those are IntegrityError, DataError, ProgrammingError): a retry later helps.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        logger.warning("Database unavailable: answered %s with 503", request.path)
        return unavailable_response()
    return defaults.server_error(request)
