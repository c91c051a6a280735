"""The request type of views that only logged-in people reach.

Behind `login_required` (or a permission that only active accounts hold) `request.user` is
always an `accounts.User`; annotating the view's request as `AuthenticatedRequest` says so to
the type checker, instead of a `cast` at every use.
"""

from django.http import HttpRequest

from stadtgespraeche.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: User  # type: ignore[assignment]  # narrower than HttpRequest.user, by the decorators
