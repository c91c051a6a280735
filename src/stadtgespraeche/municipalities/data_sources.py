"""Where the shipped reference data comes from, and the attribution its licences require.

The "Datenquellen" page renders `DATA_SOURCES`; the same lines are in data/ATTRIBUTION.md.
Attribution texts stay in German, as the licensors publish them.
"""

from typing import TypedDict

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LICENCE_DL_DE_BY_2_0 = "https://www.govdata.de/dl-de/by-2-0"


class DataSource(TypedDict):
    title: str | Promise
    content: str | Promise
    attribution: str
    attribution_url: str
    licence: str
    licence_url: str


DATA_SOURCES: list[DataSource] = [
    {
        "title": _("Municipality directory"),
        "content": _(
            "Names, official keys, kinds, districts, postal codes and population of all "
            "municipalities, districts and states (Gemeindeverzeichnis GV100AD, "
            "as of 30 November 2023)."
        ),
        "attribution": (
            "Gemeindeverzeichnis: © Statistisches Bundesamt (Destatis), 2023, "
            "dl-de/by-2-0 (Daten verändert)"
        ),
        "attribution_url": "https://www.destatis.de/DE/Themen/Laender-Regionen/Regionales/Gemeindeverzeichnis/_inhalt.html",
        "licence": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        "licence_url": LICENCE_DL_DE_BY_2_0,
    },
    {
        "title": _("Census 2022"),
        "content": _("Population counts of the Census 2022 (reference date 15 May 2022)."),
        "attribution": (
            "Zensus 2022: © Statistische Ämter des Bundes und der Länder, Zensus 2022, "
            "dl-de/by-2-0 (Daten verändert)"
        ),
        "attribution_url": "https://www.zensus2022.de/",
        "licence": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        "licence_url": LICENCE_DL_DE_BY_2_0,
    },
    {
        "title": _("Boundaries and municipality points"),
        "content": _(
            "Outlines of the states for the map and the centre points of municipalities "
            "(VG5000 as of 1 January 2021, simplified; VG250 points)."
        ),
        "attribution": (
            "© GeoBasis-DE / BKG 2021 and © GeoBasis-DE / BKG (VG250 via OpenDataSoft "
            "„georef-germany-gemeinde“), dl-de/by-2-0 (Daten verändert)"
        ),
        "attribution_url": "http://www.bkg.bund.de",
        "licence": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        "licence_url": LICENCE_DL_DE_BY_2_0,
    },
    {
        "title": _("Modellprojekte Smart Cities"),
        "content": _(
            "The 73 model projects of the federal programme with cohort, category and members, "
            "compiled from the public announcements of 2019, 2020 and 2021."
        ),
        "attribution": (
            "Zusammengestellt aus öffentlichen Bekanntmachungen (smart-city-dialog.de u. a.)"
        ),
        "attribution_url": "https://www.smart-city-dialog.de/modellprojekte",
        "licence": "",
        "licence_url": "",
    },
    {
        "title": _("Parties and colours"),
        "content": _(
            "Names of the parties on the 2026 council ballots and conventional colours, "
            "from the project hummuscience/wahlzettel."
        ),
        "attribution": "hummuscience/wahlzettel (AGPL-3.0)",
        "attribution_url": "https://github.com/hummuscience/wahlzettel",
        "licence": "AGPL-3.0",
        "licence_url": "https://www.gnu.org/licenses/agpl-3.0.html",
    },
]
