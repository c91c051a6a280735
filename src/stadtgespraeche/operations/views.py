"""Health endpoints for load balancers and monitoring (docs/operations.md). Neither needs a
session or a user. (The 503 page of an unreachable database is core.errors.server_error.)"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from stadtgespraeche.operations import health


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
