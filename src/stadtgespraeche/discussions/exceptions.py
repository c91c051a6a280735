"""Refusals of the discussions services; views turn them into messages or form errors."""

from django.utils.translation import gettext_lazy as _


class DiscussionError(Exception):
    default_message = _("This is not possible.")

    def __init__(self, message: object = None) -> None:
        super().__init__(str(message if message is not None else self.default_message))


class NotAllowed(DiscussionError):
    default_message = _("You may not do this in this discussion.")


class CodeOfConductRequired(DiscussionError):
    default_message = _("Please accept the code of conduct before your first post.")


class RateLimited(DiscussionError):
    default_message = _(
        "You have written many posts in a short time. Please wait a few minutes and try again."
    )


class EditWindowClosed(DiscussionError):
    default_message = _("Posts can only be edited shortly after writing them.")


class InvalidPost(DiscussionError):
    default_message = _("This post cannot be used here.")


class AlreadyReported(DiscussionError):
    default_message = _("You have already reported this post; the moderators will look at it.")
