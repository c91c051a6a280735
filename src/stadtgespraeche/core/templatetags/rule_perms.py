"""`{% load rule_perms %}{% if user|rule_perm:"app.permission" %}`: a django-rules permission.

Asks only the rules registry (no database), unlike `perms`/`user.has_perm`, which falls
through to Django's ModelBackend and queries when the rule says no. For the header
navigation, which renders on every page.
"""

from typing import Any

import rules
from django import template

register = template.Library()


@register.filter(name="rule_perm")
def rule_perm(user: Any, permission: str) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(rules.has_perm(permission, user))
