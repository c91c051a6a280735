class WishError(Exception):
    """A domain error of the wishes app; its message is shown to the person."""


class WrongPhase(WishError):
    """The round is not in the phase the action needs."""


class NotAllowed(WishError):
    """The person may not do this (role, municipality)."""


class VoteBudgetExhausted(WishError):
    """The person has no votes left in the round."""


class WishNotOpen(WishError):
    """The wish was merged, planned or declined."""
