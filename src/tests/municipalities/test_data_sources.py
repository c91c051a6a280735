import pytest

from stadtgespraeche.municipalities.data_sources import DATA_SOURCES, LICENCE_DL_DE_BY_2_0
from stadtgespraeche.municipalities.reference_data import DATA_DIR

pytestmark = pytest.mark.unit


def test_data_sources_carry_the_required_dl_de_attribution_lines():
    attributions = [source["attribution"] for source in DATA_SOURCES]

    assert (
        "Gemeindeverzeichnis: © Statistisches Bundesamt (Destatis), 2023, "
        "dl-de/by-2-0 (Daten verändert)"
    ) in attributions
    assert any(a.startswith("Zensus 2022: © Statistische Ämter") for a in attributions)
    bkg = next(s for s in DATA_SOURCES if "GeoBasis-DE / BKG" in s["attribution"])
    assert bkg["attribution_url"] == "http://www.bkg.bund.de"
    assert bkg["licence_url"] == LICENCE_DL_DE_BY_2_0


def test_data_sources_entries_are_complete():
    for source in DATA_SOURCES:
        assert str(source["title"])
        assert str(source["content"])
        assert source["attribution"]
        assert source["attribution_url"].startswith("http")


def test_shipped_data_has_attribution_file_and_small_geometry():
    attribution = (DATA_DIR / "ATTRIBUTION.md").read_text(encoding="utf-8")
    geometry = DATA_DIR / "geo" / "de_states_simplified.geojson"

    assert "dl-de/by-2-0" in attribution
    assert geometry.stat().st_size < 300_000
