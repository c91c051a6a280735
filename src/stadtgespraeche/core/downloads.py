"""Serving a stored private file as a download, for views that have checked permission."""

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def private_download(file: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """The file as an attachment (never inline), not sniffed and not cached by proxies;
    404 if the stored file is gone."""
    try:
        handle = file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
