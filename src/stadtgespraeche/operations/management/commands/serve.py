"""`stadtgespraeche serve`: the production HTTP server (gunicorn) with the project's WSGI app.

Workers, threads, timeouts and the address come from settings (SERVE_* variables,
docs/configuration.md); command-line options override them for one start. Static files are
served by WhiteNoise inside the application; TLS is the reverse proxy's job.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from django.core.wsgi import get_wsgi_application

        return get_wsgi_application()


def gunicorn_options(
    *, bind: str, workers: int, threads: int, timeout: int, access_log: bool
) -> dict[str, Any]:
    return {
        "bind": [address.strip() for address in bind.split(",") if address.strip()],
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        # A request that takes longer is aborted and its worker replaced.
        "timeout": timeout,
        "graceful_timeout": timeout,
        "keepalive": 5,
        # Limits of the request line and headers; the body is limited by the
        # MAX_REQUEST_BODY_MB middleware (operations.middleware) and the reverse proxy.
        "limit_request_line": 8190,
        "limit_request_fields": 100,
        "limit_request_field_size": 8190,
        # Workers are replaced now and then, so a slow leak cannot grow for ever.
        "max_requests": 2000,
        "max_requests_jitter": 200,
        "accesslog": "-" if access_log else None,
        "errorlog": "-",
        "proc_name": "stadtgespraeche",
        "forwarded_allow_ips": "127.0.0.1,::1",
    }


class Command(BaseCommand):
    help = "Serve the platform with gunicorn (production). docs/operations.md"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=settings.SERVE_BIND, help="host:port or unix:PATH")
        parser.add_argument("--workers", type=int, default=settings.SERVE_WORKERS)
        parser.add_argument("--threads", type=int, default=settings.SERVE_THREADS)
        parser.add_argument("--timeout", type=int, default=settings.SERVE_TIMEOUT)
        parser.add_argument("--no-access-log", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        _Gunicorn(
            gunicorn_options(
                bind=options["bind"],
                workers=options["workers"],
                threads=options["threads"],
                timeout=options["timeout"],
                access_log=not options["no_access_log"] and settings.SERVE_ACCESS_LOG,
            )
        ).run()
