"""The support API walks a bail request end to end and answers broken rules with 422."""

from amparo.accounts.models import User
from amparo.cases.tests.factories import actor_for, open_case_as
from amparo.conftest import Network
from amparo.support.models import Fund
from amparo.support.services import deposit, fund_open


def test_a_bail_request_through_the_api(
    as_user, fund: Fund, alice: User, carla: User, adan: User
) -> None:
    admin, officer, head = as_user(adan), as_user(alice), as_user(carla)
    case = open_case_as(alice, flags={"is_detained": True})
    deposited = admin.post(
        f"/api/v1/support/funds/{fund.pk}/deposits",
        {"amount": 300_000_00, "idempotency_key": "budget-2025"}, content_type="application/json",
    )  # fmt: skip
    assert deposited.status_code == 201, deposited.content

    created = officer.post(
        "/api/v1/support/requests",
        {"case_id": case.pk, "fund_id": fund.pk, "kind": "bail_bond", "amount": 3_842_00,
         "payee_name": "Chicago Bond Fund", "payee_kind": "partner",
         "justification": "Fianza de USD 7,500.", "cofunders": [{"name": "CBF", "amount": 3_658_00}]},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    request_id = created.json()["id"]

    own = officer.post(
        f"/api/v1/support/requests/{request_id}/decisions",
        {"level": "office", "approved": True, "minutes_number": "A-1"}, content_type="application/json",
    )  # fmt: skip
    assert own.status_code == 422  # whoever asks never decides
    assert "no puede aprobar" in own.content.decode()

    decided = head.post(
        f"/api/v1/support/requests/{request_id}/decisions",
        {"level": "office", "approved": True, "minutes_number": "CAPC-TA-2025-07"},
        content_type="application/json",
    )  # fmt: skip
    assert decided.json()["status"] == "approved"
    paid = admin.post(f"/api/v1/support/requests/{request_id}/payment")
    assert paid.json()["status"] == "paid"

    balances = {
        a["kind"]: a["balance"]
        for a in admin.get(f"/api/v1/support/funds/{fund.pk}").json()["accounts"]
    }
    assert balances["available"] == 300_000_00 - 3_842_00
    assert balances["paid"] == 3_842_00
    statement = admin.get(f"/api/v1/support/funds/{fund.pk}/postings").json()
    assert [p["kind"] for p in statement["items"]] == ["deposit", "hold", "payment"]  # oldest first


def test_broken_rules_answer_422_with_the_reason(as_user, fund: Fund, adan: User) -> None:
    admin = as_user(adan)
    response = admin.post(
        f"/api/v1/support/funds/{fund.pk}/deposits",
        {"amount": -5, "idempotency_key": "bad"}, content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 422
    assert "centavos" in response.content.decode()


def test_allocation_statement_and_entries_through_the_api(
    as_user, fund: Fund, alice: User, carla: User, adan: User
) -> None:
    admin, officer, head = as_user(adan), as_user(alice), as_user(carla)
    json = "application/json"
    admin.post(f"/api/v1/support/funds/{fund.pk}/deposits",
               {"amount": 10_000_00, "idempotency_key": "budget"}, content_type=json)  # fmt: skip
    allocated = admin.post(
        f"/api/v1/support/funds/{fund.pk}/allocations",
        {"office_code": "TA", "amount": 2_000_00, "idempotency_key": "ta"}, content_type=json,
    )  # fmt: skip
    assert allocated.status_code == 201, allocated.content
    unknown = admin.post(
        f"/api/v1/support/funds/{fund.pk}/allocations",
        {"office_code": "NOPE", "amount": 1_00, "idempotency_key": "x"}, content_type=json,
    )  # fmt: skip
    assert unknown.status_code == 422

    case = open_case_as(alice)
    created = officer.post(
        "/api/v1/support/requests",
        {"case_id": case.pk, "fund_id": fund.pk, "kind": "medical_repatriation",
         "amount": 1_500_00, "payee_name": "Aeroméxico", "payee_kind": "airline",
         "justification": "Traslado en camilla a Guadalajara."},
        content_type=json,
    )  # fmt: skip
    request_id = created.json()["id"]
    assert created.json()["logistics"][0]["step"] == "hospital_abroad"
    decided = head.post(
        f"/api/v1/support/requests/{request_id}/decisions",
        {"level": "office", "approved": True, "minutes_number": "A-2"}, content_type=json,
    )  # fmt: skip
    assert decided.json()["ledger_office_code"] == "TA"
    assert decided.json()["held_amount"] == 1_500_00

    flight = officer.post(
        f"/api/v1/support/requests/{request_id}/logistics",
        {"step": "flight", "done_on": "2025-03-02", "detail": "AM 681"}, content_type=json,
    )  # fmt: skip
    assert flight.status_code == 200, flight.content
    lines = {line["step"]: line for line in flight.json()["logistics"]}
    assert lines["flight"]["done_on"] == "2025-03-02"
    wrong = officer.post(
        f"/api/v1/support/requests/{request_id}/logistics",
        {"step": "permits", "done_on": "2025-03-02"}, content_type=json,
    )  # fmt: skip
    assert wrong.status_code == 422

    statement = admin.get(
        f"/api/v1/support/funds/{fund.pk}/statement",
        {"start": "2000-01-01", "end": "2100-12-31", "office_code": "TA"},
    ).json()
    assert statement["opening"] == 0
    assert {line["kind"]: line["change"] for line in statement["lines"]} == {
        "allocation": 2_000_00, "hold": 0,
    }  # fmt: skip
    assert statement["closing_available"] == 500_00
    assert statement["closing_committed"] == 1_500_00
    holds = admin.get(f"/api/v1/support/funds/{fund.pk}/postings", {"kind": "hold"}).json()
    assert [p["kind"] for p in holds["items"]] == ["hold"]
    backwards = admin.get(
        f"/api/v1/support/funds/{fund.pk}/statement", {"start": "2025-02-01", "end": "2025-01-01"}
    )
    assert backwards.status_code == 422


def test_a_dollar_request_on_a_peso_fund_needs_the_rate(
    as_user, adan: User, alice: User, carla: User, network: Network
) -> None:
    pesos = fund_open(actor=actor_for(adan), name="Fondo MXN", currency="MXN",
                      office=network.headquarters)  # fmt: skip
    deposit(actor=actor_for(adan), fund=pesos, amount=500_000_00, idempotency_key="mxn")
    created = as_user(alice).post(
        "/api/v1/support/requests",
        {"case_id": open_case_as(alice).pk, "fund_id": pesos.pk, "kind": "remains_repatriation",
         "amount": 4_000_00, "currency": "USD", "payee_name": "Funeraria", "payee_kind": "funeral_home",
         "justification": "Traslado."},
        content_type="application/json",
    )  # fmt: skip
    assert created.json()["currency"] == "USD"
    request_id = created.json()["id"]
    without = as_user(carla).post(
        f"/api/v1/support/requests/{request_id}/decisions",
        {"level": "office", "approved": True, "minutes_number": "A-3"},
        content_type="application/json",
    )  # fmt: skip
    assert without.status_code == 422
    assert "tipo de cambio" in without.content.decode()
    as_user(carla).post(
        f"/api/v1/support/requests/{request_id}/decisions",
        {"level": "office", "approved": True, "minutes_number": "A-3", "exchange_rate": "18.20"},
        content_type="application/json",
    )  # fmt: skip
    approved = as_user(adan).post(
        f"/api/v1/support/requests/{request_id}/decisions",
        {"level": "headquarters", "approved": True, "minutes_number": "H-3",
         "exchange_rate": "18.25"},
        content_type="application/json",
    ).json()  # fmt: skip
    assert approved["status"] == "approved"
    assert approved["held_amount"] == 73_000_00
    assert approved["exchange_rate"] == "18.250000"
