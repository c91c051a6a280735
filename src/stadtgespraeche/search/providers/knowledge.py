"""Hook for good-practice entries (app `knowledge`): register a provider here.

Suggested (see docs/search.md, "How to add a provider"): kind=Kind.PRACTICE; a published
entry is one public document (min_level=Level.PUBLIC); a draft or an entry in review is one
document that only organisers see by level (min_level=Level.ORGANISERS) plus its author and
reviewers as `readers` (the coordinators of its municipalities). Body: problem, approach,
outcome, lessons learned, partners; municipality and topic ids as filter values; the
knowledge services call core.indexing.changed(practice) on every save and status change.
"""
