"""A limit on the size of request bodies, checked before anything reads the body."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _


class RequestBodyLimitMiddleware:
    """Answers 413 to a request that announces a body larger than MAX_REQUEST_BODY_MB.

    The reverse proxy should enforce the same limit (nginx `client_max_body_size`); this
    keeps the app server safe where it does not. Uploads within the limit stream to
    temporary files (Django's upload handlers), so memory stays bounded either way.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.limit = int(settings.MAX_REQUEST_BODY_MB) * 1024 * 1024

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > self.limit:
            with translation.override(settings.LANGUAGE_CODE):
                message = _("The request is too large (at most %(limit)s MB).") % {
                    "limit": settings.MAX_REQUEST_BODY_MB
                }
            return HttpResponse(
                message + "\n", status=413, content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)
