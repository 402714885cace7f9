"""Requests for economic support and the committee that decides them.

A request comes from a protection case. The office's committee (its head of office, or
central administration) decides every request; above the fund's threshold headquarters
(central administration) must approve as well. Whoever asked never decides (the database
refuses it too). When every required approval is in, the amount is held in the fund — and
refused, with nothing written, when the fund does not have it. Paying posts the held money.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import get_for_actor, may_write
from amparo.accounts.actor import Actor
from amparo.accounts.models import Role
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.models import Case
from amparo.core.text import clean_text
from amparo.support.models import (
    AccountKind,
    Approval,
    ApprovalLevel,
    CoFunder,
    Fund,
    PayeeKind,
    Posting,
    RequestKind,
    RequestStatus,
    SupportRequest,
)
from amparo.support.services import MAX_AMOUNT, Leg, account_for, move_leg, write_posting


@dataclass(frozen=True)
class CoFunding:
    name: str
    amount: int


def request_submit(
    *,
    actor: Actor,
    case: Case,
    fund: Fund,
    kind: str,
    amount: int,
    payee_name: str,
    payee_kind: str,
    justification: str,
    cofunders: list[CoFunding] | None = None,
) -> SupportRequest:
    """Ask the committee for `amount` (minor units of the fund's currency) for the case."""
    case = get_for_actor(actor, Case.objects.all(), case.pk, write=True)
    errors: dict[str, str] = {}
    if kind not in RequestKind.values:
        errors["kind"] = _("Tipo de apoyo no válido.")
    if payee_kind not in PayeeKind.values:
        errors["payee_kind"] = _("Tipo de beneficiario no válido.")
    if not _is_amount(amount):
        errors["amount"] = _("El importe debe ser un número entero de centavos mayor que cero.")
    for cofunder in cofunders or []:
        if not _is_amount(cofunder.amount) or not cofunder.name.strip():
            errors["cofunders"] = _("Cada cofinanciador necesita nombre e importe en centavos.")
    if errors:
        raise ValidationError(errors)
    payee_name = clean_text(payee_name, "payee_name", required=True, limit=160)
    justification = clean_text(justification, "justification", required=True)
    with transaction.atomic():
        request = SupportRequest.objects.create(
            case=case, office=case.office, fund=fund, kind=kind, amount=amount,
            payee_name=payee_name, payee_kind=payee_kind, justification=justification,
            requested_by=actor.user, requested_at=timezone.now(),
        )  # fmt: skip
        CoFunder.objects.bulk_create(
            [CoFunder(request=request, name=c.name.strip()[:160], amount=c.amount)
             for c in cofunders or []]
        )  # fmt: skip
        audit_record(actor=actor, action=Action.CREATE, target=request)
    return request


def required_levels(request: SupportRequest) -> list[str]:
    levels: list[str] = [ApprovalLevel.OFFICE]
    if request.amount > request.fund.headquarters_above:
        levels.append(ApprovalLevel.HEADQUARTERS)
    return levels


def may_decide(actor: Actor, request: SupportRequest, level: str) -> bool:
    if actor.user.pk == request.requested_by_id:
        return False
    if actor.role == Role.CENTRAL_ADMIN:
        return True
    return (
        level == ApprovalLevel.OFFICE
        and actor.role == Role.HEAD_OF_OFFICE
        and actor.office_id == request.office_id
    )


def request_decide(
    *,
    actor: Actor,
    request: SupportRequest,
    level: str,
    approved: bool,
    minutes_number: str,
    note: str = "",
) -> SupportRequest:
    """Record one committee decision. The last approval needed holds the money."""
    if level not in ApprovalLevel.values:
        raise ValidationError({"level": _("Instancia no válida.")})
    if actor.user.pk == request.requested_by_id:
        raise ValidationError({"decided_by": _("Quien solicita no puede aprobar.")})
    if not may_decide(actor, request, level):
        raise PermissionDenied
    minutes_number = clean_text(minutes_number, "minutes_number", required=True, limit=40)
    with transaction.atomic():
        request = SupportRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != RequestStatus.SUBMITTED:
            raise ValidationError({"status": _("La solicitud ya fue resuelta.")})
        if level not in required_levels(request):
            raise ValidationError({"level": _("Esta solicitud no requiere esa instancia.")})
        if request.approvals.filter(level=level).exists():
            raise ValidationError({"level": _("Esa instancia ya resolvió.")})
        Approval.objects.create(
            request=request, level=level, approved=approved, minutes_number=minutes_number,
            note=note, decided_by=actor.user, requested_by_id=request.requested_by_id,
            decided_at=timezone.now(),
        )  # fmt: skip
        if not approved:
            request.status = RequestStatus.REJECTED
        elif set(required_levels(request)) <= set(
            request.approvals.filter(approved=True).values_list("level", flat=True)
        ):
            request.hold = write_posting(
                actor=actor, fund=request.fund, kind="hold",
                idempotency_key=f"request-{request.pk}-hold",
                legs=[move_leg(request.fund, "hold", request.amount)],
                memo=_("Apoyo aprobado, acta %(acta)s") % {"acta": minutes_number},
            )  # fmt: skip
            request.status = RequestStatus.APPROVED
        request.save(update_fields=["status", "hold"])
        audit_record(actor=actor, action=Action.UPDATE, target=request, reason=f"decision:{level}")
    return request


def request_pay(*, actor: Actor, request: SupportRequest) -> SupportRequest:
    """Pay an approved request: the held money goes out to the payee."""
    if not may_write(actor, request.fund):
        raise PermissionDenied
    with transaction.atomic():
        request = SupportRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != RequestStatus.APPROVED:
            raise ValidationError({"status": _("Solo se paga una solicitud aprobada.")})
        request.payment = write_posting(
            actor=actor, fund=request.fund, kind="payment",
            idempotency_key=f"request-{request.pk}-payment",
            legs=[move_leg(request.fund, "payment", request.amount)],
            memo=request.payee_name,
        )  # fmt: skip
        request.status = RequestStatus.PAID
        request.save(update_fields=["status", "payment"])
        audit_record(actor=actor, action=Action.UPDATE, target=request, reason="payment")
    return request


def _is_amount(value: object) -> bool:
    return type(value) is int and 0 < value <= MAX_AMOUNT


# --- A bond's life after payment -----------------------------------------------------------


def bond_cancel(*, actor: Actor, request: SupportRequest, interest: int = 0) -> SupportRequest:
    """The case ended and the bond was cancelled: its principal, plus any interest, is now
    owed back to the fund by the obligor (the partner that posted it)."""
    if interest != 0 and not _is_amount(interest):
        raise ValidationError({"interest": _("El interés debe ser un número entero de centavos.")})
    fund = request.fund
    legs = [Leg(debit=account_for(fund, AccountKind.RECEIVABLE),
                credit=account_for(fund, AccountKind.PAID), amount=request.amount)]  # fmt: skip
    if interest:
        legs.append(Leg(debit=account_for(fund, AccountKind.RECEIVABLE),
                        credit=account_for(fund, AccountKind.INTEREST), amount=interest))  # fmt: skip
    return _bond_step(
        actor, request, expected=RequestStatus.PAID, status=RequestStatus.BOND_CANCELLED,
        kind="bond_cancelled", legs=legs,
    )  # fmt: skip


def bond_refund(*, actor: Actor, request: SupportRequest) -> SupportRequest:
    """The obligor paid the bond back: everything receivable returns to the available money."""
    fund = request.fund
    if request.status != RequestStatus.BOND_CANCELLED:
        raise ValidationError({"status": _("La fianza no está en la etapa que ese paso requiere.")})
    owed = _owed(request)
    return _bond_step(
        actor, request, expected=RequestStatus.BOND_CANCELLED, status=RequestStatus.REFUNDED,
        kind="bond_refunded",
        legs=[Leg(debit=account_for(fund, AccountKind.AVAILABLE),
                  credit=account_for(fund, AccountKind.RECEIVABLE), amount=owed)],
    )  # fmt: skip


def bond_breach(*, actor: Actor, request: SupportRequest) -> SupportRequest:
    """The bond was breached (the person did not appear): the money paid is lost."""
    fund = request.fund
    return _bond_step(
        actor, request, expected=RequestStatus.PAID, status=RequestStatus.WRITTEN_OFF,
        kind="bond_breached",
        legs=[Leg(debit=account_for(fund, AccountKind.WRITTEN_OFF),
                  credit=account_for(fund, AccountKind.PAID), amount=request.amount)],
    )  # fmt: skip


def _owed(request: SupportRequest) -> int:
    """What the bond's cancellation made receivable (principal plus interest)."""
    cancelled = Posting.objects.get(idempotency_key=f"request-{request.pk}-bond_cancelled")
    return sum(transfer.amount for transfer in cancelled.transfers.all())


def _bond_step(
    actor: Actor, request: SupportRequest, *, expected: str, status: str, kind: str,
    legs: list[Leg],
) -> SupportRequest:  # fmt: skip
    if not may_write(actor, request.fund):
        raise PermissionDenied
    if request.kind != RequestKind.BAIL_BOND:
        raise ValidationError({"kind": _("Solo una fianza tiene reembolso o pérdida.")})
    with transaction.atomic():
        request = SupportRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != expected:
            raise ValidationError(
                {"status": _("La fianza no está en la etapa que ese paso requiere.")}
            )
        write_posting(
            actor=actor, fund=request.fund, kind=kind,
            idempotency_key=f"request-{request.pk}-{kind}", legs=legs,
        )  # fmt: skip
        request.status = status
        request.save(update_fields=["status"])
        audit_record(actor=actor, action=Action.UPDATE, target=request, reason=kind)
    return request
