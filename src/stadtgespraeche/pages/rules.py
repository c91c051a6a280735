"""Who may edit the operator's site texts (Impressum, Datenschutzerklärung)."""

import rules

from stadtgespraeche.accounts.rules import is_organiser

rules.add_perm("pages.view_sitetext", rules.always_allow)
rules.add_perm("pages.change_sitetext", is_organiser)
