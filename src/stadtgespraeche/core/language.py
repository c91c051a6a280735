"""German first: the language comes from the person's explicit choice, never from the browser.

`chosen_language` is the one decision, used by the language middleware and by the response
cache's key (`core/response_cache.py`). `switch_language` is the target of the language
switch in the page header: Django's `set_language` without a CSRF token in the form, so that
pages carry no per-visitor token and can be served from the response cache. Switching the
language is harmless, but a request that the browser marks as cross-site, or whose `Origin`
is another site, is refused all the same (403).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

_AVAILABLE = frozenset(code for code, _name in settings.LANGUAGES)


def chosen_language(request: HttpRequest) -> str:
    """The language cookie when it names an available language, else German (LANGUAGE_CODE)."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in _AVAILABLE else settings.LANGUAGE_CODE


def _same_site(request: HttpRequest) -> bool:
    if request.headers.get("Sec-Fetch-Site", "same-origin") == "cross-site":
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    return origin.split("://", 1)[-1] == request.get_host()


@csrf_exempt
@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    if not _same_site(request):
        raise PermissionDenied
    response = set_language(request)
    response.headers["Cache-Control"] = "no-store"
    return response
