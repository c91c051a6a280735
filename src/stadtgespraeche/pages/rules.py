"""Who may edit the operator's site texts (Impressum, Datenschutzerklärung)."""

import rules

from stadtgespraeche.accounts.models import User


@rules.predicate
def is_organiser(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_organiser)


rules.add_perm("pages.view_sitetext", rules.always_allow)
rules.add_perm("pages.change_sitetext", is_organiser)
