from django.urls import path

from . import views_invitations

app_name = "directory"

urlpatterns: list = [
    # Invitations (accounts helper)
    path("einladen/", views_invitations.invite_start, name="invite-start"),
    path("<slug:slug>/einladen/", views_invitations.invite, name="invite"),
    path(
        "<slug:slug>/einladen/<int:pk>/",
        views_invitations.invitation_manage,
        name="invitation-manage",
    ),
]

# People directory (search helper)
from . import views_search  # noqa: E402

urlpatterns += [
    path("personen/", views_search.people, name="people"),
]
