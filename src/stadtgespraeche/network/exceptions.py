class MembershipError(Exception):
    """A domain error about memberships; its message is shown to the person."""


class DuplicateApplication(MembershipError):
    """The municipality already has an open application or is already in the series."""


class ApplicationAlreadyDecided(MembershipError):
    """An application that was accepted or declined cannot be decided again."""


class DecisionMessageMissing(MembershipError):
    """Declining an application needs a message to the applicant."""


class TooManyApplications(MembershipError):
    """Too many applications were sent from one address in a short time."""


class DuplicateMembership(MembershipError):
    """The municipality already has a membership in the series."""
