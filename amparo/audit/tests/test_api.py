import pytest

from amparo.accounts.actor import resolve_actor
from amparo.accounts.models import User
from amparo.audit.models import AccessRecord, Action
from amparo.audit.services import audit_record
from amparo.conftest import Network
from amparo.people.tests.factories import PersonFactory

RECORDS = "/api/v1/audit/records"


@pytest.fixture
def alice_read_it(alice: User, network: Network) -> AccessRecord:
    person = PersonFactory.create(office=network.consulate_a)
    return audit_record(actor=resolve_actor(alice, None), action=Action.VIEW, target=person)


def test_the_auditor_reads_the_trail_and_an_officer_gets_404(
    as_user, alice: User, aurora: User, alice_read_it: AccessRecord
) -> None:
    denied = as_user(alice).get(RECORDS)
    assert denied.status_code == 404
    assert denied.json() == {"detail": "No encontrado."}

    response = as_user(aurora).get(RECORDS, {"username": "alice"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["items"][0]["id"] == alice_read_it.pk
    assert body["items"][0]["target_type"] == "people.person"


def test_records_for_one_target(
    as_user, aurora: User, bob: User, alice_read_it: AccessRecord
) -> None:
    url = f"/api/v1/audit/targets/people.person/{alice_read_it.target_id}/records"
    response = as_user(aurora).get(url)
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [alice_read_it.pk]
    assert as_user(bob).get(url).status_code == 404


def test_an_unknown_action_is_a_422(as_user, aurora: User) -> None:
    response = as_user(aurora).get(RECORDS, {"action": "rewrite"})
    assert response.status_code == 422
    assert "detail" in response.json()


def test_anonymous_callers_get_401(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get(RECORDS).status_code == 401
