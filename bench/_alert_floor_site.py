"""The project's URLs plus the alert benches' floor: POST /api/bench/alert-floor/ — a minimal
device-authenticated INSERT endpoint. The same framework as the phone's API (django-ninja),
the same credential check and per-device limit, the same alert body parsed; then one INSERT
of the alert's row on a raw cursor: no validation beyond the schema, no routing, no
idempotency, no dispatch job."""

import uuid

from django.db import connection, transaction
from django.http import HttpRequest
from django.urls import path
from django.utils import timezone
from ninja import NinjaAPI, Status
from ninja.throttling import AuthRateThrottle

from amparo.alerts.device_api import DEVICE_RATE, DeviceAlertIn, DeviceAuth
from amparo.alerts.models import Device
from config.urls import urlpatterns as project_urls

floor_api = NinjaAPI(urls_namespace="bench_floor", auth=DeviceAuth(),
                     throttle=[AuthRateThrottle(DEVICE_RATE)], docs_url=None)  # fmt: skip


@floor_api.post("/", response={201: None})
def alert_floor(request: HttpRequest, payload: DeviceAlertIn) -> Status[None]:
    device: Device = request.auth  # type: ignore[attr-defined]
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO alerts_alert (registrant_id, device_id, client_id, body_hash,"
            " home_office_id, office_id, routed_by, raised_at, received_at, position, text,"
            " duress, is_test, status, level, level_at, close_reason, shown_closed)"
            " VALUES (%s, %s, %s, '', %s, %s, 'point', %s, %s, '', '', false, false,"
            " 'closed', 0, %s, 'bench', false)",
            [device.registrant_id, device.pk, uuid.uuid4(), device.registrant.office_id,
             device.registrant.office_id, payload.raised_at, now, now],
        )  # fmt: skip
    return Status(201, None)


# Under /api/ like the phone's API, so the same middleware treats it the same way.
urlpatterns = [path("api/bench/alert-floor/", floor_api.urls), *project_urls]
