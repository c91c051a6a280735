from django.urls import path

from stadtgespraeche.contacts.views import contacts, suggestions

app_name = "contacts"

urlpatterns = [
    path("gespraechspartner/", suggestions.suggestion_list, name="suggestions"),
    path(
        "gespraechspartner/<id:user_pk>/ausblenden/",
        suggestions.suggestion_hide,
        name="suggestion-hide",
    ),
    path(
        "gespraechspartner/<id:user_pk>/einblenden/",
        suggestions.suggestion_unhide,
        name="suggestion-unhide",
    ),
    path("kontakte/", contacts.contacts, name="contacts"),
    path(
        "kontakte/anfrage/<id:user_pk>/",
        contacts.contact_request_create,
        name="contact-request-create",
    ),
    path(
        "kontakte/anfragen/<id:pk>/annehmen/",
        contacts.contact_request_accept,
        name="contact-request-accept",
    ),
    path(
        "kontakte/anfragen/<id:pk>/ablehnen/",
        contacts.contact_request_decline,
        name="contact-request-decline",
    ),
    path(
        "kontakte/anfragen/<id:pk>/zurueckziehen/",
        contacts.contact_request_withdraw,
        name="contact-request-withdraw",
    ),
    path("kontakte/sperren/<id:user_pk>/", contacts.contact_block, name="contact-block"),
    path(
        "kontakte/sperren/<id:user_pk>/aufheben/",
        contacts.contact_unblock,
        name="contact-unblock",
    ),
    path("kontakte/melden/<id:user_pk>/", contacts.contact_report, name="contact-report"),
]
