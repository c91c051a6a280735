"""Hook for topic wishes (app `wishes`): register a provider here once the model exists.

Suggested: kind=Kind.WISH, the wish's title and text, topic ids, the municipality of the
author's coordination; min_level=Level.NETWORK (wishes are collected inside the network);
withdrawn or rejected wishes produce no document.
"""
