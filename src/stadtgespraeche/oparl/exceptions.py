class EndpointRefused(Exception):
    """An endpoint cannot be added (unreachable, not OParl, body not chosen, duplicate)."""


class SyncBusy(Exception):
    """The endpoint already has a queued or running import."""

    def __init__(self, run_id: int | None) -> None:
        super().__init__(f"An import of this endpoint is already queued or running (run {run_id}).")
        self.run_id = run_id
