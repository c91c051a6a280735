"""Domain errors of registration (registrations.services.registration); messages are shown as is."""

from stadtgespraeche.events.exceptions import EventError


class RegistrationError(EventError):
    """A registration could not be made or changed; its message is shown to the person."""


class RegistrationNotAllowed(RegistrationError):
    """The acting person may not register this person (or anyone) for this event."""


class RegistrationClosed(RegistrationError):
    """The event does not take registrations now (status or registration window)."""


class InvalidMode(RegistrationError):
    """The event's format does not offer the chosen attendance mode."""


class AlreadyRegistered(RegistrationError):
    """The person already has a (non-cancelled) registration for the event."""


class RegistrationNotChangeable(RegistrationError):
    """The registration's status or the event's state does not allow this change."""


class InvalidCancelLink(RegistrationError):
    """The self-cancellation link is unknown, used up or belongs to a cancelled registration."""
