"""Regenerate data/us_counties.csv from the `zipcodes` package (run after upgrading it)."""

from typing import Any

from django.core.management.base import BaseCommand

from amparo.network.areas import US_COUNTIES_CSV, county_records_from_zips, write_area_csv


class Command(BaseCommand):
    help = "Regenera amparo/network/data/us_counties.csv (centroides de condados) desde zipcodes."

    def handle(self, *args: Any, **options: Any) -> None:
        import zipcodes

        records = county_records_from_zips(zipcodes.list_all())
        write_area_csv(US_COUNTIES_CSV, records)
        self.stdout.write(f"{len(records)} condados escritos en {US_COUNTIES_CSV}")
