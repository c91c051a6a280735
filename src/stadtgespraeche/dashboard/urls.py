from django.urls import path

from .views import applications, audit, home, memberships

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
    path("protokoll/", audit.audit_log, name="audit-log"),
]
