"""Who may read the season reports: the organising team (DESIGN.md: "reports").

Funders and other readers outside the platform get the PDF or CSV from the organisers; the
report holds only aggregates (counts, averages, names of municipalities, parties and topics),
never a person's name or a feedback text.
"""

import rules

from stadtgespraeche.accounts.rules import is_organiser

rules.add_perm("reports.view_season_report", is_organiser)
