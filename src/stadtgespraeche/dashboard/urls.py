from django.urls import path

from .views import (
    applications,
    audit,
    deletions,
    events,
    feedback,
    groups,
    home,
    memberships,
    registrations,
    reports,
    texts,
    topics,
)

app_name = "dashboard"

urlpatterns = [
    path("", home.home, name="home"),
    path("antraege/", applications.application_list, name="application-list"),
    path("antraege/<int:pk>/", applications.application_detail, name="application-detail"),
    path("antraege/<int:pk>/annehmen/", applications.application_accept, name="application-accept"),
    path(
        "antraege/<int:pk>/ablehnen/",
        applications.application_decline,
        name="application-decline",
    ),
    path("mitgliedschaften/", memberships.membership_list, name="membership-list"),
    path("mitgliedschaften/hinzufuegen/", memberships.membership_add, name="membership-add"),
    path("mitgliedschaften/<int:pk>/", memberships.membership_detail, name="membership-detail"),
    path("themen/", topics.topic_list, name="topic-list"),
    path("themen/neu/", topics.topic_create, name="topic-create"),
    path("themen/<int:pk>/bearbeiten/", topics.topic_update, name="topic-update"),
    path("themen/<int:pk>/status/", topics.topic_set_active, name="topic-set-active"),
    path("seitentexte/", texts.sitetext_list, name="sitetext-list"),
    path("seitentexte/<str:key>/bearbeiten/", texts.sitetext_update, name="sitetext-update"),
    path("protokoll/", audit.audit_log, name="audit-log"),
    path("gruppen/", groups.group_suggestions, name="groups"),
    path("meldungen/", reports.report_list, name="reports"),
    path("meldungen/<int:pk>/erledigt/", reports.report_handle, name="report-handle"),
    path("stadtgespraeche/", events.event_list, name="event-list"),
    path("stadtgespraeche/neu/", events.event_create, name="event-create"),
    path("stadtgespraeche/<int:pk>/", events.event_detail, name="event-detail"),
    path("stadtgespraeche/<int:pk>/bearbeiten/", events.event_update, name="event-update"),
    path("stadtgespraeche/<int:pk>/status/", events.event_transition, name="event-transition"),
    path("stadtgespraeche/<int:pk>/duplizieren/", events.event_duplicate, name="event-duplicate"),
    path(
        "stadtgespraeche/<int:pk>/mitgastgeber/<int:municipality_pk>/",
        events.event_add_co_host,
        name="event-add-co-host",
    ),
    path("stadtgespraeche/<int:pk>/programm/neu/", events.agenda_item_edit, name="agenda-create"),
    path(
        "stadtgespraeche/<int:pk>/programm/<int:item_pk>/",
        events.agenda_item_edit,
        name="agenda-update",
    ),
    path(
        "stadtgespraeche/<int:pk>/programm/<int:item_pk>/entfernen/",
        events.agenda_item_delete,
        name="agenda-delete",
    ),
    path(
        "stadtgespraeche/<int:pk>/vorschlaege/<int:proposal_pk>/",
        events.proposal_decide,
        name="proposal-decide",
    ),
    path("loeschungen/", deletions.deletion_list, name="deletion-list"),
    path("rueckmeldungen/", feedback.feedback_list, name="feedback-list"),
    path("rueckmeldungen/<int:pk>/", feedback.feedback_detail, name="feedback-detail"),
    path(
        "stadtgespraeche/<int:pk>/anmeldungen/",
        registrations.registration_list,
        name="registration-list",
    ),
    path(
        "stadtgespraeche/<int:pk>/anmeldungen/hinzufuegen/",
        registrations.registration_add,
        name="registration-add",
    ),
    path(
        "stadtgespraeche/<int:pk>/anmeldungen/ausgewogenheit/",
        registrations.balance_share,
        name="registration-balance-share",
    ),
    path(
        "stadtgespraeche/<int:pk>/anmeldungen/export.csv",
        registrations.registration_export,
        name="registration-export",
    ),
    path(
        "stadtgespraeche/<int:pk>/anmeldungen/<int:registration_pk>/verschieben/",
        registrations.registration_move,
        name="registration-move",
    ),
    path(
        "stadtgespraeche/<int:pk>/anmeldungen/<int:registration_pk>/stornieren/",
        registrations.registration_cancel,
        name="registration-cancel",
    ),
    path(
        "stadtgespraeche/<int:pk>/anmeldungen/<int:registration_pk>/teilnahme/",
        registrations.registration_attendance,
        name="registration-attendance",
    ),
]

# Discussions: moderation queue (dashboard/views/discussions.py).
from .views import discussions  # noqa: E402

urlpatterns += [
    path("diskussionen/", discussions.moderation_queue, name="discussions"),
    path(
        "diskussionen/beitraege/<int:pk>/ausblenden/",
        discussions.post_hide,
        name="discussion-post-hide",
    ),
    path(
        "diskussionen/beitraege/<int:pk>/wiederherstellen/",
        discussions.post_restore,
        name="discussion-post-restore",
    ),
    path(
        "diskussionen/meldungen/<int:pk>/schliessen/",
        discussions.report_dismiss,
        name="discussion-report-dismiss",
    ),
]
