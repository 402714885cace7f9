"""Times read in the time zone of the office they belong to, with its abbreviation."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from amparo.accounts.models import User
from amparo.cases.tests.factories import open_case_as
from amparo.conftest import Network
from amparo.core.templatetags.local_time import office_time

pytestmark = pytest.mark.django_db

WINTER = datetime(2026, 1, 15, 3, 5, tzinfo=UTC)
SUMMER = datetime(2026, 7, 15, 3, 5, tzinfo=UTC)


def test_office_time_is_local_with_the_zone_abbreviation(network: Network) -> None:
    fresno = network.consulate_b
    assert office_time(WINTER, fresno) == "2026-01-14 19:05 PST"
    assert office_time(SUMMER, fresno) == "2026-07-14 20:05 PDT"
    assert office_time(WINTER, network.ciam) == "2026-01-14 20:05 MST"  # Arizona: no DST
    with timezone.override("America/Mexico_City"):
        assert office_time(WINTER) == "2026-01-14 21:05 CST"
    assert office_time(None, fresno) == ""


def test_a_case_reads_in_its_office_time_whoever_opens_it(
    as_user, alice: User, adan: User, network: Network
) -> None:
    case = open_case_as(alice, opened_at=WINTER)
    local = office_time(WINTER, case.office)
    assert local.endswith(("CST", "CDT")) and not local.startswith("2026-01-15")
    for user in (alice, adan):  # the officer in Texas, central administration in Mexico City
        page = as_user(user).get(reverse("cases:detail", args=[case.pk])).content.decode()
        assert local in page, user.username
        timeline_times = re.findall(r'<time datetime="[^"]+">([^<]+)</time>', page)
        assert timeline_times and all(t.endswith(("CST", "CDT")) for t in timeline_times)
        assert "03:05" not in page  # never UTC


def test_forms_read_typed_times_in_the_acting_offices_zone(as_user, alice: User) -> None:
    """The middleware makes the acting office's zone current for the whole request."""
    case = open_case_as(alice)
    client = as_user(alice)
    response = client.post(
        reverse("cases:add_notification", args=[case.pk]),
        {
            "arrested_at": "2026-01-14T21:05",
            "learned_at": "2026-01-14T21:30",
            "channel": "phone",
            "agency": "ICE",
        },
    )
    assert response.status_code in (200, 302), response.content.decode()[:500]
    notification = case.notifications.get()
    assert notification.arrested_at == datetime(2026, 1, 15, 3, 5, tzinfo=UTC)
