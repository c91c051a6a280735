from django.urls import path

from stadtgespraeche.people.views import (
    affiliations,
    invitations,
    municipalities,
    profiles,
    search,
)

app_name = "people"

urlpatterns = [
    path("meine-kommunen/", affiliations.my_affiliations, name="my-affiliations"),
    path("einladen/", invitations.invite_start, name="invite-start"),
    path(
        "kommunen/<slug:slug>/profil/",
        municipalities.profile_edit,
        name="municipality-profile-edit",
    ),
    path("kommunen/<slug:slug>/logo.png", municipalities.logo, name="municipality-logo"),
    path("<slug:slug>/einladen/", invitations.invite, name="invite"),
    path("<slug:slug>/einladen/<id:pk>/", invitations.invitation_manage, name="invitation-manage"),
    path("profil/", profiles.profile_edit, name="profile-edit"),
    path("profil/foto/", profiles.photo_edit, name="profile-photo-edit"),
    path("profil/mandate/neu/", profiles.mandate_add, name="mandate-add"),
    path("profil/mandate/<id:pk>/", profiles.mandate_edit, name="mandate-edit"),
    path("profil/mandate/<id:pk>/entfernen/", profiles.mandate_remove, name="mandate-remove"),
    path("personen/", search.people, name="people"),
    path("personen/<id:pk>/", profiles.profile_detail, name="profile-detail"),
    path("personen/<id:pk>/foto/", profiles.profile_photo, name="profile-photo"),
]
