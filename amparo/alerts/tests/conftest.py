import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client

from amparo.accounts.models import User
from amparo.alerts.dispatch import dispatch_pending
from amparo.alerts.enrolment import (
    ContactIn,
    device_provision,
    provisioning_code_issue,
    registrant_enrol,
)
from amparo.alerts.models import Registrant
from amparo.cases.taxonomy import load_case_taxonomy
from amparo.cases.tests.factories import actor_for, person_in
from amparo.conftest import Network
from amparo.hotline.tests.conftest import areas, on_duty  # noqa: F401 (fixture)
from amparo.network.models import JurisdictionArea
from amparo.notifications.models import Notification

# A Tuesday afternoon in Austin; tests that move the clock travel from here.
NOW = datetime(2026, 3, 10, 20, 0, tzinfo=UTC)
AUSTIN = (30.27, -97.74)
FRESNO = (36.74, -119.78)


@pytest.fixture(autouse=True)
def fixed_clock():  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@dataclass
class Enrolled:
    registrant: Registrant
    credential: str
    phone: Client  # the registrant's phone: the device API with its credential


def phone_client(credential: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {credential}")


@pytest.fixture
def enrolled(
    network: Network,
    alice: User,
    areas: dict[str, JurisdictionArea],  # noqa: F811
) -> Enrolled:
    load_case_taxonomy()
    person = person_in(network.consulate_a, given_names="María José", first_surname="Pérez",
                       address_state="TX", address_county="Travis County")  # fmt: skip
    registrant = registrant_enrol(
        actor=actor_for(alice), person=person, phone="(512) 555-0100", pin="2468",
        duress_pin="1357", notice_accepted=True,
        contacts=[
            ContactIn(name="Juan Pérez", relation="spouse", phone="(512) 555-0111"),
            ContactIn(name="Ana", relation="sibling", email="ana@example.com",
                      sees=("received", "safe")),
        ],
    )  # fmt: skip
    code = provisioning_code_issue(actor=actor_for(alice), registrant=registrant)
    _device, credential = device_provision(code=code, label="Android")
    return Enrolled(registrant, credential, phone_client(credential))


def alert_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "client_id": str(uuid.uuid4()),
        "raised_at": (NOW - timedelta(seconds=20)).isoformat(),
        "position": {"latitude": AUSTIN[0], "longitude": AUSTIN[1], "accuracy_m": 35,
                     "fix_at": (NOW - timedelta(seconds=25)).isoformat()},
        "text": "Hay agentes afuera de mi trabajo",
    }  # fmt: skip
    body.update(overrides)
    return body


def worker_runs() -> int:
    """What the task worker does next with the jobs ingest queued: dispatch each alert."""
    return dispatch_pending()


def raise_alert(phone: Client, **overrides: Any) -> Any:
    """The phone raises an alert, and the worker dispatches it."""
    response = phone.post("/api/v1/alerts/device/alerts", alert_body(**overrides),
                          content_type="application/json")  # fmt: skip
    worker_runs()
    return response


def sent(kind: str, *, containing: str = "", to: str = "") -> list[Notification]:
    """The notifications of `kind` whose subject contains `containing`, sent to phone `to`:
    read in Python, since texts and addresses are encrypted and cannot be filtered in SQL."""
    return [
        n for n in Notification.objects.filter(kind=kind).order_by("pk")
        if containing in n.subject and (not to or n.phone_e164 == to)
    ]  # fmt: skip
