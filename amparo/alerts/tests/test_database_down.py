"""While the database does not answer, the phone's API says 503 with Retry-After (its
outbox retries the same alert), never a 2xx and never a bare 500. The failure is raised
where the driver would raise it; bench/alert_burst.py stops a real PostgreSQL mid-burst."""

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client

from amparo.alerts.tests.conftest import Enrolled, raise_alert


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
@pytest.mark.parametrize("where", ["amparo.alerts.enrolment.device_for_credential",
                                   "amparo.alerts.ingest.alert_raise"])  # fmt: skip
def test_the_phone_is_told_to_retry(
    enrolled: Enrolled, monkeypatch: pytest.MonkeyPatch, error: type[Exception], where: str
) -> None:
    def down(*args: object, **kwargs: object) -> None:
        raise error("connection to server on socket failed: Connection refused")

    monkeypatch.setattr(where, down)
    response = enrolled.phone.post(
        "/api/v1/alerts/device/alerts", {}, content_type="application/json"
    )
    assert response.status_code in (422, 503)  # an empty body is refused before the database
    response = (
        raise_alert(enrolled.phone)
        if where.endswith("alert_raise")
        else enrolled.phone.get("/api/v1/alerts/device/me")
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "no disponible" in response.json()["detail"]


def test_a_page_says_503_too(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    def down(*args: object, **kwargs: object) -> None:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("amparo.alerts.public_views.render", down)
    client.raise_request_exception = False
    response = client.get("/boton/instalar/")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "no responde" in response.content.decode()
