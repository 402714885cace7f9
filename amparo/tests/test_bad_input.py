"""Malformed input gets a clear 4xx, never a 500, and API errors are always JSON. Each
request here once answered 500 (an outside review sent 6,465 malformed requests); the
schemathesis run (test_api_fuzz.py) looks for new ones."""

import json

import pytest
from django.test import Client

from amparo.accounts.models import User
from amparo.accounts.tests.codes import AsUser
from amparo.cases.models import Case
from amparo.cases.tests.factories import open_case_as
from amparo.conftest import Network, login_verified

HUGE = "99999999999999999999999"
GETS = [
    "/api/v1/cases?opened_to=9999-12-31",
    "/api/v1/cases/page?opened_to=9999-12-31",
    "/casos/?opened_to=9999-12-31",
    "/casos/exportar/?opened_to=9999-12-31&export_format=csv",
    "/api/v1/cases/export?opened_to=9999-12-31&format=csv",
    "/auditoria/?until=9999-12-31",
    "/api/v1/audit/records?until=9999-12-31",
    f"/api/v1/people?limit={HUGE}",
    f"/api/v1/people?offset={HUGE}",
    f"/api/v1/people?office_id={HUGE}",
    f"/api/v1/cases?office_id={HUGE}",
    f"/api/v1/cases?subtype_id={HUGE}",
    f"/api/v1/cases/{HUGE}",
    f"/api/v1/accounts/users?limit={HUGE}",
    "/api/v1/notifications/mine?page=9223372036854775808",
    "/api/v1/hotline/reports?date_from=9999-12-30&date_to=9999-12-31",
    "/cuenta/entrar/?next=foo",
]


@pytest.mark.parametrize("path", GETS)
def test_malformed_reads_answer_4xx_or_a_page(as_user: AsUser, adan: User, path: str) -> None:
    response = as_user(adan).get(path)
    assert response.status_code < 500
    if path.startswith("/api/") and response.status_code >= 400:
        assert response.headers["Content-Type"].startswith("application/json")


def test_a_bare_word_as_next_is_ignored_everywhere(
    as_user: AsUser, alice: User, network: Network
) -> None:
    client = as_user(alice)
    assert client.get("/cuenta/entrar/?next=foo")["Location"] == "/"
    membership = alice.memberships.get().pk
    switched = client.post("/cuenta/representacion/", {"membership": membership, "next": "foo"})
    assert switched.status_code == 302 and switched["Location"] == "/"
    assert client.get("/cuenta/entrar/?next=//evil.example/")["Location"] == "/"
    assert client.get("/cuenta/entrar/?next=/casos/")["Location"] == "/casos/"


def _post_json(client: Client, path: str, body: object) -> int:
    return client.post(path, json.dumps(body), content_type="application/json").status_code


def test_datetimes_without_an_offset_are_refused_with_422(
    as_user: AsUser, alice: User, olga: User, network: Network
) -> None:
    case: Case = open_case_as(alice)
    notification = {
        "agency": "ICE",
        "arrested_at": "2026-01-05T10:00:00",
        "learned_at": "2026-01-05T12:00:00",
        "channel": "phone",
    }
    assert _post_json(as_user(alice), f"/api/v1/cases/{case.pk}/notifications", notification) == 422
    call = {
        "topic": "fraud",
        "outcome": "information",
        "caller_phone": "5205550142",
        "started_at": "2026-01-05T10:00:00",
    }
    assert _post_json(as_user(olga), "/api/v1/hotline/calls", call) == 422
    shift = {
        "office_id": network.consulate_a.pk,
        "user_id": alice.pk,
        "starts_at": "2026-01-05T10:00:00",
        "ends_at": "2026-01-05T18:00:00",
    }
    assert _post_json(as_user(alice), "/api/v1/notifications/shifts", shift) == 422


def test_a_lone_surrogate_in_a_note_is_refused_not_stored(as_user: AsUser, alice: User) -> None:
    case = open_case_as(alice)
    events = case.events.count()
    body = '{"text": "\\ud800"}'  # valid JSON, but not text any column can store
    response = as_user(alice).post(
        f"/api/v1/cases/{case.pk}/notes", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert case.events.count() == events
    assert response.headers["Content-Type"].startswith("application/json")


def test_an_unknown_api_path_is_a_json_404(as_user: AsUser, alice: User) -> None:
    for client in (Client(), as_user(alice)):
        response = client.get("/api/v1/no-existe")
        assert response.status_code == 404
        assert response.json() == {"detail": "No encontrado."}
    assert "text/html" in as_user(alice).get("/no-existe/").headers["Content-Type"]


@pytest.mark.parametrize("path", ["/api/v1/cases", "/casos/nuevo/"])
def test_a_multipart_body_without_a_boundary_is_a_400(alice: User, path: str) -> None:
    client = login_verified(Client(enforce_csrf_checks=True), alice)
    client.cookies["csrftoken"] = "a" * 32
    response = client.generic(
        "POST",
        path,
        b'{"text": ""}',
        content_type="multipart/form-data",
        HTTP_X_CSRFTOKEN="a" * 32,
    )
    assert response.status_code == 400


def test_text_no_column_can_store_is_a_400_in_a_body_or_a_query(
    as_user: AsUser, adan: User
) -> None:
    client = as_user(adan)
    script = {
        "slug": "guia-prueba",
        "topic": "consular_procedures",
        "title": "Guía",
        "body": "Texto",
        "language": "es-mx",
        "change_note": "nul \u0000 aquí",
        "publish": False,
    }
    body = json.dumps(script)
    assert _post_json_raw(client, "/api/v1/guidance/scripts", body) == 400
    assert client.get("/api/v1/people/search", {"q": "Garc\x00ia"}).status_code == 400


def test_a_shift_time_with_an_offset_is_refused(as_user: AsUser, adan: User) -> None:
    shift = {"starts_at": "08:35:42Z", "ends_at": "05:38:48-04:29", "operators": []}
    response = as_user(adan).put(
        "/api/v1/hotline/shifts/day", json.dumps(shift), content_type="application/json"
    )
    assert response.status_code == 422


def _post_json_raw(client: Client, path: str, body: str) -> int:
    return client.post(path, body, content_type="application/json").status_code
