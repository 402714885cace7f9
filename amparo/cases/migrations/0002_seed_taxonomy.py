from django.db import migrations


def seed(apps, schema_editor):
    from amparo.cases.taxonomy import load_case_taxonomy

    load_case_taxonomy(
        materia_model=apps.get_model("cases", "Materia"),
        subtype_model=apps.get_model("cases", "Subtype"),
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
