"""The public profile of a municipality (municipalities/services.py): every exit path."""

import io

import pytest
from PIL import Image

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.municipalities import services
from tests.factories.accounts import CoordinatorFactory
from tests.factories.documentation import pdf_bytes, png_bytes, upload
from tests.factories.municipalities import MunicipalityFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _save(municipality, **kwargs):
    defaults = {"profile_text": "Wir digitalisieren.", "contact": "smart@example.org"}
    defaults.setdefault("logo_licence", "")
    return services.update_public_profile(
        municipality, by=CoordinatorFactory(), **{**defaults, **kwargs}
    )


def test_update_public_profile_saves_text_and_contact_and_audits():
    municipality = MunicipalityFactory()

    _save(municipality, profile_text="  Wir digitalisieren.  ")

    municipality.refresh_from_db()
    assert (municipality.profile_text, municipality.contact) == (
        "Wir digitalisieren.",
        "smart@example.org",
    )
    assert not municipality.logo
    assert AuditLog.objects.get(action="municipalities.profile.updated").data == {"logo": "kept"}


def test_logo_is_stored_as_clean_png_of_bounded_size():
    municipality = MunicipalityFactory()
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 300), (0, 90, 160)).save(buffer, format="JPEG", comment=b"secret")

    _save(municipality, logo=upload("logo.jpg", buffer.getvalue()), logo_licence="© Stadt")

    municipality.refresh_from_db()
    with municipality.logo.open("rb") as handle, Image.open(handle) as image:
        assert image.format == "PNG"
        assert image.size == (600, 150)
        assert "comment" not in image.info
    assert municipality.logo_licence == "© Stadt"


def test_logo_without_licence_is_refused():
    municipality = MunicipalityFactory()

    with pytest.raises(services.ProfileRejected, match="Lizenz"):
        _save(municipality, logo=upload("logo.png", png_bytes()))

    municipality.refresh_from_db()
    assert not municipality.logo
    assert municipality.profile_text == ""


def test_a_pdf_as_logo_is_refused():
    with pytest.raises(services.ProfileRejected, match="WebP-Bild"):
        _save(MunicipalityFactory(), logo=upload("logo.pdf", pdf_bytes()), logo_licence="x")


def test_a_disguised_logo_is_refused():
    with pytest.raises(services.ProfileRejected):
        _save(MunicipalityFactory(), logo=upload("logo.png", pdf_bytes()), logo_licence="x")


def test_removing_the_logo_drops_its_licence():
    municipality = MunicipalityFactory()
    _save(municipality, logo=upload("logo.png", png_bytes()), logo_licence="CC BY 4.0")

    _save(municipality, remove_logo=True)

    municipality.refresh_from_db()
    assert not municipality.logo
    assert municipality.logo_licence == ""


def test_keeping_the_logo_needs_its_licence():
    municipality = MunicipalityFactory()
    _save(municipality, logo=upload("logo.png", png_bytes()), logo_licence="CC BY 4.0")

    with pytest.raises(services.ProfileRejected):
        _save(municipality, logo_licence="")


def test_too_long_texts_are_refused():
    with pytest.raises(services.ProfileRejected):
        _save(MunicipalityFactory(), profile_text="x" * 1001)
