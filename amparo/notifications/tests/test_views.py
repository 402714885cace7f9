from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from amparo.accounts.models import User
from amparo.audit.models import AccessRecord, Outcome
from amparo.conftest import Network
from amparo.notifications.models import OnDutyShift, StaffContact
from amparo.notifications.tests.factories import notification_for, shift_now


def test_the_inbox_shows_my_notifications_with_unattended_urgent_first(
    as_user, alice: User, bob: User, network: Network
) -> None:
    notification_for(alice, network.consulate_a, subject="Aviso normal", urgency="normal")
    notification_for(alice, network.consulate_a, subject="Escalamiento urgente CIAM-7")
    notification_for(bob, network.consulate_b, subject="Aviso de Bob")
    html = as_user(alice).get(reverse("notifications:inbox")).content.decode()
    assert html.index("Escalamiento urgente CIAM-7") < html.index("Aviso normal")
    assert "Aviso de Bob" not in html


def test_bob_cannot_acknowledge_alices_notification(
    as_user, alice: User, bob: User, network: Network
) -> None:
    notification = notification_for(alice, network.consulate_a)
    url = reverse("notifications:acknowledge", args=[notification.pk])
    assert as_user(bob).post(url).status_code == 404
    notification.refresh_from_db()
    assert notification.acknowledged_at is None
    denied = AccessRecord.objects.get(outcome=Outcome.DENIED)
    assert denied.username == "bob" and denied.target_id == str(notification.pk)
    assert as_user(alice).post(url).status_code == 302
    notification.refresh_from_db()
    assert notification.acknowledged_by == alice


def test_acknowledging_needs_a_post(as_user, alice: User, network: Network) -> None:
    notification = notification_for(alice, network.consulate_a)
    url = reverse("notifications:acknowledge", args=[notification.pk])
    assert as_user(alice).get(url).status_code == 405


def test_the_badge_counts_only_my_unattended_notifications(
    as_user, alice: User, bob: User, network: Network
) -> None:
    notification_for(alice, network.consulate_a)
    notification_for(alice, network.consulate_a, urgency="normal")
    notification_for(bob, network.consulate_b)
    response = as_user(alice).get(reverse("notifications:badge"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert ">2<" in html and "badge--alert" in html
    assert ">1<" in as_user(bob).get(reverse("notifications:badge")).content.decode()


def test_the_badge_slot_polls_every_fifteen_seconds_in_every_signed_in_header(
    as_user, alice: User
) -> None:
    from django.template.loader import render_to_string

    html = render_to_string("notifications/_badge_slot.html")
    assert 'hx-trigger="load, every 15s"' in html
    assert reverse("notifications:badge") in html
    for page in (reverse("dashboard:home"), reverse("cases:list")):
        assert f'hx-get="{reverse("notifications:badge")}"' in as_user(alice).get(page).text


def test_pending_acks_show_only_the_supervisors_office(
    as_user, alice: User, bob: User, carla: User, *, adan: User, network: Network
) -> None:
    notification_for(alice, network.consulate_a, subject="Pendiente en A")
    notification_for(bob, network.consulate_b, subject="Pendiente en B")
    url = reverse("notifications:pending_acks")
    html = as_user(carla).get(url).content.decode()
    assert "Pendiente en A" in html and "Pendiente en B" not in html
    central = as_user(adan).get(url).content.decode()
    assert "Pendiente en A" in central and "Pendiente en B" in central
    assert as_user(alice).get(url).status_code == 404


def test_a_head_of_office_schedules_shifts_for_their_own_staff_only(
    as_user, alice: User, bob: User, carla: User, network: Network
) -> None:
    client = as_user(carla)
    start = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    end = (timezone.now() + timedelta(days=1, hours=8)).strftime("%Y-%m-%dT%H:%M")
    url = reverse("notifications:roster")
    data = {"office": network.consulate_b.pk, "user": bob.pk, "starts_at": start, "ends_at": end}
    assert client.post(url, data).status_code == 400
    data |= {"office": network.consulate_a.pk, "user": alice.pk}
    assert client.post(url, data).status_code == 302
    shift = OnDutyShift.objects.get()
    assert (shift.office, shift.user, shift.created_by) == (network.consulate_a, alice, carla)
    assert shift.ends_at - shift.starts_at == timedelta(hours=8)


def test_a_shift_that_ends_before_it_starts_is_refused_next_to_the_form(
    as_user, alice: User, carla: User, network: Network
) -> None:
    start = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "office": network.consulate_a.pk,
        "user": alice.pk,
        "starts_at": start,
        "ends_at": start,
    }
    response = as_user(carla).post(reverse("notifications:roster"), data)
    assert response.status_code == 400
    assert "terminar después de comenzar" in response.content.decode()
    assert not OnDutyShift.objects.exists()


def test_officers_read_their_roster_but_cannot_schedule_or_cancel(
    as_user, alice: User, bob: User, carla: User, network: Network
) -> None:
    mine = shift_now(network.consulate_a, alice, created_by=carla)
    theirs = shift_now(network.consulate_b, bob)
    client = as_user(alice)
    response = client.get(reverse("notifications:roster"))
    assert [shift.pk for shift in response.context["shifts"]] == [mine.pk]
    assert "Programar guardia" not in response.content.decode()
    assert client.post(reverse("notifications:cancel_shift", args=[mine.pk])).status_code == 404
    head = as_user(carla)
    assert head.post(reverse("notifications:cancel_shift", args=[theirs.pk])).status_code == 404
    assert head.post(reverse("notifications:cancel_shift", args=[mine.pk])).status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.cancelled_by == carla and theirs.cancelled_at is None


def test_staff_set_their_own_phone_for_urgent_sms(as_user, alice: User, bob: User) -> None:
    url = reverse("notifications:contact")
    assert as_user(alice).post(url, {"phone_e164": "512 555"}).status_code == 400
    assert as_user(alice).post(url, {"phone_e164": "+1 512-555-0177"}).status_code == 302
    assert StaffContact.objects.get().user == alice
    assert StaffContact.objects.get().phone_e164 == "+15125550177"
    assert "+15125550177" not in as_user(bob).get(url).content.decode()
