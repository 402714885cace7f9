"""Approvals racing on PostgreSQL, where writers really run in parallel."""

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from amparo.accounts.models import User
from amparo.cases.models import Materia
from amparo.cases.taxonomy import load_case_taxonomy
from amparo.cases.tests.factories import actor_for
from amparo.legal.invoices import fee_set, invoice_decide, invoice_submit
from amparo.legal.models import Contract, InvoiceLine, InvoiceStatus
from amparo.legal.tests.conftest import Pale
from amparo.legal.tests.test_invoices import MARCH, accepted

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs parallel writers"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def taxonomy(transactional_db: None) -> None:
    """A transactional test starts from an empty database: the matters come back first."""
    load_case_taxonomy()


def test_twenty_approvals_at_once_never_pass_the_ceiling(
    pale: Pale, alice: User, carla: User
) -> None:
    fee_set(actor=actor_for(carla), contract=pale.contract, level="advice",
            materia=Materia.objects.get(code="MIGRATORIO"), hourly=100_00)  # fmt: skip
    referral = accepted(pale, alice)
    lines = [
        invoice_submit(actor=actor_for(pale.lawyer), referral=referral, month=MARCH, level="advice",
                       hours=Decimal(40), description=f"Mes {n}")  # 4,000 each; ceiling 50,000
        for n in range(20)
    ]  # fmt: skip

    def approve(line: InvoiceLine) -> object:
        try:
            return invoice_decide(actor=actor_for(alice), line=line, approve=True)
        except ValidationError as error:
            return error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(approve, lines))

    approved = InvoiceLine.objects.filter(status=InvoiceStatus.APPROVED).count()
    assert approved == 12  # 12 times 4,000 = 48,000; a 13th would pass 50,000
    assert sum(isinstance(r, ValidationError) for r in results) == 8
    assert Contract.objects.get(pk=pale.contract.pk).approved_total == 48_000_00
