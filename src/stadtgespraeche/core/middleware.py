"""German first: the language comes from the person's explicit choice, never from the browser.

Django's LocaleMiddleware would follow the Accept-Language header, so English browsers
would get English pages. The platform is German by default; English is available through
the language switch (`core.language.switch_language`, Django's set_language view, stores the
choice in a cookie).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from stadtgespraeche.core.language import chosen_language


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response
