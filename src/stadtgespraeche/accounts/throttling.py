"""Limits for counting failed attempts, per IP and per (account, IP) pair.

Nothing here ever blocks an account as such: a limit applies to one IP address, or to one
address trying one account. The real owner, coming from another network, can always log in.
"""

from stadtgespraeche.core.throttling import Throttle, client_ip

__all__ = ["client_ip"]

# Login: five wrong passwords for one account from one address, twenty from one address.
LOGIN_PER_ACCOUNT_AND_IP = Throttle("login-pair", limit=5, window=15 * 60)
LOGIN_PER_IP = Throttle("login-ip", limit=20, window=15 * 60)
# Second factor: five wrong codes for one account from one address, twenty from one address.
TOTP_PER_ACCOUNT_AND_IP = Throttle("totp-pair", limit=5, window=15 * 60)
TOTP_PER_IP = Throttle("totp-ip", limit=20, window=15 * 60)
# Password reset requests: five per address per hour, three per target e-mail per hour.
RESET_PER_IP = Throttle("reset-ip", limit=5, window=60 * 60)
RESET_PER_EMAIL = Throttle("reset-email", limit=3, window=60 * 60)
# E-mail change requests: three per person per hour (each one mails an outside address).
EMAIL_CHANGE_PER_USER = Throttle("email-change", limit=3, window=60 * 60)
