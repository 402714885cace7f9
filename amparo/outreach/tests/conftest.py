"""Outreach fixtures: a county in consulate A's jurisdiction, and events planned there
with a fixed clock (2026-03-02 17:00 UTC, a Monday) so "past" and "future" never depend
on when the suite runs."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from amparo.accounts.actor import Actor
from amparo.accounts.models import User
from amparo.conftest import Network
from amparo.network.models import JurisdictionArea
from amparo.network.selectors import invalidate_jurisdiction
from amparo.network.tests.factories import JurisdictionAreaFactory
from amparo.outreach.models import Event, EventKind, Modality
from amparo.outreach.services import EventDetails, event_approve, event_plan

NOW = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> Iterator[object]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def actor_of(user: User) -> Actor:
    return Actor(user=user, membership=user.memberships.get())


@pytest.fixture
def travis(network: Network) -> Iterator[JurisdictionArea]:
    area: JurisdictionArea = JurisdictionAreaFactory.create(
        code="US-TX-TRAVIS", region="TX", name="Travis County", office=network.consulate_a
    )
    invalidate_jurisdiction()
    yield area
    invalidate_jurisdiction()


def details(**overrides: object) -> EventDetails:
    values: dict[str, object] = {
        "kind": EventKind.objects.get(code="workshop_rights"),
        "title": "Conoce tus derechos en Austin",
        "starts_at": NOW + timedelta(days=7),
        "ends_at": NOW + timedelta(days=7, hours=2),
        "modality": Modality.IN_PERSON,
        "venue": "Biblioteca central",
        "address": "710 W Cesar Chavez St, Austin",
        "state": "TX",
        "county": "Travis",
    }
    values.update(overrides)
    return EventDetails(**values)  # type: ignore[arg-type]


@pytest.fixture
def published_event(
    network: Network, alice: User, carla: User, travis: JurisdictionArea, clock: object
) -> Event:
    event = event_plan(actor=actor_of(alice), office=network.consulate_a, details=details())
    return event_approve(actor=actor_of(carla), event=event)
