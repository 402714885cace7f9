"""The support API walks a bail request end to end and answers broken rules with 422."""

from amparo.accounts.models import User
from amparo.cases.tests.factories import open_case_as
from amparo.support.models import Fund


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
    assert [p["kind"] for p in statement["items"]] == ["payment", "hold", "deposit"]


def test_broken_rules_answer_422_with_the_reason(as_user, fund: Fund, adan: User) -> None:
    admin = as_user(adan)
    response = admin.post(
        f"/api/v1/support/funds/{fund.pk}/deposits",
        {"amount": -5, "idempotency_key": "bad"}, content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 422
    assert "centavos" in response.content.decode()
