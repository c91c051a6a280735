"""Reads of the operator's site texts. (pages/queries.py belongs to the municipality pages.)"""

from stadtgespraeche.core.markdown import render_markdown
from stadtgespraeche.pages.defaults import DEFAULT_SITE_TEXTS
from stadtgespraeche.pages.enums import SiteTextKey
from stadtgespraeche.pages.models import SiteText


def site_text(key: SiteTextKey | str) -> SiteText:
    """The stored text for `key`, or an unsaved one with the default template."""
    key = SiteTextKey(key)
    text = SiteText.objects.filter(key=key).first()
    if text is None:
        text = _default_text(key)
    return text


def all_site_texts() -> list[SiteText]:
    """One text per key, stored or default, in the order of SiteTextKey."""
    stored = {text.key: text for text in SiteText.objects.select_related("updated_by")}
    result = []
    for key in SiteTextKey:
        text = stored.get(key.value)
        result.append(text or _default_text(key))
    return result


def _default_text(key: SiteTextKey) -> SiteText:
    """An unsaved text with the default template (its row is missing), rendered here."""
    default = DEFAULT_SITE_TEXTS[key]
    body = default["body"]
    return SiteText(key=key, title=default["title"], body=body, body_html=render_markdown(body))
