"""Invoices: each month a provider's lawyer submits a line per referral, priced by the
contract's fee schedule (hours times the hourly fee of the service level in the case's matter;
a lower amount may be billed, never a higher one); the office approves or rejects it. The
approved total never passes the contract's ceiling, even with approvals racing: the
contract's running total is raised in the approval's transaction under a CHECK. Approved
lines export as LEDES 1998B."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import may_write
from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.models import Materia
from amparo.core.text import clean_text
from amparo.legal.models import (
    Contract,
    Fee,
    InvoiceLine,
    InvoiceStatus,
    Referral,
    ReferralStatus,
    ServiceLevel,
)
from amparo.legal.permissions import is_lawyer_of

BILLABLE = (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS, ReferralStatus.CONCLUDED)
MAX_HOURS = Decimal("744")  # a month's hours


def fee_set(*, actor: Actor, contract: Contract, level: str, materia: Materia, hourly: int) -> Fee:
    if not may_write(actor, contract):
        raise PermissionDenied
    if level not in ServiceLevel.values:
        raise ValidationError({"level": _("Nivel de servicio no válido.")})
    if type(hourly) is not int or not 0 < hourly <= 10_000_00:
        raise ValidationError(
            {"hourly": _("La tarifa debe ser un número entero de centavos mayor que cero.")}
        )
    with transaction.atomic():
        fee, _created = Fee.objects.update_or_create(
            contract=contract, level=level, materia=materia, defaults={"hourly": hourly}
        )
        audit_record(actor=actor, action=Action.UPDATE, target=fee)
    return fee


def invoice_submit(
    *, actor: Actor, referral: Referral, month: date, level: str, hours: Decimal,
    description: str, amount: int | None = None,
) -> InvoiceLine:  # fmt: skip
    """A lawyer's line for `month` on `referral`, priced by the fee schedule."""
    if not is_lawyer_of(actor, referral):
        raise PermissionDenied
    if referral.status not in BILLABLE:
        raise ValidationError({"status": _("Solo se factura una canalización aceptada.")})
    if level not in ServiceLevel.values:
        raise ValidationError({"level": _("Nivel de servicio no válido.")})
    try:
        hours = Decimal(hours).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError):
        hours = Decimal(0)
    if not 0 < hours <= MAX_HOURS:
        raise ValidationError(
            {"hours": _("Las horas deben ser mayores que cero y caber en un mes.")}
        )
    month = month.replace(day=1)
    if month > referral.office.local_today().replace(day=1):
        raise ValidationError({"month": _("No se factura un mes que aún no empieza.")})
    fee = Fee.objects.filter(contract=referral.contract, level=level,
                             materia=referral.case.subtype.materia).first()  # fmt: skip
    if fee is None:
        raise ValidationError(
            {"level": _("El contrato no tiene tarifa para ese nivel en la materia del caso.")}
        )
    priced = int((hours * fee.hourly).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if amount is None:
        amount = priced
    if type(amount) is not int or not 0 < amount <= priced:
        raise ValidationError({"amount": _("El importe no puede superar la tarifa del contrato (%(priced)s centavos).")
                               % {"priced": priced}})  # fmt: skip
    contract = referral.contract
    if contract.approved_total + amount > contract.ceiling:
        raise ValidationError({"amount": _("El importe superaría el techo del contrato.")})
    with transaction.atomic():
        line = InvoiceLine.objects.create(
            referral=referral, contract=contract, office=contract.office, month=month,
            level=level, hours=hours, amount=amount,
            description=clean_text(description, "description", required=True, limit=500),
            submitted_by=actor.user, submitted_at=timezone.now(),
        )  # fmt: skip
        audit_record(actor=actor, action=Action.CREATE, target=line)
    return line


def invoice_decide(
    *, actor: Actor, line: InvoiceLine, approve: bool, reason: str = ""
) -> InvoiceLine:
    """Approve (adding to the contract's approved total, refused past the ceiling) or reject."""
    if not may_write(actor, line):
        raise PermissionDenied
    reason = clean_text(reason, "reason", required=not approve, limit=240)
    try:
        with transaction.atomic():
            line = InvoiceLine.objects.select_for_update().get(pk=line.pk)
            if line.status != InvoiceStatus.SUBMITTED:
                raise ValidationError({"status": _("Esa línea ya fue resuelta.")})
            if approve:
                Contract.objects.filter(pk=line.contract_id).update(
                    approved_total=F("approved_total") + line.amount
                )
            line.status = InvoiceStatus.APPROVED if approve else InvoiceStatus.REJECTED
            line.decided_by, line.decided_at, line.reject_reason = (
                actor.user,
                timezone.now(),
                reason,
            )
            line.save(update_fields=["status", "decided_by", "decided_at", "reject_reason"])
            audit_record(actor=actor, action=Action.UPDATE, target=line, reason=line.status)
    except IntegrityError as error:
        if "within_ceiling" not in str(error):
            raise
        raise ValidationError(
            {"amount": _("Aprobarla superaría el techo del contrato.")}
        ) from error
    return line
