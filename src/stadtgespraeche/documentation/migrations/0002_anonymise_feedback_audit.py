"""Feedback is anonymous: remove person, address and rating from existing audit entries."""

from django.db import migrations

FEEDBACK_ACTION = "events.feedback.given"


def anonymise_feedback_entries(apps, schema_editor):
    AuditLog = apps.get_model("core", "AuditLog")
    AuditLog.objects.filter(action=FEEDBACK_ACTION).update(
        actor=None, actor_repr="", ip_address=None, data={}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("documentation", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(anonymise_feedback_entries, migrations.RunPython.noop),
    ]
