"""Role predicates shared by every app, and the permissions of the accounts app."""

import rules

from .enums import Role


def _has_role(role: Role) -> rules.Predicate:
    @rules.predicate(name=f"is_{role.value}")
    def predicate(user: object) -> bool:
        return bool(
            getattr(user, "is_authenticated", False)
            and getattr(user, "is_active", False)
            and getattr(user, "role", None) == role
        )

    return predicate


is_organiser = _has_role(Role.ORGANISER)
is_coordinator = _has_role(Role.COORDINATOR)
is_councillor = _has_role(Role.COUNCILLOR)
is_speaker = _has_role(Role.SPEAKER)

# The audit log lives in core, which knows nothing of roles; organisers may read it.
rules.add_perm("core.view_auditlog", is_organiser)

# Organisers see that deletions are pending (dates and role only, see queries).
rules.add_perm("accounts.view_deletionrequest", is_organiser)
