from django.urls import path

from stadtgespraeche.questions import views

app_name = "questions"

urlpatterns = [
    path("termine/<slug:slug>/fragen/", views.questions, name="question-list"),
    path("termine/<slug:slug>/fragen/stellen/", views.ask, name="question-ask"),
    path("termine/<slug:slug>/fragen/<id:pk>/abstimmen/", views.vote, name="question-vote"),
    path("termine/<slug:slug>/fragen/<id:pk>/beantwortet/", views.answer, name="question-answer"),
    path("termine/<slug:slug>/fragen/<id:pk>/ausblenden/", views.hide, name="question-hide"),
    path("termine/<slug:slug>/fragen/export.md", views.export, name="question-export"),
]
