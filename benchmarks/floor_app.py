"""The "floor" of the load benchmark: Django's hello world, served like the platform.

A settings module and a URLconf in one file (no database, no middleware, one view that
answers "Hello, World!"), started with the same gunicorn options as `stadtgespraeche serve`
(operations.management.commands.serve.gunicorn_options). What the platform reaches in
requests per second is reported as a share of what this app reaches in the same run.

    python benchmarks/floor_app.py --bind 127.0.0.1:PORT --workers 2
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.urls import path

DEBUG = False
SECRET_KEY = "floor-app-has-no-secrets-it-answers-hello-world-only-0123456789"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "benchmarks.floor_app"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict[str, dict[str, str]] = {}
USE_TZ = True


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, World!", content_type="text/plain")


urlpatterns = [path("", hello)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve Django's hello world with gunicorn.")
    parser.add_argument("--bind", required=True)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    repo = Path(__file__).resolve().parents[1]
    sys.path[:0] = [str(repo), str(repo / "src")]
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.floor_app"
    from stadtgespraeche.operations.management.commands.serve import (
        _Gunicorn,
        gunicorn_options,
    )

    options = gunicorn_options(
        bind=args.bind, workers=args.workers, threads=1, timeout=30, access_log=False
    )
    _Gunicorn(options).run()


if __name__ == "__main__":
    main()
