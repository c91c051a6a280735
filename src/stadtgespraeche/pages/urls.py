from django.urls import path

app_name = "pages"

urlpatterns: list = []

# Public municipality pages (directory helper).
from .views import municipalities  # noqa: E402

urlpatterns += [
    path("kommunen/", municipalities.municipality_list, name="municipality-list"),
    path("kommunen/<slug:slug>/", municipalities.municipality_detail, name="municipality-detail"),
]
