import pytest

from stadtgespraeche.municipalities.enums import MunicipalityKind
from tests.factories.municipalities import MunicipalityFactory, PartyFactory, StateFactory


@pytest.fixture
def reference_data():
    """A tiny stand-in for the reference data: the municipalities the demo refers to."""
    rp = StateFactory(code="07", name="Rheinland-Pfalz", abbreviation="RP")
    by = StateFactory(code="09", name="Bayern", abbreviation="BY")
    MunicipalityFactory(key="07312000", name="Kaiserslautern", slug="kaiserslautern", state=rp)
    MunicipalityFactory(key="09461000", name="Bamberg", slug="bamberg", state=by)
    MunicipalityFactory(
        key="mpsc-2021-28",
        name="Verband Region Rhein-Neckar",
        slug="verband-region-rhein-neckar",
        kind=MunicipalityKind.REGION,
        state=None,
    )
    MunicipalityFactory(key="08421000", name="Ulm", slug="ulm")
    MunicipalityFactory(key="05122000", name="Solingen", slug="solingen")
    PartyFactory(short_name="SPD")
