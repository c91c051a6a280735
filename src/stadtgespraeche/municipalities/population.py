"""Peer suggestions ("Gesprächspartner:innen") and organisers' group suggestions.

Matching is split in two: a query narrows the candidates in SQL (profiles sharing at least
one interest, annotated with the number of shared interests, ordered and limited to a few
hundred), then pure functions score them and put the reason into words. Only what the
viewer may see (`people.privacy`) is used: identity and interests must be visible, the
party is used and mentioned only if the mandates group is visible.
"""

from django.utils.translation import gettext as _

# Population bands (upper bounds, exclusive); a municipality's band decides "similar size".
POPULATION_BANDS: tuple[int, ...] = (20_000, 50_000, 100_000, 200_000, 500_000)


def population_band(population: int | None) -> int | None:
    """The index of the population band, or None if the population is unknown."""
    if population is None:
        return None
    for index, bound in enumerate(POPULATION_BANDS):
        if population < bound:
            return index
    return len(POPULATION_BANDS)


def band_label(band: int) -> str:
    """The band in words, e.g. "100–200 Tsd. Einwohner"."""
    thousands = [bound // 1000 for bound in POPULATION_BANDS]
    if band == 0:
        return _("under %(high)s thousand inhabitants") % {"high": thousands[0]}
    if band >= len(thousands):
        return _("%(low)s thousand inhabitants and more") % {"low": thousands[-1]}
    return _("%(low)s–%(high)s thousand inhabitants") % {
        "low": thousands[band - 1],
        "high": thousands[band],
    }
