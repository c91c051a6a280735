class AccountError(Exception):
    """A domain error of the accounts app; its message is shown to the person."""


class InvitationInvalid(AccountError):
    pass


class AlreadyActive(AccountError):
    pass
