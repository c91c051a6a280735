class EventError(Exception):
    """A domain error about a Stadtgespräch; its message is shown to the person."""


class InvalidTransition(EventError):
    """The event cannot move from its current status to the requested one."""


class ProposalAlreadyDecided(EventError):
    """An impulse proposal that was accepted or declined cannot be decided again."""


class ProposalNotAllowed(EventError):
    """The person may not propose an impulse for this municipality and event."""
