"""The documentation's background task: rendering the PDFs (docs/events.md, docs/operations.md).

`render_documentation_pdfs` renders every audience variant of an event's documentation PDF
(`documentation.pdf.variants`) whose stored file is missing or out of date and stores it
(`services.store_pdfs`); for unpublished or deleted documentation it removes the stored
files. Delivered twice, the second run finds every fingerprint current and renders nothing.
"""

from django.tasks import task

from stadtgespraeche.documentation import services


@task
def render_documentation_pdfs(event_id: int) -> int:
    """Render and store the out-of-date PDF variants of the event; returns how many."""
    return services.store_pdfs(event_id)
