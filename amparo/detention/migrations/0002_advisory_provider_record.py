"""An advisory's PALE provider becomes the provider's record (it was its name as text,
until the `legal` app existed). A name that matches a provider is linked to it; an
advisory whose provider is not on record keeps the person who recorded it as its adviser,
so no advisory is left without one."""

import django.db.models.deletion
from django.db import migrations, models


def link_providers(apps, schema_editor):  # type: ignore[no-untyped-def]
    advisories = apps.get_model("detention", "Advisory")._default_manager
    providers = apps.get_model("legal", "Provider")._default_manager
    by_name = {name.casefold(): pk for pk, name in providers.values_list("pk", "name")}
    for advisory in advisories.exclude(provider="").only("pk", "provider", "adviser_id", "recorded_by_id"):
        advisory.pale_provider_id = by_name.get(advisory.provider.strip().casefold())
        if advisory.pale_provider_id is None and advisory.adviser_id is None:
            advisory.adviser_id = advisory.recorded_by_id
        advisory.save(update_fields=["pale_provider", "adviser"])


class Migration(migrations.Migration):
    dependencies = [
        ("detention", "0001_initial"),
        ("legal", "0005_provider_records_and_renewal"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="advisory", name="advisory_has_adviser"),
        migrations.AddField(
            model_name="advisory",
            name="pale_provider",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                related_name="advisories", to="legal.provider", verbose_name="proveedor PALE",
            ),
        ),
        migrations.RunPython(link_providers, migrations.RunPython.noop),
        migrations.RemoveField(model_name="advisory", name="provider"),
        migrations.RenameField(model_name="advisory", old_name="pale_provider", new_name="provider"),
        migrations.AddConstraint(
            model_name="advisory",
            constraint=models.CheckConstraint(
                condition=models.Q(("adviser__isnull", False), ("provider__isnull", False), _connector="OR"),
                name="advisory_has_adviser",
            ),
        ),
    ]
