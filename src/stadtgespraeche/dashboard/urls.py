from django.urls import path

from .views import audit

app_name = "dashboard"

urlpatterns: list = [
    path("protokoll/", audit.audit_log, name="audit-log"),
]
