from django.urls import path

from . import views_affiliations, views_invitations, views_profiles

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

# Profiles (profiles helper)
urlpatterns += [
    path("profil/", views_profiles.profile_edit, name="profile-edit"),
    path("profil/foto/", views_profiles.photo_edit, name="profile-photo-edit"),
    path("profil/mandate/neu/", views_profiles.mandate_add, name="mandate-add"),
    path("profil/mandate/<int:pk>/", views_profiles.mandate_edit, name="mandate-edit"),
    path(
        "profil/mandate/<int:pk>/entfernen/", views_profiles.mandate_remove, name="mandate-remove"
    ),
    path("personen/<int:pk>/", views_profiles.profile_detail, name="profile-detail"),
    path("personen/<int:pk>/foto/", views_profiles.profile_photo, name="profile-photo"),
]
