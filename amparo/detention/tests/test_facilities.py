"""The facility registry: the ICE list placed by ZIP code, all or nothing, and its rules."""

import pytest
from django.core.exceptions import PermissionDenied

from amparo.accounts.models import User
from amparo.cases.tests.factories import actor_for
from amparo.conftest import Network
from amparo.detention.facilities import (
    SHIPPED_CSV,
    facilities_import,
    facility_update_rules,
)
from amparo.detention.models import Facility, FacilityKind
from amparo.detention.tests.conftest import HEADER


def test_facilities_are_placed_in_the_jurisdiction_of_their_zip_code(
    facilities: dict[str, Facility], network: Network
) -> None:
    assert facilities["a"].office == network.consulate_a
    assert facilities["a"].kind == FacilityKind.ICE_CENTER
    assert facilities["b"].office == network.consulate_b
    assert facilities["b"].kind == FacilityKind.COUNTY_JAIL
    assert facilities["unplaced"].office is None  # no office covers Adams County here


def test_the_shipped_list_has_the_187_facilities(network: Network) -> None:
    result = facilities_import(actor=None, content=SHIPPED_CSV.read_bytes())
    assert not result.errors
    assert result.created == Facility.objects.count() == 187
    again = facilities_import(actor=None, content=SHIPPED_CSV.read_bytes())
    assert (again.created, again.updated) == (0, 187)


def test_a_bad_line_imports_nothing_and_says_which(network: Network, adan: User) -> None:
    content = HEADER + (
        "GOOD FACILITY,1 MAIN ST,AUSTIN,TX,78701,SNA,CDF,Male,1,1\n"
        "BAD FACILITY,2 MAIN ST,AUSTIN,TX,78701,SNA,SPACESHIP,Male,1,1\n"
        ",3 MAIN ST,AUSTIN,TX,78701,SNA,CDF,Male,1,1\n"
    )
    result = facilities_import(actor=actor_for(adan), content=content.encode())
    assert [(e.line, "SPACESHIP" in e.message or "name" in e.message) for e in result.errors] == [
        (3, True), (4, True),
    ]  # fmt: skip
    assert not Facility.objects.exists()


def test_only_central_administration_imports(network: Network, carla: User) -> None:
    with pytest.raises(PermissionDenied):
        facilities_import(actor=actor_for(carla), content=HEADER.encode())


def test_the_offices_staff_keep_the_visiting_rules(
    facilities: dict[str, Facility], alice: User, bob: User
) -> None:
    facility_update_rules(
        actor=actor_for(alice), facility=facilities["a"], visiting_hours="lun-vie 8:00-15:00",
        phones_allowed=False, dress_rules="Sin ropa color naranja",
    )  # fmt: skip
    facilities["a"].refresh_from_db()
    assert facilities["a"].visiting_hours == "lun-vie 8:00-15:00"
    with pytest.raises(PermissionDenied):
        facility_update_rules(actor=actor_for(bob), facility=facilities["a"], notes="intruso")
