from collections import Counter

import pytest
from django.core.management import call_command

from amparo.network.areas import US_REGIONS
from amparo.network.jurisdiction import office_for, office_for_point, office_for_zip
from amparo.network.models import JurisdictionArea, JurisdictionChange, Office, OfficeKind
from amparo.network.seed import load_network_seed


@pytest.fixture
def seeded(db: None) -> None:
    load_network_seed()


CONSULATES = (OfficeKind.CONSULATE, OfficeKind.CONSULATE_GENERAL)


def test_the_seed_has_the_whole_north_american_network_and_every_county_is_assigned(
    seeded: None,
) -> None:
    us = Office.objects.filter(country="US", kind__in=CONSULATES)
    assert us.count() == 53
    by_state = Counter(us.values_list("region", flat=True))
    assert (by_state["TX"], by_state["CA"], by_state["AZ"]) == (11, 10, 5)
    assert Office.objects.filter(country="CA", kind__in=CONSULATES).count() == 5
    assert Office.objects.get(code="SCUSA").parent == Office.objects.get(code="EMBUSA")
    assert Office.objects.get(code="SCCAN").parent == Office.objects.get(code="EMBCAN")
    assert Office.objects.get(code="SRE").kind == OfficeKind.HEADQUARTERS
    ciam = Office.objects.get(code="CIAM")
    assert (ciam.kind, ciam.city, ciam.phone) == (
        OfficeKind.CONTACT_CENTER,
        "Tucson",
        "+1 520 623 7874",
    )
    assert Office.objects.filter(kind=OfficeKind.EMBASSY).count() >= 14
    # Every county belongs to exactly one consulate.
    counties = JurisdictionArea.objects.filter(country="US")
    assert counties.count() > 3000
    assert set(counties.values_list("region", flat=True)) == US_REGIONS
    assert counties.values("code").distinct().count() == counties.count()
    kinds = set(counties.values_list("office__kind", flat=True))
    assert kinds <= {OfficeKind.CONSULATE, OfficeKind.CONSULATE_GENERAL}
    assert JurisdictionArea.objects.filter(country="CA").count() == 13


DEFAULTS = [
    ("TX", "Harris", "HOU"),
    ("IL", "Cook County", "CHI"),
    ("CA", "Los Angeles County", "LAX"),
    ("AZ", "Maricopa", "PHX"),
    ("AK", "Anchorage", "SEA"),
    ("HI", "Honolulu County", "SFO"),
    ("PR", "San Juan", "SJU"),
    ("DC", "District of Columbia", "WAS"),
    ("WY", "Laramie County", "DEN"),
    ("ON", "Ontario", "YYZ"),
    ("QC", "Quebec", "YUL"),
    ("BC", "British Columbia", "YVR"),
    ("AB", "Alberta", "YYC"),
]


def test_default_jurisdiction_and_lookups_follow_the_nearest_consulate(seeded: None) -> None:
    # One seeded database for many lookups: loading the seed takes a few seconds.
    assert [office_for(state, county) for state, county, _ in DEFAULTS] == [
        office for _, _, office in DEFAULTS
    ]
    assert office_for_point(41.88, -87.63) == "CHI"  # Chicago
    assert office_for_point(43.70, -79.42) == "YYZ"  # Toronto
    assert office_for_point(19.43, -99.13) is None  # Mexico City
    assert office_for_zip("77002") == "HOU"
    assert office_for_zip("90012") == "LAX"


def test_loading_twice_changes_nothing_and_keeps_central_edits(seeded: None) -> None:
    offices, areas = Office.objects.count(), JurisdictionArea.objects.count()
    changes = JurisdictionChange.objects.count()
    call_command("load_network")
    assert (Office.objects.count(), JurisdictionArea.objects.count()) == (offices, areas)
    assert JurisdictionChange.objects.count() == changes == areas
    # A central reassignment survives another load.
    area = JurisdictionArea.objects.get(code="US-WY-LARAMIE")
    area.office = Office.objects.get(code="SLC")
    area.save()
    load_network_seed()
    area.refresh_from_db()
    assert area.office.code == "SLC"
