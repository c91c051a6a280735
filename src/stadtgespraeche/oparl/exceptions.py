class EndpointRefused(Exception):
    """An endpoint cannot be added (unreachable, not OParl, body not chosen, duplicate)."""
