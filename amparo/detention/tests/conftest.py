from datetime import UTC, datetime

import pytest
import time_machine

from amparo.conftest import Network
from amparo.detention.facilities import facilities_import
from amparo.detention.models import Facility
from amparo.hotline.tests.conftest import areas  # noqa: F401 (fixture)

# Tuesday 10 March 2026, 11:00 in Chicago (consulate A), 09:00 in Fresno (consulate B).
NOW = datetime(2026, 3, 10, 16, 0, tzinfo=UTC)

HEADER = "name,address,city,state,zip,aor,type_detailed,gender,fy25_alos_days,fy25_adp\n"
FACILITIES_CSV = HEADER + (
    "T DON HUTTO RESIDENTIAL CENTER,1001 WELCH ST,TAYLOR,TX,78701,SNA,CDF,Female,30.1,450.0\n"
    "FRESNO COUNTY JAIL,1225 M ST,FRESNO,CA,93706,SFR,IGSA,Female/Male,12.0,80.5\n"
    "ADAMS COUNTY DET CENTER,20 HOBO FORK RD.,NATCHEZ,MS,39120,NOL,DIGSA,Female/Male,59.6,2172.2\n"
)


@pytest.fixture(autouse=True)
def fixed_clock():  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def facilities(network: Network, areas) -> dict[str, Facility]:  # noqa: F811
    result = facilities_import(actor=None, content=FACILITIES_CSV.encode())
    assert not result.errors, result.errors
    return {
        "a": Facility.objects.get(name="T DON HUTTO RESIDENTIAL CENTER"),
        "b": Facility.objects.get(name="FRESNO COUNTY JAIL"),
        "unplaced": Facility.objects.get(name="ADAMS COUNTY DET CENTER"),
    }
