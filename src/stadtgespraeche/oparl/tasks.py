"""Background tasks of the OParl app (thin: they take ids and call a service)."""

from django.tasks import task


@task
def import_endpoint(run_id: int) -> str:
    """Import the endpoint of a queued `SyncRun` (services.runs.request_sync queues it)."""
    from .services.runs import execute

    return execute(run_id)


@task
def extract_file_texts(endpoint_id: int) -> str:
    """Download and extract the text of the endpoint's PDFs without OParl `text`."""
    from .services.file_texts import run

    return run(endpoint_id)


@task
def reassign_topics() -> str:
    """Re-assign every council paper to the topics by the keyword lists (after a save)."""
    from .services.topics import reassign_all

    return reassign_all()
