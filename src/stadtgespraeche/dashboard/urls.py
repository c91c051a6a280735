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
    messages,
    registrations,
    reports,
    series,
    texts,
    topics,
)

app_name = "dashboard"

urlpatterns = [
    path("", home.home, name="home"),
    path("antraege/", applications.application_list, name="application-list"),
    path("antraege/<id:pk>/", applications.application_detail, name="application-detail"),
    path("antraege/<id:pk>/annehmen/", applications.application_accept, name="application-accept"),
    path(
        "antraege/<id:pk>/ablehnen/",
        applications.application_decline,
        name="application-decline",
    ),
    path("reihen/<slug:slug>/namen/", series.series_names, name="series-names"),
    path("mitgliedschaften/", memberships.membership_list, name="membership-list"),
    path("mitgliedschaften/hinzufuegen/", memberships.membership_add, name="membership-add"),
    path("mitgliedschaften/<id:pk>/", memberships.membership_detail, name="membership-detail"),
    path("themen/", topics.topic_list, name="topic-list"),
    path("themen/neu/", topics.topic_create, name="topic-create"),
    path("themen/<id:pk>/bearbeiten/", topics.topic_update, name="topic-update"),
    path("themen/<id:pk>/status/", topics.topic_set_active, name="topic-set-active"),
    path("seitentexte/", texts.sitetext_list, name="sitetext-list"),
    path("seitentexte/<str:key>/bearbeiten/", texts.sitetext_update, name="sitetext-update"),
    path("protokoll/", audit.audit_log, name="audit-log"),
    path("gruppen/", groups.group_suggestions, name="groups"),
    path("meldungen/", reports.report_list, name="reports"),
    path("meldungen/<id:pk>/erledigt/", reports.report_handle, name="report-handle"),
    path("stadtgespraeche/", events.event_list, name="event-list"),
    path("stadtgespraeche/neu/", events.event_create, name="event-create"),
    path("stadtgespraeche/<id:pk>/", events.event_detail, name="event-detail"),
    path("stadtgespraeche/<id:pk>/bearbeiten/", events.event_update, name="event-update"),
    path("stadtgespraeche/<id:pk>/status/", events.event_transition, name="event-transition"),
    path("stadtgespraeche/<id:pk>/duplizieren/", events.event_duplicate, name="event-duplicate"),
    path(
        "stadtgespraeche/<id:pk>/mitgastgeber/<id:municipality_pk>/",
        events.event_add_co_host,
        name="event-add-co-host",
    ),
    path("stadtgespraeche/<id:pk>/programm/neu/", events.agenda_item_edit, name="agenda-create"),
    path(
        "stadtgespraeche/<id:pk>/programm/<id:item_pk>/",
        events.agenda_item_edit,
        name="agenda-update",
    ),
    path(
        "stadtgespraeche/<id:pk>/programm/<id:item_pk>/entfernen/",
        events.agenda_item_delete,
        name="agenda-delete",
    ),
    path(
        "stadtgespraeche/<id:pk>/vorschlaege/<id:proposal_pk>/",
        events.proposal_decide,
        name="proposal-decide",
    ),
    path("stadtgespraeche/<id:pk>/nachrichten/", messages.event_messages, name="event-messages"),
    path("loeschungen/", deletions.deletion_list, name="deletion-list"),
    path("rueckmeldungen/", feedback.feedback_list, name="feedback-list"),
    path("rueckmeldungen/<id:pk>/", feedback.feedback_detail, name="feedback-detail"),
    path(
        "rueckmeldungen/<id:pk>/themenwuensche/",
        feedback.feedback_to_wishes,
        name="feedback-to-wishes",
    ),
    path(
        "stadtgespraeche/<id:pk>/anmeldungen/",
        registrations.registration_list,
        name="registration-list",
    ),
    path(
        "stadtgespraeche/<id:pk>/anmeldungen/hinzufuegen/",
        registrations.registration_add,
        name="registration-add",
    ),
    path(
        "stadtgespraeche/<id:pk>/anmeldungen/ausgewogenheit/",
        registrations.balance_share,
        name="registration-balance-share",
    ),
    path(
        "stadtgespraeche/<id:pk>/anmeldungen/export.csv",
        registrations.registration_export,
        name="registration-export",
    ),
    path(
        "stadtgespraeche/<id:pk>/anmeldungen/<id:registration_pk>/verschieben/",
        registrations.registration_move,
        name="registration-move",
    ),
    path(
        "stadtgespraeche/<id:pk>/anmeldungen/<id:registration_pk>/stornieren/",
        registrations.registration_cancel,
        name="registration-cancel",
    ),
    path(
        "stadtgespraeche/<id:pk>/anmeldungen/<id:registration_pk>/teilnahme/",
        registrations.registration_attendance,
        name="registration-attendance",
    ),
]

# Discussions: moderation queue (dashboard/views/discussions.py).
from .views import discussions  # noqa: E402

urlpatterns += [
    path("diskussionen/", discussions.moderation_queue, name="discussions"),
    path(
        "diskussionen/beitraege/<id:pk>/ausblenden/",
        discussions.post_hide,
        name="discussion-post-hide",
    ),
    path(
        "diskussionen/beitraege/<id:pk>/wiederherstellen/",
        discussions.post_restore,
        name="discussion-post-restore",
    ),
    path(
        "diskussionen/meldungen/<id:pk>/schliessen/",
        discussions.report_dismiss,
        name="discussion-report-dismiss",
    ),
]
