from django.test import Client

from amparo.accounts.models import Role, User
from amparo.accounts.tests.codes import AsUser
from amparo.accounts.tests.factories import MembershipFactory
from amparo.conftest import Network

ME = "/api/v1/accounts/me"
USERS = "/api/v1/accounts/users"


def test_me_describes_the_acting_membership_and_the_others(
    as_user: AsUser,
    alice: User,
    network: Network,
) -> None:
    MembershipFactory(user=alice, office=network.consulate_b, role=Role.CONSULAR_OFFICER)

    body = as_user(alice).get(ME).json()

    assert body["username"] == "alice"
    assert (body["role"], body["office_code"]) == (Role.CONSULAR_OFFICER, "TA")
    assert {m["office_code"] for m in body["memberships"]} == {"TA", "TB"}


def test_me_needs_a_verified_session(client: Client, alice: User) -> None:
    assert client.get(ME).status_code == 401
    client.force_login(alice)
    response = client.get(ME)
    assert response.status_code == 401
    assert "detail" in response.json()


def test_the_user_list_is_scoped_like_the_pages(
    as_user: AsUser,
    carla: User,
    adan: User,
    alice: User,
    bob: User,
) -> None:
    carla_body = as_user(carla).get(USERS).json()
    assert {u["username"] for u in carla_body["items"]} == {"alice", "carla"}
    assert carla_body["count"] == 2

    adan_names = {u["username"] for u in as_user(adan).get(USERS).json()["items"]}
    assert {"alice", "bob", "carla", "adan"} <= adan_names


def test_the_user_list_shows_a_head_only_their_office_memberships(
    as_user: AsUser,
    carla: User,
    alice: User,
    network: Network,
) -> None:
    MembershipFactory(user=alice, office=network.consulate_b, role=Role.EXTERNAL_LAWYER)
    items = as_user(carla).get(USERS, {"q": "alice"}).json()["items"]
    assert [m["office_code"] for m in items[0]["memberships"]] == ["TA"]


def test_the_user_list_is_forbidden_to_other_roles(
    as_user: AsUser,
    alice: User,
    ana: User,
) -> None:
    for user in (alice, ana):
        response = as_user(user).get(USERS)
        assert response.status_code == 403
        assert "detail" in response.json()
