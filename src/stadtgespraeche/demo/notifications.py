"""Demo content of the notifications slice: the demo councillors and the coordinator follow
their municipality and the topics of their profile, so "Gefolgt" and `followers()` have
content. Idempotent (following twice is harmless). Called by demo.loader.load_demo."""

from stadtgespraeche.notifications import services as notifications
from stadtgespraeche.people.models import Profile


def load_notifications_demo(domain: str) -> int:
    """Create the demo follows; returns how many follows the demo people have."""
    count = 0
    profiles = (
        Profile.objects.filter(user__email__endswith=f"@{domain}", municipality__isnull=False)
        .select_related("user", "municipality")
        .prefetch_related("interests")
    )
    for profile in profiles:
        notifications.follow(profile.user, profile.municipality)
        count += 1
        for topic in profile.interests.all():
            notifications.follow(profile.user, topic)
            count += 1
    return count
