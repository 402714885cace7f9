"""Hotline fixtures: jurisdiction areas for consulates A (Travis County, TX) and B (Fresno
County, CA), and helpers that log calls through the real service."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from pytest_django.fixtures import Settings

from amparo.accounts.actor import Actor, resolve_actor
from amparo.accounts.models import User
from amparo.conftest import Network
from amparo.hotline.models import Call
from amparo.hotline.services import call_log
from amparo.network.models import JurisdictionArea
from amparo.network.selectors import invalidate_jurisdiction
from amparo.notifications.models import OnDutyShift

TELEPHONY_SECRET = "prueba-secreto-compartido"


@pytest.fixture(autouse=True)
def fresh_jurisdiction_cache() -> Iterator[None]:
    invalidate_jurisdiction()
    yield
    invalidate_jurisdiction()


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Settings) -> None:
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "notifications"],
        }
    }


@pytest.fixture
def areas(network: Network) -> dict[str, JurisdictionArea]:
    travis = JurisdictionArea.objects.create(
        code="US-TX-TRAVIS",
        country="US",
        region="TX",
        name="Travis County",
        latitude=30.33,
        longitude=-97.78,
        office=network.consulate_a,
    )
    fresno = JurisdictionArea.objects.create(
        code="US-CA-FRESNO",
        country="US",
        region="CA",
        name="Fresno County",
        latitude=36.76,
        longitude=-119.65,
        office=network.consulate_b,
    )
    invalidate_jurisdiction()
    return {"travis": travis, "fresno": fresno}


def actor_for(user: User) -> Actor:
    actor = resolve_actor(user, None)
    assert actor is not None
    return actor


def log_call(user: User, **kwargs: Any) -> Call:
    kwargs.setdefault("topic", "detention_deportation")
    kwargs.setdefault("outcome", "information")
    kwargs.setdefault("caller_phone", "(520) 555-0142")
    kwargs.setdefault("summary", "Su hermano fue detenido ayer en Fresno.")
    kwargs.setdefault("started_at", timezone.now() - timedelta(minutes=4))
    return call_log(actor=actor_for(user), **kwargs)


def on_duty(user: User, office: Any) -> OnDutyShift:
    now = timezone.now()
    return OnDutyShift.objects.create(
        office=office,
        user=user,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=7),
        created_by=user,
    )


@pytest.fixture
def midday_at_the_ciam() -> Iterator[None]:
    """Noon in Tucson (the test CIAM's zone): a call logged "4 minutes ago" falls on the
    CIAM's today whatever hour the suite runs (07:00 to 07:04 UTC it would not)."""
    with time_machine.travel(datetime(2026, 6, 15, 19, 0, tzinfo=UTC), tick=True):
        yield
