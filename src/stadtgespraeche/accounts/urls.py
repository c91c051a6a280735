from django.urls import path

from stadtgespraeche.accounts.views import account as views
from stadtgespraeche.accounts.views import data_rights as views_data

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("anmelden/", views.login_view, name="login"),
    path("anmelden/zweiter-faktor/", views.login_two_factor, name="login-two-factor"),
    path("abmelden/", views.logout_view, name="logout"),
    path("einladung/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("passwort/", views.password_change, name="password-change"),
    path("passwort-vergessen/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "passwort-vergessen/gesendet/",
        views.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "passwort-vergessen/fertig/",
        views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path(
        "passwort-vergessen/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("e-mail/", views.email_change, name="email-change"),
    path(
        "e-mail/bestaetigen/<str:token>/",
        views.email_change_confirm,
        name="email-change-confirm",
    ),
    path("zwei-faktor/", views.two_factor, name="two-factor"),
    path("zwei-faktor/einrichten/", views.two_factor_setup, name="two-factor-setup"),
    path("zwei-faktor/abschalten/", views.two_factor_disable, name="two-factor-disable"),
    path("zwei-faktor/wiederherstellungscodes/", views.recovery_codes, name="recovery-codes"),
    path(
        "zwei-faktor/wiederherstellungscodes/neu/",
        views.recovery_codes_renew,
        name="recovery-codes-renew",
    ),
    path("daten/", views_data.data_export, name="data-export"),
    path("daten/json/", views_data.data_export_json, name="data-export-json"),
    path("loeschen/", views_data.deletion_request, name="deletion-request"),
    path(
        "loeschen/abbrechen/<str:token>/",
        views_data.deletion_cancel,
        name="deletion-cancel",
    ),
]
