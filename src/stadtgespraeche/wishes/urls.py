"""URLs of the wishes app (filled in by its issue)."""

app_name = "wishes"

urlpatterns: list = []
