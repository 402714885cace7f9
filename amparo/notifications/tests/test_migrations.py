"""The migration that encrypted notifications at rest leaves no clear text behind: rows
written before it (clear addresses and texts) are encrypted in place and read back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from amparo.conftest import Network
from amparo.notifications.models import Notification, SmsOutboxMessage

BEFORE = [("notifications", "0003_web_push")]
AFTER = [("notifications", "0004_encrypted_addresses_and_texts")]


@pytest.mark.django_db(transaction=True)
def test_rows_written_in_clear_are_encrypted_by_the_migration(network: Network) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
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
    executor = MigrationExecutor(connection)  # a fresh graph, as `migrate` builds
    executor.migrate(AFTER)

    stored = Notification.objects.get()
    assert (stored.email, stored.phone_e164, stored.subject, stored.body) == (
        "tia@example.org", "+15125550111", "Su código es 482913", "Detalle",
    )  # fmt: skip
    assert SmsOutboxMessage.objects.get().text == "Su código es 482913"
    with connection.cursor() as cursor:
        cursor.execute("SELECT email, phone_e164, subject, body FROM notifications_notification")
        raw = " ".join(cursor.fetchone())
    assert not any(clear in raw for clear in ("tia@", "5125550111", "482913", "Detalle"))
