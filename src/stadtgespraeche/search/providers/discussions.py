"""Hook for discussion posts (app `discussions`): register a provider here.

A thread decides through its owner who may read it; map that to levels and readers (e.g. a
thread of a network-only event: min_level=Level.NETWORK). Hidden (moderated) posts produce
no document. Register a dependent so a thread change reindexes its posts.
"""
