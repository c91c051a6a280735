"""The public profile of a municipality: a short description, a contact and a logo with its
licence, edited by the municipality's coordinators (who may edit is decided in `people`,
which knows the coordinators).

A logo is checked by its content like every upload (`core.uploads`), must be a PNG, JPEG
or WebP image, and is stored re-encoded as a PNG of at most 600×600 pixels, so no metadata
of the original survives."""

import io

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core import uploads
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.municipalities.models import Municipality

LOGO_KINDS = (uploads.PNG, uploads.JPEG, uploads.WEBP)
LOGO_MAX_SIDE = 600


class ProfileRejected(ValueError):
    """The profile cannot be saved as given; the message says why."""


def _logo_png(upload: UploadedFile) -> ContentFile:
    try:
        kind = uploads.inspect_upload(upload)
    except uploads.UploadRejected as error:
        raise ProfileRejected(str(error)) from error
    if kind not in LOGO_KINDS:
        raise ProfileRejected(_("Please upload the logo as a PNG, JPEG or WebP image."))
    upload.seek(0)
    with Image.open(upload) as image:
        image.load()
        image.thumbnail((LOGO_MAX_SIDE, LOGO_MAX_SIDE))
        clean = Image.new("RGBA", image.size)
        clean.paste(image.convert("RGBA"))
    output = io.BytesIO()
    clean.save(output, format="PNG", optimize=True)
    return ContentFile(output.getvalue(), name="logo.png")


@transaction.atomic
def update_public_profile(
    municipality: Municipality,
    *,
    by: User,
    profile_text: str,
    contact: str,
    logo_licence: str,
    logo: UploadedFile | None = None,
    remove_logo: bool = False,
) -> Municipality:
    """Save the public profile; a logo needs its licence (who may use it, under which terms)."""
    profile_text, contact = profile_text.strip(), contact.strip()
    logo_licence = logo_licence.strip()
    if len(profile_text) > 1000 or len(contact) > 500 or len(logo_licence) > 300:
        raise ProfileRejected(
            _("The description may have 1,000, the contact 500 and the licence 300 characters.")
        )
    keeps_logo = bool(logo) or (bool(municipality.logo) and not remove_logo)
    if keeps_logo and not logo_licence:
        raise ProfileRejected(
            _("Please name the licence of the logo (e.g. “© Stadt Bamberg, used with permission”).")
        )
    new_logo = _logo_png(logo) if logo else None
    old_name = municipality.logo.name if municipality.logo else ""
    storage = municipality.logo.storage
    if new_logo is not None:
        if old_name:
            storage.delete(old_name)
        municipality.logo.save("logo.png", new_logo, save=False)
    elif remove_logo and old_name:
        municipality.logo = None
        transaction.on_commit(lambda: storage.delete(old_name))
    municipality.profile_text = profile_text
    municipality.contact = contact
    municipality.logo_licence = logo_licence if keeps_logo else ""
    municipality.save(update_fields=["profile_text", "contact", "logo", "logo_licence"])
    log_action(
        "municipalities.profile.updated",
        actor=by,
        obj=municipality,
        data={"logo": "new" if new_logo else ("removed" if remove_logo and old_name else "kept")},
    )
    return municipality
