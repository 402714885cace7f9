from django.db import migrations


def seed(apps, schema_editor):
    from amparo.outreach.kinds import load_event_kinds

    load_event_kinds(model=apps.get_model("outreach", "EventKind"))


class Migration(migrations.Migration):
    dependencies = [("outreach", "0001_events")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
