"""TOTP two-factor authentication and single-use recovery codes."""

import hashlib
import hmac
import secrets

import pyotp
from django.db import transaction
from django.utils import timezone

from stadtgespraeche.accounts.exceptions import SecondFactorInvalid, TwoFactorError
from stadtgespraeche.accounts.models import RecoveryCode, TOTPDevice, User
from stadtgespraeche.core.audit import log_action

ISSUER = "Smarte Stadtgespräche"
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i look-alikes


def _hash_code(code: str) -> str:
    return hashlib.sha256(normalise_recovery_code(code).encode()).hexdigest()


def normalise_recovery_code(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def pending_totp_device(user: User) -> TOTPDevice:
    """The not yet confirmed device of `user` (created with a fresh secret when missing).

    Raises TwoFactorError when two-factor authentication is already on.
    """
    if user.two_factor_enabled:
        raise TwoFactorError(user.pk)
    device, created = TOTPDevice.objects.get_or_create(
        user=user, defaults={"secret": pyotp.random_base32()}
    )
    if not created and device.confirmed_at is not None:  # out of step: start afresh
        device.secret = pyotp.random_base32()
        device.confirmed_at = None
        device.last_used_step = None
        device.save(update_fields=["secret", "confirmed_at", "last_used_step", "updated_at"])
    return device


def totp_provisioning_uri(device: TOTPDevice) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(name=device.user.email, issuer_name=ISSUER)


def verify_totp(device: TOTPDevice, code: str) -> bool:
    """True if `code` is the current code (± one 30 s step) and newer than the last one used."""
    code = "".join(code.split())
    if len(code) != 6 or not code.isdigit():
        return False
    totp = pyotp.TOTP(device.secret)
    now_step = totp.timecode(timezone.now())
    for step in (now_step - 1, now_step, now_step + 1):
        if device.last_used_step is not None and step <= device.last_used_step:
            continue
        if hmac.compare_digest(totp.generate_otp(step), code):
            # Mark the step used in one conditional UPDATE, so a replayed code loses a race.
            updated = (
                TOTPDevice.objects.filter(pk=device.pk)
                .exclude(last_used_step__gte=step)
                .update(last_used_step=step)
            )
            device.last_used_step = step
            return updated == 1
    return False


def use_recovery_code(user: User, code: str) -> bool:
    """Use up one unused recovery code of `user`; False when none matches."""
    if not normalise_recovery_code(code):
        return False
    used = RecoveryCode.objects.filter(user=user, code_hash=_hash_code(code), used_at=None).update(
        used_at=timezone.now()
    )
    return used == 1


def _replace_recovery_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        [RecoveryCode(user=user, code_hash=_hash_code(code)) for code in codes]
    )
    return codes


@transaction.atomic
def confirm_two_factor(user: User, *, code: str, ip_address: str | None = None) -> list[str]:
    """Switch two-factor authentication on with a first code from the app.

    Returns the ten new recovery codes (shown once, stored only as hashes). Raises
    TwoFactorError when there is no device to confirm, SecondFactorInvalid for a wrong code.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed_at=None).first()
    if device is None or user.two_factor_enabled:
        raise TwoFactorError(user.pk)
    if not verify_totp(device, code):
        raise SecondFactorInvalid(user.pk)
    device.confirmed_at = timezone.now()
    device.save(update_fields=["confirmed_at", "updated_at"])
    user.two_factor_enabled = True
    user.save(update_fields=["two_factor_enabled"])
    codes = _replace_recovery_codes(user)
    log_action("accounts.two_factor.enabled", actor=user, obj=user, ip_address=ip_address)
    return codes


@transaction.atomic
def regenerate_recovery_codes(user: User, *, ip_address: str | None = None) -> list[str]:
    """Replace all recovery codes of `user` (the old ones stop working)."""
    if not user.two_factor_enabled:
        raise TwoFactorError(user.pk)
    codes = _replace_recovery_codes(user)
    log_action(
        "accounts.two_factor.recovery_codes_renewed", actor=user, obj=user, ip_address=ip_address
    )
    return codes


@transaction.atomic
def disable_two_factor(user: User, *, ip_address: str | None = None) -> None:
    """Switch two-factor authentication off and forget the secret and the recovery codes."""
    if not user.two_factor_enabled:
        raise TwoFactorError(user.pk)
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    user.two_factor_enabled = False
    user.save(update_fields=["two_factor_enabled"])
    log_action("accounts.two_factor.disabled", actor=user, obj=user, ip_address=ip_address)
