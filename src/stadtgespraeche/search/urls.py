"""URLs of the search app (filled in by its issue)."""

app_name = "search"

urlpatterns: list = []
