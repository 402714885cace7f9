"""Print the current second-factor code of a demo user, for people without an
authenticator app. Only demo users: their secrets are public anyway."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django_otp.oath import TOTP

from amparo.demo.accounts import DEMO_USERS, demo_user, secret_to_hex


def demo_code(username: str) -> str:
    demo = demo_user(username)
    if demo is None:
        names = ", ".join(d.username for d in DEMO_USERS)
        raise CommandError(
            _("No es un usuario de demostración. Use uno de: %(names)s") % {"names": names}
        )
    totp = TOTP(bytes.fromhex(secret_to_hex(demo.totp_secret)))
    return f"{totp.token():06d}"


class Command(BaseCommand):
    help = "Muestra el código de 6 dígitos vigente de un usuario de demostración."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        code = demo_code(options["username"])
        self.stdout.write(code)
        seconds_left = 30 - int(time.time()) % 30
        self.stderr.write(_("Válido unos %(seconds)s segundos más.") % {"seconds": seconds_left})
