"""Hook for good-practice entries (app `knowledge`): register a provider here.

Suggested: kind=Kind.PRACTICE; published entries are public (min_level=Level.PUBLIC), drafts
and entries in review are one document with min_level=Level.NOBODY and `readers` = author and
reviewers (coordinators of the municipality are added as readers; organisers see everything
through max_level=Level.ORGANISERS... so use min_level=Level.ORGANISERS plus readers).
Body: problem, approach, outcome, lessons learned, partners; municipality and topic ids as
tags; the services call core.indexing.changed(practice) on every save and status change.
"""
