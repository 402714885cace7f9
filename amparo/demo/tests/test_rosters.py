"""Every demo office with staff has someone on duty at any hour, whenever the demo runs."""

from datetime import UTC, datetime, timedelta

import pytest

from amparo.demo.accounts import ensure_demo_users
from amparo.demo.rosters import DAYS_AHEAD, staff_rosters
from amparo.demo.tests.test_accounts import demo_offices  # noqa: F401 - a fixture
from amparo.network.models import Office
from amparo.notifications.models import OnDutyShift
from amparo.notifications.selectors import staff_on_duty

NOW = datetime(2027, 1, 1, 7, 30, tzinfo=UTC)  # still 31 December on the Pacific coast


@pytest.mark.usefixtures("demo_offices")
def test_every_staffed_office_has_someone_on_duty_now_and_for_a_month() -> None:
    ensure_demo_users()
    added = staff_rosters(NOW)
    staffed = {"LAX", "CHI", "HOU", "DAL"}
    assert added == len(staffed) * (DAYS_AHEAD + 2)
    for office in Office.objects.filter(code__in=staffed):
        for hours in (0, 13, 24 * DAYS_AHEAD - 1):
            assert staff_on_duty(office, NOW + timedelta(hours=hours)), (office.code, hours)
    assert not OnDutyShift.objects.filter(office__code__in=["SRE", "CIAM"]).exists()
    # The Houston shift starts at local midnight (CST, UTC-6).
    houston = OnDutyShift.objects.filter(office__code="HOU").order_by("starts_at").first()
    assert houston is not None and houston.starts_at.astimezone(UTC).hour in (5, 6, 7, 8)
    assert staff_rosters(NOW) == 0  # idempotent
    assert staff_rosters(NOW + timedelta(days=2)) == len(staffed) * 2  # a later start tops up
