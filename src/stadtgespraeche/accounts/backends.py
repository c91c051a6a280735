"""The authentication backend: Django's log-in, permissions from django-rules only.

Every permission of the platform is a django-rules predicate (`rules.py` of each app, asked
through `rules.permissions.ObjectPermissionBackend`, the first backend). Django's permission
tables (`auth_permission`, user and group permissions) are not used. With Django's
`ModelBackend` behind the rules backend, every permission that the rules denied still made
Django load the person's table permissions — two queries on many logged-in pages, for
nothing. This backend logs people in exactly like `ModelBackend` and grants an active
superuser every permission, as `ModelBackend` does, without reading the tables.
"""

from typing import Any

from django.contrib.auth.backends import ModelBackend


class AccountBackend(ModelBackend):
    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return bool(user_obj.is_active and getattr(user_obj, "is_superuser", False))

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return bool(user_obj.is_active and getattr(user_obj, "is_superuser", False))
