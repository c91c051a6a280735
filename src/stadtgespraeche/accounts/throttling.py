"""Limits on failed logins that slow down guessing without locking out a town hall.

Three counters work together (docs/accounts.md, "Login and throttling"):

- per account, across all addresses: after `LOGIN_ACCOUNT_FREE_FAILURES` failures each
  further failure makes the account wait 2, 4, 8 … seconds (at most
  `LOGIN_ACCOUNT_MAX_DELAY_SECONDS`) before the next attempt is even checked. Addresses the
  person logged in from before (`LOGIN_KNOWN_ADDRESS_DAYS`) are exempt, so a guesser
  elsewhere cannot keep the owner out of their usual network;
- per (account, address): five failures in 15 minutes, which bounds guessing from an
  exempt address (a colleague behind the same NAT);
- per address: a ceiling high enough for a whole town hall behind one NAT
  (`LOGIN_FAILURES_PER_ADDRESS_PER_HOUR`).

Counters live in Django's cache (the database cache in production), so every app server
sees the same numbers. A successful login resets the account's counters.
"""

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from stadtgespraeche.core.throttling import Throttle, client_ip

__all__ = ["AccountDelay", "KnownAddresses", "Throttle", "client_ip", "login_per_ip", "totp_per_ip"]

# Five wrong passwords (or codes) for one account from one address in 15 minutes.
LOGIN_PER_ACCOUNT_AND_IP = Throttle("login-pair", limit=5, window=15 * 60)
TOTP_PER_ACCOUNT_AND_IP = Throttle("totp-pair", limit=5, window=15 * 60)
# Password reset requests: five per address per hour, three per target e-mail per hour.
RESET_PER_IP = Throttle("reset-ip", limit=5, window=60 * 60)
RESET_PER_EMAIL = Throttle("reset-email", limit=3, window=60 * 60)
# E-mail change requests: three per person per hour (each one mails an outside address).
EMAIL_CHANGE_PER_USER = Throttle("email-change", limit=3, window=60 * 60)


def login_per_ip() -> Throttle:
    """Failed logins from one address per hour (read from the settings at call time)."""
    return Throttle(
        "login-ip", limit=int(settings.LOGIN_FAILURES_PER_ADDRESS_PER_HOUR), window=60 * 60
    )


def totp_per_ip() -> Throttle:
    """Wrong second-factor codes from one address per hour (the same ceiling)."""
    return Throttle(
        "totp-ip", limit=int(settings.LOGIN_FAILURES_PER_ADDRESS_PER_HOUR), window=60 * 60
    )


@dataclass(frozen=True)
class AccountDelay:
    """Growing waits for one account after repeated failures, whatever the address."""

    name: str

    def _key(self, account: str) -> str:
        return Throttle(self.name, limit=0, window=0).key(account)

    def _state(self, account: str) -> tuple[int, float]:
        failures, until = cache.get(self._key(account), (0, 0.0))
        return int(failures), float(until)

    def failures(self, account: str) -> int:
        return self._state(account)[0]

    def wait(self, account: str) -> int:
        """Whole seconds the account must still wait before the next attempt (0: none)."""
        _failures, until = self._state(account)
        return max(0, math.ceil(until - time.time()))

    def fail(self, account: str) -> int:
        """Count a failure; return the wait it imposes (0 while failures are still free)."""
        failures = self._state(account)[0] + 1
        beyond = failures - int(settings.LOGIN_ACCOUNT_FREE_FAILURES)
        delay = 0
        if beyond > 0:
            # 2 ** beyond, computed without huge integers for long attacks.
            cap = int(settings.LOGIN_ACCOUNT_MAX_DELAY_SECONDS)
            delay = cap if beyond >= cap.bit_length() else min(cap, 2**beyond)
        memory = int(settings.LOGIN_ACCOUNT_FAILURE_MEMORY_HOURS) * 60 * 60
        cache.set(self._key(account), (failures, time.time() + delay), timeout=memory)
        return delay

    def reset(self, account: str) -> None:
        cache.delete(self._key(account))


@dataclass(frozen=True)
class KnownAddresses:
    """Addresses a person logged in from successfully, remembered for a number of days."""

    name: str

    def _key(self, account: str, ip_address: str) -> str:
        return Throttle(self.name, limit=0, window=0).key(account, ip_address)

    def remember(self, account: str, ip_address: str) -> None:
        days = int(settings.LOGIN_KNOWN_ADDRESS_DAYS)
        if days > 0:
            cache.set(self._key(account, ip_address), 1, timeout=days * 24 * 60 * 60)

    def is_known(self, account: str, ip_address: str) -> bool:
        return cache.get(self._key(account, ip_address)) is not None


LOGIN_PER_ACCOUNT = AccountDelay("login-account")
TOTP_PER_ACCOUNT = AccountDelay("totp-account")
KNOWN_ADDRESSES = KnownAddresses("login-known")
