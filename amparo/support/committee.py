"""Requests for economic support and the committee that decides them.

A request comes from a protection case. The office's committee (its head of office, or
central administration) decides every request; above the fund's threshold headquarters
(central administration) must approve as well. Whoever asked never decides (the database
refuses it too). When every required approval is in, the amount is held in the fund — and
refused, with nothing written, when the fund does not have it. Paying posts the held money.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.access import get_for_actor, may_write
from amparo.accounts.actor import Actor
from amparo.accounts.models import Role
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.models import Case, CaseAttachment, EventKind
from amparo.cases.services._common import record_event
from amparo.core import clock
from amparo.core.text import clean_text
from amparo.support.models import (
    AccountKind,
    Approval,
    ApprovalLevel,
    CoFunder,
    Currency,
    Fund,
    PayeeKind,
    Posting,
    RequestKind,
    RequestStatus,
    SupportRequest,
)
from amparo.support.services import (
    MAX_AMOUNT,
    Leg,
    account_for,
    allocation_office,
    move_leg,
    write_posting,
)

# A rate beyond this (fund units per unit of the request's currency) is a typing error.
MAX_EXCHANGE_RATE = Decimal("10000")


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
    currency: str | None = None,
    document_ids: list[int] | None = None,
) -> SupportRequest:
    """Ask the committee for `amount` (minor units of `currency`, by default the fund's) for
    the case, with the case's documents that support it."""
    case = get_for_actor(actor, Case.objects.all(), case.pk, write=True)
    currency = currency or fund.currency
    errors: dict[str, str] = {}
    if currency not in Currency.values:
        errors["currency"] = _("Moneda no válida.")
    documents = list(CaseAttachment.objects.filter(case=case, pk__in=document_ids or []))
    if len(documents) != len(set(document_ids or [])):
        errors["documents"] = _("Solo se pueden citar documentos del mismo caso.")
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
            currency=currency, payee_name=payee_name, payee_kind=payee_kind, justification=justification,
            requested_by=actor.user, requested_at=clock.now(),
        )  # fmt: skip
        CoFunder.objects.bulk_create(
            [CoFunder(request=request, name=c.name.strip()[:160], amount=c.amount)
             for c in cofunders or []]
        )  # fmt: skip
        request.documents.set(documents)
        audit_record(actor=actor, action=Action.CREATE, target=request)
        on_timeline(actor, request, "submitted", amount=amount, currency=currency)
    return request


def on_timeline(actor: Actor, request: SupportRequest, step: str, **details: Any) -> None:
    """A line on the case's timeline for each step of the request (never the justification,
    which stays on the request)."""
    record_event(
        case=request.case, kind=EventKind.SUPPORT, actor=actor,
        payload={"request": request.pk, "kind": request.kind, "step": step, **details},
    )  # fmt: skip


def is_cross_currency(request: SupportRequest) -> bool:
    return request.currency != request.fund.currency


def converted(amount: int, rate: Decimal) -> int:
    """`amount` minor units at `rate` (fund units per unit), rounded half up to a whole minor
    unit: both currencies have two decimals, so minor units convert like units."""
    return int((Decimal(amount) * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def required_levels(request: SupportRequest) -> list[str]:
    """The office's committee always; headquarters too above the fund's threshold, and for
    a request in another currency (its amount in the fund's currency is only known at the
    rate of the day it is approved)."""
    levels: list[str] = [ApprovalLevel.OFFICE]
    if is_cross_currency(request) or request.amount > request.fund.headquarters_above:
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
    exchange_rate: Decimal | None = None,
) -> SupportRequest:
    """Record one committee decision. The last approval needed holds the money: in another
    currency than the fund's, converted at the exchange rate that approval records."""
    if level not in ApprovalLevel.values:
        raise ValidationError({"level": _("Instancia no válida.")})
    rate = _checked_rate(request, approved, exchange_rate)
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
            exchange_rate=rate, note=note, decided_by=actor.user,
            requested_by_id=request.requested_by_id, decided_at=clock.now(),
        )  # fmt: skip
        if not approved:
            request.status = RequestStatus.REJECTED
        elif set(required_levels(request)) <= set(
            request.approvals.filter(approved=True).values_list("level", flat=True)
        ):
            _hold(actor, request, rate, minutes_number)
        request.save(
            update_fields=["status", "hold", "held_amount", "exchange_rate", "ledger_office"]
        )
        audit_record(actor=actor, action=Action.UPDATE, target=request, reason=f"decision:{level}")
        step = "approved" if request.status == RequestStatus.APPROVED else "decided"
        on_timeline(
            actor, request, step if approved else "rejected", level=level, minutes=minutes_number
        )
    return request


def _hold(actor: Actor, request: SupportRequest, rate: Decimal | None, minutes: str) -> None:
    """Commit the request's money: from its office's allocation when the fund gave that
    office one, else from the common pool; refused, with nothing written, beyond what is
    there."""
    held = converted(request.amount, rate) if rate is not None else request.amount
    if not 0 < held <= MAX_AMOUNT:
        raise ValidationError({"exchange_rate": _("El tipo de cambio da un importe no válido.")})
    request.ledger_office = allocation_office(request.fund, request.office_id)
    request.held_amount, request.exchange_rate = held, rate
    request.hold = write_posting(
        actor=actor, fund=request.fund, kind="hold",
        idempotency_key=f"request-{request.pk}-hold",
        legs=[move_leg(request.fund, "hold", held, request.ledger_office)],
        memo=_("Apoyo aprobado, acta %(acta)s") % {"acta": minutes},
    )  # fmt: skip
    request.status = RequestStatus.APPROVED


def _checked_rate(request: SupportRequest, approved: bool, rate: Decimal | None) -> Decimal | None:
    """An approval of a request in another currency states the day's rate; other decisions
    carry none."""
    if not (approved and is_cross_currency(request)):
        return None
    try:
        rate = Decimal(rate) if rate is not None else None
    except (InvalidOperation, TypeError, ValueError):
        rate = None
    if rate is None or not rate.is_finite() or not 0 < rate <= MAX_EXCHANGE_RATE:
        raise ValidationError(
            {"exchange_rate": _("Indique el tipo de cambio del día (%(fund)s por %(own)s).")
             % {"fund": request.fund.currency, "own": request.currency}}
        )  # fmt: skip
    return rate.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


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
            legs=[move_leg(request.fund, "payment", _held(request), request.ledger_office)],
            memo=request.payee_name,
        )  # fmt: skip
        request.status = RequestStatus.PAID
        request.save(update_fields=["status", "payment"])
        audit_record(actor=actor, action=Action.UPDATE, target=request, reason="payment")
        on_timeline(actor, request, "paid", amount=_held(request), currency=request.fund.currency)
    return request


def _held(request: SupportRequest) -> int:
    return request.held_amount if request.held_amount is not None else request.amount


def _is_amount(value: object) -> bool:
    return type(value) is int and 0 < value <= MAX_AMOUNT


# --- A bond's life after payment -----------------------------------------------------------


def bond_cancel(*, actor: Actor, request: SupportRequest, interest: int = 0) -> SupportRequest:
    """The case ended and the bond was cancelled: its principal, plus any interest, is now
    owed back to the fund by the obligor (the partner that posted it)."""
    if interest != 0 and not _is_amount(interest):
        raise ValidationError({"interest": _("El interés debe ser un número entero de centavos.")})
    fund, office = request.fund, request.ledger_office
    legs = [Leg(debit=account_for(fund, AccountKind.RECEIVABLE, office),
                credit=account_for(fund, AccountKind.PAID, office), amount=_held(request))]  # fmt: skip
    if interest:
        legs.append(Leg(debit=account_for(fund, AccountKind.RECEIVABLE, office),
                        credit=account_for(fund, AccountKind.INTEREST, office), amount=interest))  # fmt: skip
    return _bond_step(
        actor, request, expected=RequestStatus.PAID, status=RequestStatus.BOND_CANCELLED,
        kind="bond_cancelled", legs=legs,
    )  # fmt: skip


def bond_refund(*, actor: Actor, request: SupportRequest) -> SupportRequest:
    """The obligor paid the bond back: everything receivable returns to the available money."""
    fund, office = request.fund, request.ledger_office
    if request.status != RequestStatus.BOND_CANCELLED:
        raise ValidationError({"status": _("La fianza no está en la etapa que ese paso requiere.")})
    owed = _owed(request)
    return _bond_step(
        actor, request, expected=RequestStatus.BOND_CANCELLED, status=RequestStatus.REFUNDED,
        kind="bond_refunded",
        legs=[Leg(debit=account_for(fund, AccountKind.AVAILABLE, office),
                  credit=account_for(fund, AccountKind.RECEIVABLE, office), amount=owed)],
    )  # fmt: skip


def bond_breach(*, actor: Actor, request: SupportRequest) -> SupportRequest:
    """The bond was breached (the person did not appear): the money paid is lost."""
    fund, office = request.fund, request.ledger_office
    return _bond_step(
        actor, request, expected=RequestStatus.PAID, status=RequestStatus.WRITTEN_OFF,
        kind="bond_breached",
        legs=[Leg(debit=account_for(fund, AccountKind.WRITTEN_OFF, office),
                  credit=account_for(fund, AccountKind.PAID, office), amount=_held(request))],
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
        on_timeline(actor, request, kind, amount=sum(leg.amount for leg in legs))
    return request
