"""The code of conduct for discussions: its current version.

The text itself is in `templates/discussions/code_of_conduct_text.html` (translated). When the
text changes in substance, raise `VERSION`: everyone accepts the new version before their
next post.
"""

VERSION = "2026-11"
