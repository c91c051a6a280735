"""`{% fragment_cache "name" vary… %}…{% endfragment_cache %}`: a part of a page rendered once
per process, name, language and vary values until the next write (docs/architecture.md,
"Response cache", Fragments).

For parts of logged-in pages that are the same for everyone of one viewer level (pass the
level as a vary value): the content generation (`core/generation.py`) makes a stored part
stale on any write, `RESPONSE_CACHE_SECONDS` bounds its age, and the parts live in the
process's memory beside the response cache (a quarter of `RESPONSE_CACHE_MAX_MB`). The
context a part reads should be lazy (querysets, `SimpleLazyObject`), so a stored part costs
no query. Never put a CSRF token, a CSP nonce or anything of one person inside.
"""

import time
from typing import Any

from django import template
from django.conf import settings
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from stadtgespraeche.core import generation
from stadtgespraeche.core.response_cache import Entry, Store

register = template.Library()

store = Store(max_bytes=int(getattr(settings, "RESPONSE_CACHE_MAX_MB", 64)) * 1024 * 1024 // 4)


def clear(**kwargs: Any) -> None:
    store.clear()


class FragmentCacheNode(template.Node):
    def __init__(self, name: FilterExpression, vary: list[FilterExpression], nodelist: NodeList):
        self.name = name
        self.vary = vary
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        if settings.RESPONSE_CACHE_SECONDS <= 0:
            return mark_safe(self.nodelist.render(context))
        key = (
            "fragment",
            str(self.name.resolve(context)),
            get_language() or "",
            str(tuple(str(value.resolve(context)) for value in self.vary)),
            "",
        )
        seen = generation.current()
        entry = store.get(key)
        if entry is not None and entry.generation == seen and entry.expires > time.monotonic():
            return mark_safe(entry.body.decode())
        rendered = self.nodelist.render(context)
        store.put(
            key,
            Entry(
                generation=seen,
                expires=time.monotonic() + settings.RESPONSE_CACHE_SECONDS,
                status=200,
                headers=(),
                body=rendered.encode(),
                etag=None,
                last_modified=None,
            ),
        )
        return mark_safe(rendered)


@register.tag("fragment_cache")
def fragment_cache(parser: Parser, token: Token) -> FragmentCacheNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("fragment_cache needs a name")
    nodelist = parser.parse(("endfragment_cache",))
    parser.delete_first_token()
    return FragmentCacheNode(
        parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]], nodelist
    )
