from datetime import timedelta

from django.utils import timezone

from amparo.accounts.models import User
from amparo.conftest import Network
from amparo.notifications.models import OnDutyShift
from amparo.notifications.tests.factories import notification_for

BASE = "/api/v1/notifications"


def test_i_list_only_my_notifications(as_user, alice: User, bob: User, network: Network) -> None:
    notification_for(alice, network.consulate_a, subject="Para Alice")
    notification_for(bob, network.consulate_b, subject="Para Bob")
    response = as_user(alice).get(f"{BASE}/mine")
    assert response.status_code == 200
    assert [item["subject"] for item in response.json()["items"]] == ["Para Alice"]


def test_only_the_recipient_acknowledges_through_the_api(
    as_user, alice: User, bob: User, network: Network
) -> None:
    notification = notification_for(alice, network.consulate_a)
    url = f"{BASE}/{notification.pk}/acknowledge"
    assert as_user(bob).post(url).status_code == 404
    assert as_user(alice).post(f"{BASE}/999999/acknowledge").status_code == 404
    response = as_user(alice).post(url)
    assert response.status_code == 200
    assert response.json()["acknowledged_by_id"] == alice.pk


def test_pending_acks_are_scoped_to_the_supervisors_office(
    as_user, alice: User, bob: User, carla: User, network: Network
) -> None:
    notification_for(alice, network.consulate_a, subject="Pendiente en A")
    notification_for(bob, network.consulate_b, subject="Pendiente en B")
    response = as_user(carla).get(f"{BASE}/pending-acks")
    assert [i["subject"] for i in response.json()["items"]] == ["Pendiente en A"]
    assert as_user(alice).get(f"{BASE}/pending-acks").status_code == 403


def test_shifts_through_the_api(
    as_user, alice: User, bob: User, carla: User, network: Network
) -> None:
    start = timezone.now() + timedelta(hours=1)
    payload = {
        "office_id": network.consulate_a.pk,
        "user_id": alice.pk,
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=8)).isoformat(),
    }
    client = as_user(carla)
    assert (
        as_user(alice).post(f"{BASE}/shifts", payload, content_type="application/json").status_code
        == 403
    )
    other = payload | {"office_id": network.consulate_b.pk, "user_id": bob.pk}
    assert client.post(f"{BASE}/shifts", other, content_type="application/json").status_code == 403
    naive = payload | {"starts_at": "2030-01-01T08:00:00", "ends_at": "2030-01-01T16:00:00"}
    assert client.post(f"{BASE}/shifts", naive, content_type="application/json").status_code == 422
    created = client.post(f"{BASE}/shifts", payload, content_type="application/json")
    assert created.status_code == 201
    shift_id = created.json()["id"]
    assert [s["id"] for s in as_user(alice).get(f"{BASE}/shifts").json()] == [shift_id]
    assert as_user(bob).get(f"{BASE}/shifts").json() == []
    assert client.post(f"{BASE}/shifts/{shift_id}/cancel").status_code == 200
    assert OnDutyShift.objects.get().cancelled_by == carla


def test_anonymous_callers_get_401(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get(f"{BASE}/mine").status_code == 401
