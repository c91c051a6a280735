class AccountError(Exception):
    """A domain error of the accounts app; its message is shown to the person."""


class InvitationInvalid(AccountError):
    pass


class AlreadyActive(AccountError):
    pass


class LoginFailed(AccountError):
    """Wrong e-mail address or password (never says which)."""


class LoginThrottled(AccountError):
    """Too many failed attempts lately; `retry_after` says in how many seconds to try again."""

    def __init__(self, account: str, *, retry_after: int) -> None:
        super().__init__(account)
        self.retry_after = retry_after


class SecondFactorInvalid(AccountError):
    """The TOTP or recovery code was wrong or already used."""


class TwoFactorError(AccountError):
    """Two-factor authentication is not in the state the action needs."""


class EmailChangeThrottled(AccountError):
    """Too many e-mail change requests by this person lately."""


class EmailChangeInvalid(AccountError):
    """The e-mail change link is expired, used, tampered with, or the address is taken."""


class DeletionAlreadyRequested(AccountError):
    """This person already has an open deletion request."""


class DeletionInvalid(AccountError):
    """The cancel link is unknown, used, or the grace period is over."""


class AccountPendingDeletion(AccountError):
    """Right password, but the account is deactivated by the person's deletion request."""
