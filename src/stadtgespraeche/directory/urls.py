from django.urls import path

from . import views_invitations

app_name = "directory"

urlpatterns: list = [
    # Invitations (accounts helper)
    path("einladen/", views_invitations.invite_start, name="invite-start"),
    path("<slug:slug>/einladen/", views_invitations.invite, name="invite"),
]
