"""URLs of the discussions app (filled in by its issue)."""

app_name = "discussions"

urlpatterns: list = []
