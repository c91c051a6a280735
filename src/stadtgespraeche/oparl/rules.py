"""Who may do what with council data: organisers add endpoints; coverage is public."""

import rules

from stadtgespraeche.accounts.rules import is_organiser

rules.add_perm("oparl.add_endpoint", is_organiser)
rules.add_perm("oparl.view_coverage", rules.always_allow)
rules.add_perm("oparl.run_import", is_organiser)
rules.add_perm("oparl.view_syncrun", is_organiser)
rules.add_perm("oparl.change_topickeywords", is_organiser)
