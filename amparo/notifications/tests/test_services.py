from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks, Settings

from amparo.accounts.models import Membership, Role, User
from amparo.conftest import Network
from amparo.notifications.models import Delivery, DeliveryStatus, Notification, SmsOutboxMessage
from amparo.notifications.retries import MAX_ATTEMPTS
from amparo.notifications.selectors import acknowledgement_of, on_duty_for
from amparo.notifications.services import Address, notify, notify_office_on_duty
from amparo.notifications.tests.conftest import break_email
from amparo.notifications.tests.doubles import BrokenEmailBackend, BrokenSmsProvider
from amparo.notifications.tests.factories import give_phone, shift_now
from amparo.people.models import Person

SECRET_NAME = "Bexleyquiñones"


def _deliveries(notification: Notification) -> dict[str, Delivery]:
    return {d.channel: d for d in notification.deliveries.all()}


def test_notify_delivers_in_app_and_by_email_after_commit(
    alice: User,
    network: Network,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify(
            recipients=[alice],
            subject="Nuevo caso asignado",
            body="Revise su bandeja.",
            kind="case_assigned",
            office=network.consulate_a,
        )
    deliveries = _deliveries(notification)
    assert set(deliveries) == {"inapp", "email"}
    assert all(d.status == DeliveryStatus.SENT and d.attempts == 1 for d in deliveries.values())
    assert [m.to for m in mail.outbox] == [[alice.email]]


def test_nothing_is_sent_when_the_transaction_rolls_back(
    alice: User,
    network: Network,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    give_phone(alice)
    shift_now(network.consulate_a, alice)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify_office_on_duty(
            office=network.consulate_a, subject="Escalamiento", body="", related=None
        )
        raise RuntimeError("the escalation failed after notifying")
    assert callbacks == []
    assert not Notification.objects.exists()
    assert mail.outbox == [] and not SmsOutboxMessage.objects.exists()


def test_a_failing_channel_is_retried_then_recorded_as_failed(
    alice: User,
    network: Network,
    settings: Settings,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    break_email(settings)
    BrokenEmailBackend.calls = 0
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify(
            recipients=[alice],
            subject="Aviso",
            body="",
            kind="case_assigned",
            office=network.consulate_a,
        )
    email = _deliveries(notification)["email"]
    assert BrokenEmailBackend.calls == MAX_ATTEMPTS
    assert (email.status, email.attempts) == (DeliveryStatus.FAILED, MAX_ATTEMPTS)
    assert email.last_error == "ConnectionRefusedError"
    assert "alice" not in email.last_error
    assert "sms" not in _deliveries(notification)  # normal urgency: no fallback


def test_an_urgent_email_that_fails_falls_back_to_sms(
    alice: User,
    network: Network,
    settings: Settings,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    break_email(settings)
    give_phone(alice, "+15125550111")
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify(
            recipients=[alice],
            subject="Escalamiento urgente CIAM-1",
            body="",
            kind="hotline_escalation",
            urgency="urgent",
            office=network.consulate_a,
        )
    deliveries = _deliveries(notification)
    assert deliveries["email"].status == DeliveryStatus.FAILED
    assert deliveries["sms"].is_fallback and deliveries["sms"].status == DeliveryStatus.SENT
    assert SmsOutboxMessage.objects.get().to == "+15125550111"


def test_a_retry_that_succeeds_ends_sent_with_the_attempts_counted(
    alice: User,
    network: Network,
    settings: Settings,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    settings.AMPARO_SMS_PROVIDER = "amparo.notifications.tests.doubles.FlakySmsProvider"
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify(
            recipients=[Address(phone_e164="+5215512345678")],
            subject="Alerta activada",
            body="",
            kind="alert_contact",
            urgency="urgent",
            office=network.consulate_a,
        )
    sms = _deliveries(notification)["sms"]
    assert (sms.status, sms.attempts, sms.last_error) == (DeliveryStatus.SENT, 2, "")


def test_addresses_and_texts_are_encrypted_at_rest(
    network: Network, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    """A family contact's phone and e-mail are encrypted where the alert button keeps them,
    and an SMS may carry a one-time code: a copy of the database shows none of them."""
    clear = ("+15125550111", "tia.rosa@example.org", "Su código es 482913", "Detalle interno")
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify(
            recipients=[Address(phone_e164=clear[0], email=clear[1])], subject=clear[2],
            body=clear[3], kind="alert_family", office=network.consulate_a,
        )  # fmt: skip
    stored = Notification.objects.get()
    assert (stored.phone_e164, stored.email, stored.subject, stored.body) == clear
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone_e164, email, subject, body FROM notifications_notification")
        raw = " ".join(cursor.fetchone())
        cursor.execute('SELECT "to", text FROM notifications_smsoutboxmessage')
        raw += " ".join(cursor.fetchone())
    assert SmsOutboxMessage.objects.get().text.startswith("Su código es 482913")
    assert not any(part in raw for part in ("5125550111", "tia.rosa", "482913", "Detalle"))
    assert notification.pk == stored.pk


def test_a_bad_phone_number_is_refused_before_anything_is_written(network: Network) -> None:
    with pytest.raises(ValidationError):
        notify(
            recipients=[Address(phone_e164="5512345678")],
            subject="Alerta",
            body="",
            kind="alert_contact",
            office=network.consulate_a,
        )
    assert not Notification.objects.exists()


def test_on_duty_means_a_current_shift_and_an_active_membership(
    alice: User, bob: User, carla: User, network: Network
) -> None:
    shift_now(network.consulate_a, alice)
    shift_now(network.consulate_a, bob)  # bob is not staff of consulate A
    assert on_duty_for(network.consulate_a) == [alice]
    later = timezone.now() + timedelta(days=1)
    assert on_duty_for(network.consulate_a, later) == [carla]


def test_nobody_on_duty_falls_back_to_the_heads_of_office(
    alice: User, carla: User, network: Network
) -> None:
    assert on_duty_for(network.consulate_a) == [carla]
    Membership.objects.filter(user=carla).update(is_active=False)
    assert on_duty_for(network.consulate_a) == []


def test_an_office_with_nobody_at_all_tells_central_administration(
    bob: User, adan: User, network: Network
) -> None:
    notified = notify_office_on_duty(
        office=network.consulate_b, subject="Escalamiento", body="", related=None
    )
    assert [n.recipient for n in notified] == [adan]


def test_nobody_on_duty_tells_the_heads_the_given_supervisors_and_central(
    alice: User, carla: User, adan: User, olga: User, network: Network
) -> None:
    notified = notify_office_on_duty(
        office=network.consulate_a,
        subject="Escalamiento",
        body="",
        related=None,
        also_when_nobody_on_duty=[olga, carla],  # e.g. the CIAM's supervisors
    )
    assert sorted(str(n.recipient) for n in notified) == ["adan", "carla", "olga"]
    shift_now(network.consulate_a, alice)  # someone on duty: only them
    notified = notify_office_on_duty(
        office=network.consulate_a,
        subject="Otro",
        body="",
        related=None,
        also_when_nobody_on_duty=[olga],
    )
    assert [n.recipient for n in notified] == [alice]


def test_the_on_duty_sms_and_email_carry_no_person_names(
    alice: User,
    network: Network,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    give_phone(alice)
    shift_now(network.consulate_a, alice)
    person = Person.objects.create(
        office=network.consulate_a, given_names="Juana", first_surname=SECRET_NAME
    )
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify_office_on_duty(
            office=network.consulate_a,
            subject="Escalamiento urgente CIAM-2026-000123 para Consulado A",
            body=f"Persona: Juana {SECRET_NAME}. Detención inminente.",
            related=person,
        )
    assert set(_deliveries(notification)) == {"inapp", "email", "sms"}
    [sms] = SmsOutboxMessage.objects.all()
    [email] = mail.outbox
    assert "CIAM-2026-000123" in sms.text
    for text in (sms.text, email.subject, email.body):
        assert SECRET_NAME not in text and "Juana" not in text
    assert notification.related_type == "people.person"
    assert notification.requires_ack and notification.is_urgent


def test_on_duty_staff_without_a_phone_get_no_sms_delivery(alice: User, network: Network) -> None:
    shift_now(network.consulate_a, alice)
    [notification] = notify_office_on_duty(
        office=network.consulate_a, subject="Escalamiento", body="", related=None
    )
    assert set(_deliveries(notification)) == {"inapp", "email"}


def test_the_office_acknowledges_when_any_recipient_does(
    alice: User, carla: User, network: Network
) -> None:
    from amparo.accounts.actor import resolve_actor
    from amparo.notifications.services import notification_acknowledge

    shift_now(network.consulate_a, alice)
    shift_now(network.consulate_a, carla)
    related = network.consulate_a  # any model instance stands in for the escalation
    mine, hers = sorted(
        notify_office_on_duty(
            office=network.consulate_a, subject="Escalamiento", body="", related=related
        ),
        key=lambda n: n.recipient_id or 0,
    )
    assert acknowledgement_of(related_type="network.office", related_id=related.pk) is None
    actor = resolve_actor(alice, None)
    assert actor is not None
    notification_acknowledge(notification=mine, actor=actor)
    hers.refresh_from_db()
    assert hers.acknowledged_by == alice
    ack = acknowledgement_of(related_type="network.office", related_id=related.pk)
    assert ack is not None and ack.acknowledged_by == alice


def test_it_refuses_an_invalid_urgency_or_channel(alice: User, network: Network) -> None:
    with pytest.raises(ValidationError):
        notify(
            recipients=[alice],
            subject="A",
            body="",
            kind="k",
            urgency="panic",
            office=network.consulate_a,
        )
    with pytest.raises(ValidationError):
        notify(
            recipients=[alice],
            subject="A",
            body="",
            kind="k",
            channels=["fax"],
            office=network.consulate_a,
        )
    assert not Notification.objects.exists()


def test_the_broken_sms_double_really_fails(settings: Settings) -> None:
    from amparo.notifications.channels.sms import sms_provider

    settings.AMPARO_SMS_PROVIDER = "amparo.notifications.tests.doubles.BrokenSmsProvider"
    with pytest.raises(Exception, match="gateway_timeout"):
        sms_provider().send_sms(to="+15125550100", text="x")
    assert BrokenSmsProvider.calls >= 1


def test_a_role_without_duties_is_never_on_duty(network: Network) -> None:
    from amparo.accounts.tests.factories import MembershipFactory, UserFactory

    lawyer = UserFactory.create(username="lawyer")
    MembershipFactory.create(user=lawyer, office=network.consulate_a, role=Role.EXTERNAL_LAWYER)
    shift_now(network.consulate_a, lawyer)
    assert on_duty_for(network.consulate_a) == []


def test_a_delivery_whose_job_was_lost_is_queued_again_by_the_command(
    alice: User,
    network: Network,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=False):  # the queue "was down"
        [notification] = notify(
            recipients=[alice], subject="Aviso", body="", kind="test", office=network.consulate_a
        )
    email = _deliveries(notification)["email"]
    assert email.status == DeliveryStatus.PENDING and not mail.outbox

    with django_capture_on_commit_callbacks(execute=True):
        call_command("requeue_deliveries")
    email.refresh_from_db()
    assert email.status == DeliveryStatus.PENDING  # too recent: its job may still come

    Delivery.objects.filter(notification=notification).update(
        created_at=timezone.now() - timedelta(minutes=31)
    )
    call_command("requeue_deliveries")
    email.refresh_from_db()
    assert email.status == DeliveryStatus.SENT and [m.to for m in mail.outbox] == [[alice.email]]
    call_command("requeue_deliveries")  # nothing pending: nothing sent twice
    assert len(mail.outbox) == 1
