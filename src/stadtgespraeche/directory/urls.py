from django.urls import path

from . import (
    views_affiliations,
    views_contacts,
    views_invitations,
    views_profiles,
    views_search,
    views_suggestions,
)

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

# Contacts and peer suggestions (contacts helper)

urlpatterns += [
    path("gespraechspartner/", views_suggestions.suggestion_list, name="suggestions"),
    path(
        "gespraechspartner/<int:user_pk>/ausblenden/",
        views_suggestions.suggestion_hide,
        name="suggestion-hide",
    ),
    path(
        "gespraechspartner/<int:user_pk>/einblenden/",
        views_suggestions.suggestion_unhide,
        name="suggestion-unhide",
    ),
    path("kontakte/", views_contacts.contacts, name="contacts"),
    path(
        "kontakte/anfrage/<int:user_pk>/",
        views_contacts.contact_request_create,
        name="contact-request-create",
    ),
    path(
        "kontakte/anfragen/<int:pk>/annehmen/",
        views_contacts.contact_request_accept,
        name="contact-request-accept",
    ),
    path(
        "kontakte/anfragen/<int:pk>/ablehnen/",
        views_contacts.contact_request_decline,
        name="contact-request-decline",
    ),
    path(
        "kontakte/anfragen/<int:pk>/zurueckziehen/",
        views_contacts.contact_request_withdraw,
        name="contact-request-withdraw",
    ),
    path("kontakte/sperren/<int:user_pk>/", views_contacts.contact_block, name="contact-block"),
    path(
        "kontakte/sperren/<int:user_pk>/aufheben/",
        views_contacts.contact_unblock,
        name="contact-unblock",
    ),
    path("kontakte/melden/<int:user_pk>/", views_contacts.contact_report, name="contact-report"),
]

# People directory (search helper)
urlpatterns += [
    path("personen/", views_search.people, name="people"),
]
