"""Invoices: priced by the fee schedule, never past the contract's ceiling, exported as
LEDES 1998B."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from amparo.accounts.models import User
from amparo.cases.models import Materia
from amparo.cases.tests.factories import actor_for
from amparo.legal.invoices import fee_set, invoice_decide, invoice_submit
from amparo.legal.ledes import FIELDS, ledes_1998b
from amparo.legal.models import Contract, InvoiceLine, InvoiceStatus, Referral
from amparo.legal.services import Consent, referral_answer, referral_send
from amparo.legal.tests.conftest import Pale

MARCH = date(2026, 3, 1)


def accepted(pale: Pale, alice: User) -> Referral:
    referral = referral_send(actor=actor_for(alice), case=pale.case, provider=pale.provider,
                             consent=Consent("signed_form", "CP-17"), share=["name"])  # fmt: skip
    return referral_answer(actor=actor_for(pale.lawyer), referral=referral, accept=True)


@pytest.fixture
def priced(pale: Pale, carla: User) -> Pale:
    fee_set(actor=actor_for(carla), contract=pale.contract, level="representation",
            materia=Materia.objects.get(code="MIGRATORIO"), hourly=150_00)  # fmt: skip
    return pale


def bill(pale: Pale, referral: Referral, hours: str, amount: int | None = None) -> InvoiceLine:
    return invoice_submit(actor=actor_for(pale.lawyer), referral=referral, month=date(2026, 3, 9),
                          level="representation", hours=Decimal(hours), amount=amount,
                          description="Audiencia de fianza y preparación")  # fmt: skip


def test_a_line_is_priced_by_the_fee_schedule_and_approved(priced: Pale, alice: User) -> None:
    referral = accepted(priced, alice)
    line = bill(priced, referral, "3.5")
    assert (line.month, line.amount) == (MARCH, 525_00)
    with pytest.raises(PermissionDenied):
        invoice_decide(actor=actor_for(priced.lawyer), line=line, approve=True)
    invoice_decide(actor=actor_for(alice), line=line, approve=True)
    assert Contract.objects.get(pk=priced.contract.pk).approved_total == 525_00


def test_over_the_fee_schedule_or_the_ceiling_is_refused(priced: Pale, alice: User) -> None:
    referral = accepted(priced, alice)
    with pytest.raises(ValidationError, match="tarifa"):
        bill(priced, referral, "1", amount=150_01)
    with pytest.raises(ValidationError, match="techo"):
        bill(priced, referral, "400")  # 60,000 against a ceiling of 50,000
    with pytest.raises(ValidationError, match="tarifa para ese nivel"):
        invoice_submit(actor=actor_for(priced.lawyer), referral=referral, month=MARCH,
                       level="consultation", hours=Decimal(1), description="Consulta")  # fmt: skip
    assert not InvoiceLine.objects.exists()


def test_approvals_stop_at_the_ceiling(priced: Pale, alice: User) -> None:
    referral = accepted(priced, alice)
    lines = [bill(priced, referral, "200") for _n in range(2)]  # 30,000 each, ceiling 50,000
    invoice_decide(actor=actor_for(alice), line=lines[0], approve=True)
    with pytest.raises(ValidationError, match="techo"):
        invoice_decide(actor=actor_for(alice), line=lines[1], approve=True)
    lines[1].refresh_from_db()
    assert lines[1].status == InvoiceStatus.SUBMITTED  # nothing half-written
    assert Contract.objects.get(pk=priced.contract.pk).approved_total == 30_000_00


def test_a_rejection_needs_a_reason(priced: Pale, alice: User) -> None:
    line = bill(priced, accepted(priced, alice), "1")
    with pytest.raises(ValidationError):
        invoice_decide(actor=actor_for(alice), line=line, approve=False)
    line = invoice_decide(
        actor=actor_for(alice), line=line, approve=False, reason="Horas duplicadas"
    )
    assert line.status == InvoiceStatus.REJECTED


def test_approved_lines_export_as_ledes_1998b(priced: Pale, alice: User) -> None:
    referral = accepted(priced, alice)
    for hours in ("2", "1.25"):
        invoice_decide(actor=actor_for(alice), line=bill(priced, referral, hours), approve=True)
    text = ledes_1998b(InvoiceLine.objects.order_by("id"), invoice_date=date(2026, 4, 1))
    lines = text.split("\r\n")
    assert lines[0] == "LEDES1998B[]"
    assert lines[1] == "|".join(FIELDS) + "[]"
    first = lines[2].removesuffix("[]").split("|")
    assert len(first) == 24
    assert first[:7] == [
        "20260401", f"AMP-{priced.contract.pk}-202603", "TA", f"PALE-{referral.pk}", "487.50",
        "20260301", "20260331",
    ]  # fmt: skip
    assert first[9:13] == ["F", "2.00", "0.00", "300.00"]
    assert first[20] == "150.00"  # the unit cost: the hourly fee
