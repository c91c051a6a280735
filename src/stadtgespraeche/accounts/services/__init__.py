"""Writes of the accounts app, one module per area; import them from here."""

from .data_rights import (
    cancel_account_deletion,
    deletion_request_for_token,
    erase_account,
    export_personal_data,
    open_deletion_request,
    process_due_deletions,
    record_consent,
    record_data_export,
    request_account_deletion,
    withdraw_consent,
)
from .email_change import confirm_email_change, email_change_for_token, request_email_change
from .invitations import (
    accept_invitation,
    hash_token,
    invitation_for_token,
    invite_user,
    resend_invitation,
    revoke_invitation,
)
from .login import check_password_login, check_second_factor, record_login, record_logout
from .passwords import change_password, record_password_reset, record_password_reset_request
from .two_factor import (
    confirm_two_factor,
    disable_two_factor,
    pending_totp_device,
    regenerate_recovery_codes,
    totp_provisioning_uri,
)

__all__ = [
    "accept_invitation",
    "cancel_account_deletion",
    "change_password",
    "check_password_login",
    "check_second_factor",
    "confirm_email_change",
    "confirm_two_factor",
    "deletion_request_for_token",
    "disable_two_factor",
    "email_change_for_token",
    "erase_account",
    "export_personal_data",
    "hash_token",
    "invitation_for_token",
    "invite_user",
    "open_deletion_request",
    "pending_totp_device",
    "process_due_deletions",
    "record_consent",
    "record_data_export",
    "record_login",
    "record_logout",
    "record_password_reset",
    "record_password_reset_request",
    "regenerate_recovery_codes",
    "request_account_deletion",
    "request_email_change",
    "resend_invitation",
    "revoke_invitation",
    "totp_provisioning_uri",
    "withdraw_consent",
]
