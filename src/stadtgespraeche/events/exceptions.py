class MembershipError(Exception):
    """A domain error about memberships; its message is shown to the person."""
