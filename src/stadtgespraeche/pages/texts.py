"""Reads of the operator's site texts. (pages/queries.py belongs to the municipality pages.)"""

from stadtgespraeche.pages.defaults import DEFAULT_SITE_TEXTS
from stadtgespraeche.pages.enums import SiteTextKey
from stadtgespraeche.pages.models import SiteText


def site_text(key: SiteTextKey | str) -> SiteText:
    """The stored text for `key`, or an unsaved one with the default template."""
    key = SiteTextKey(key)
    text = SiteText.objects.filter(key=key).first()
    if text is None:
        default = DEFAULT_SITE_TEXTS[key]
        text = SiteText(key=key, title=default["title"], body=default["body"])
    return text


def all_site_texts() -> list[SiteText]:
    """One text per key, stored or default, in the order of SiteTextKey."""
    stored = {text.key: text for text in SiteText.objects.select_related("updated_by")}
    result = []
    for key in SiteTextKey:
        text = stored.get(key.value)
        if text is None:
            default = DEFAULT_SITE_TEXTS[key]
            text = SiteText(key=key, title=default["title"], body=default["body"])
        result.append(text)
    return result
