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

# Contacts and peer suggestions (contacts helper)
from . import views_contacts, views_suggestions  # noqa: E402

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
