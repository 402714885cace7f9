"""The migrations that encrypted notifications and staff phones at rest leave no clear text
behind: rows written before them are encrypted in place and read back."""

from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from amparo.conftest import Network
from amparo.notifications.models import Notification, SmsOutboxMessage, StaffContact


@pytest.fixture
def executor() -> Iterator[MigrationExecutor]:
    """Migrations run back and forth; the next tests find the schema at its latest."""
    yield MigrationExecutor(connection)
    latest = MigrationExecutor(connection)
    latest.migrate(latest.loader.graph.leaf_nodes())


def _migrate(to: str) -> None:
    MigrationExecutor(connection).migrate([("notifications", to)])  # a fresh graph each time


@pytest.mark.django_db(transaction=True)
def test_notifications_written_in_clear_are_encrypted(
    network: Network, executor: MigrationExecutor
) -> None:
    _migrate("0003_web_push")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO notifications_notification (email, phone_e164, office_id, kind, subject,"
            " body, link, urgency, created_at, related_type, related_id, requires_ack)"
            " VALUES ('tia@example.org', '+15125550111', %s, 'alert_family',"
            " 'Su código es 482913', 'Detalle', '', 'normal', CURRENT_TIMESTAMP, '', '', %s)",
            [network.consulate_a.pk, False],
        )
        cursor.execute(
            'INSERT INTO notifications_smsoutboxmessage ("to", text, created_at)'
            " VALUES ('+15125550111', 'Su código es 482913', CURRENT_TIMESTAMP)"
        )
    _migrate("0004_encrypted_addresses_and_texts")

    stored = Notification.objects.get()
    assert (stored.email, stored.phone_e164, stored.subject, stored.body) == (
        "tia@example.org", "+15125550111", "Su código es 482913", "Detalle",
    )  # fmt: skip
    assert SmsOutboxMessage.objects.get().text == "Su código es 482913"
    with connection.cursor() as cursor:
        cursor.execute("SELECT email, phone_e164, subject, body FROM notifications_notification")
        raw = " ".join(cursor.fetchone())
    assert not any(clear in raw for clear in ("tia@", "5125550111", "482913", "Detalle"))


@pytest.mark.django_db(transaction=True)
def test_a_staff_phone_written_in_clear_is_encrypted(alice, executor: MigrationExecutor) -> None:  # type: ignore[no-untyped-def]
    _migrate("0004_encrypted_addresses_and_texts")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO notifications_staffcontact (user_id, phone_e164, updated_at)"
            " VALUES (%s, '+15125550122', CURRENT_TIMESTAMP)",
            [alice.pk],
        )
    _migrate("0005_staff_phone_encrypted")

    assert StaffContact.objects.get().phone_e164 == "+15125550122"
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone_e164 FROM notifications_staffcontact")
        assert "5125550122" not in cursor.fetchone()[0]
