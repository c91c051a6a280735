class EventError(Exception):
    """A domain error about a Stadtgespräch; its message is shown to the person."""


class InvalidTransition(EventError):
    """The event cannot move from its current status to the requested one."""


class ProposalAlreadyDecided(EventError):
    """An impulse proposal that was accepted or declined cannot be decided again."""


class ProposalNotAllowed(EventError):
    """The person may not propose an impulse for this municipality and event."""


class AgendaTimeError(EventError):
    """An agenda item lies outside its event's time or has no duration.

    `field` names the form field the message belongs to ("starts_at" or "duration").
    """

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field
