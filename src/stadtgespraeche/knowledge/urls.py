"""URLs of the knowledge app (filled in by its issue)."""

app_name = "knowledge"

urlpatterns: list = []
