from django.urls import path

from . import views_affiliations, views_invitations

app_name = "directory"

urlpatterns: list = [
    path("meine-kommunen/", views_affiliations.my_affiliations, name="my-affiliations"),
    # Invitations (accounts helper)
    path("einladen/", views_invitations.invite_start, name="invite-start"),
    path("<slug:slug>/einladen/", views_invitations.invite, name="invite"),
    path(
        "<slug:slug>/einladen/<int:pk>/",
        views_invitations.invitation_manage,
        name="invitation-manage",
    ),
]
