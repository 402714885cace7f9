"""Django's `flush`, aware of the append-only access trail.

Emptying the whole database is a development and test operation (Django's transactional
tests and the browser tests call it between tests). Outside production this command lifts
the audit triggers, flushes and puts them back, all in one transaction. In production it
refuses: the access trail is never emptied.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands import flush
from django.db import connections, transaction

from amparo.audit import append_only


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        if getattr(settings, "PRODUCTION", False):
            raise CommandError(
                "La bitácora de accesos es de solo inserción: no se vacía la base en producción."
            )
        connection = connections[options["database"]]
        with transaction.atomic(using=connection.alias):
            append_only.run(connection, install=False)
            super().handle(**options)
            append_only.run(connection, install=True)
