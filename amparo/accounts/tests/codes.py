"""TOTP codes for tests. A device accepts each time step once (last_t), so a test that
signs in twice asks for the code of a later step (tolerance allows one step ahead)."""

import time
from collections.abc import Callable

from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code_for(device: TOTPDevice) -> str:
    accepted = {code_for(device, steps_ahead=steps) for steps in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in accepted)


# The `as_user` fixture of amparo/conftest.py: as_user(user, membership=None) -> Client.
AsUser = Callable[..., Client]
