"""A process killed with kill -9 in the middle of a posting leaves all of its entries or
none: the posting's transaction never commits half (PostgreSQL, where another process can
reach the test database)."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from amparo.accounts.models import User
from amparo.cases.tests.factories import actor_for
from amparo.support.models import AccountKind, Fund, Posting, Transfer
from amparo.support.services import account_for, deposit

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a second process"),
    pytest.mark.django_db(transaction=True),
]
ROOT = Path(settings.BASE_DIR)
LEGS = 500

# The child posts one deposit of LEGS transfers and, between writing the transfers and the
# accounts' totals (still inside the transaction), says so and waits to be killed.
CHILD = f"""
import sys, time, django
django.setup()
from amparo.accounts.actor import resolve_actor
from amparo.accounts.models import User
from amparo.support import services
from amparo.support.models import AccountKind, Fund

def stop_here(legs, _apply=services._apply_totals):
    print("inside", flush=True)
    time.sleep(60)
    _apply(legs)

services._apply_totals = stop_here
fund = Fund.objects.get(pk=int(sys.argv[1]))
actor = resolve_actor(User.objects.get(username="adan"), None)
source = services.account_for(fund, AccountKind.FUNDING)
available = services.account_for(fund, AccountKind.AVAILABLE)
services.post(actor=actor, fund=fund, kind="deposit", idempotency_key="killed",
              legs=[services.Leg(available, source, 1_00)] * {LEGS})
"""


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_a_posting_killed_midway_leaves_nothing(fund: Fund, adan: User) -> None:
    deposit(actor=actor_for(adan), fund=fund, amount=10_00, idempotency_key="before")
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    child = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", CHILD, str(fund.pk)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "inside"
        assert (
            Transfer.objects.filter(posting__idempotency_key="killed").count() == 0
        )  # uncommitted
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)

    assert child.returncode == -signal.SIGKILL
    assert not Posting.objects.filter(idempotency_key="killed").exists()
    assert Transfer.objects.filter(fund=fund).count() == 1
    available = account_for(fund, AccountKind.AVAILABLE)
    assert (available.debits, available.credits) == (10_00, 0)
