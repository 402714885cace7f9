"""Writes to the fund ledger. Every posting goes through `post`: one transaction that writes
the posting, its transfers and the accounts' running totals, with its audit record, once per
idempotency key. The database refuses what must never happen (see models): an unbalanced or
cross-fund transfer, a guarded account below zero, a changed or deleted entry.

The business operations (deposit, hold, pay, release, reverse) only say which accounts a
posting moves money between."""

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from amparo.accounts.access import may_write
from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core import clock
from amparo.network.models import Office
from amparo.support.models import GUARDED_KINDS, Account, AccountKind, Currency, Fund, Posting

MAX_KEY_LENGTH = 80
# A posting larger than this (ten million dollars or pesos) is a typing error, not a payment.
MAX_AMOUNT = 10_000_000_00
SOURCE_KINDS = (AccountKind.FUNDING, AccountKind.COFUNDING)


@dataclass(frozen=True)
class Leg:
    """`amount` minor units from `credit` to `debit`."""

    debit: Account
    credit: Account
    amount: int


def fund_open(*, actor: Actor, name: str, currency: str, office: Office) -> Fund:
    """A new fund administered by `office`, with its fund-wide accounts."""
    if currency not in Currency.values:
        raise ValidationError({"currency": _("Moneda no válida.")})
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Indique el nombre del fondo.")})
    fund = Fund(name=name[:160], currency=currency, office=office, created_by=actor.user)
    if not may_write(actor, fund):
        raise PermissionDenied
    with transaction.atomic():
        fund.save()
        for kind in AccountKind:
            account_for(fund, kind)
        audit_record(actor=actor, action=Action.CREATE, target=fund)
    return fund


def account_for(fund: Fund, kind: str, office: Office | None = None) -> Account:
    """The fund's account of this kind (per office for allocated money), created on first use."""
    account, _created = Account.objects.get_or_create(
        fund=fund, kind=kind, office=office, defaults={"guarded": kind in GUARDED_KINDS}
    )
    return account


def post(
    *,
    actor: Actor,
    fund: Fund,
    kind: str,
    idempotency_key: str,
    legs: Sequence[Leg],
    memo: str = "",
    reverses: Posting | None = None,
) -> Posting:
    """Write one posting, or return the one already written with this key and this content.
    The same key with different content is refused; so is any leg the database refuses
    (not enough money in a guarded account), and then nothing of the posting is written."""
    if not may_write(actor, fund):
        raise PermissionDenied
    return write_posting(
        actor=actor, fund=fund, kind=kind, idempotency_key=idempotency_key, legs=legs,
        memo=memo, reverses=reverses,
    )  # fmt: skip


def write_posting(
    *,
    actor: Actor,
    fund: Fund,
    kind: str,
    idempotency_key: str,
    legs: Sequence[Leg],
    memo: str = "",
    reverses: Posting | None = None,
) -> Posting:
    """`post` without the permission check, for a caller that decided it already (the
    committee holding money for the request it approved)."""
    key = _checked_key(idempotency_key)
    _check_legs(fund, legs)
    body = _body_hash(fund, kind, memo, legs, reverses)
    earlier = _replayed(key, body)
    if earlier is not None:
        return earlier
    try:
        with transaction.atomic():
            posting = Posting.objects.create(
                fund=fund,
                kind=kind,
                idempotency_key=key,
                body_hash=body,
                memo=memo[:240],
                reverses=reverses,
                posted_by=actor.user,
                posted_at=clock.now(),
            )
            posting.transfers.bulk_create(
                [
                    posting.transfers.model(
                        posting=posting,
                        fund=fund,
                        debit_account=leg.debit,
                        credit_account=leg.credit,
                        amount=leg.amount,
                    )
                    for leg in legs
                ]
            )
            _apply_totals(legs)
            audit_record(actor=actor, action=Action.CREATE, target=posting)
    except IntegrityError as error:
        earlier = _replayed(key, body)  # the same key, posted meanwhile by a racing request
        if earlier is not None:
            return earlier
        if "guarded_not_negative" in str(error):
            raise ValidationError(
                {"amount": _("Saldo insuficiente: el fondo no tiene disponible ese importe.")}
            ) from error
        raise
    return posting


def _apply_totals(legs: Sequence[Leg]) -> None:
    """Add the legs to the accounts' running totals, in account order (no deadlocks); the
    CHECK constraint refuses a guarded account below zero, row lock by row lock."""
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for leg in legs:
        totals[leg.debit.pk][0] += leg.amount
        totals[leg.credit.pk][1] += leg.amount
    for account_id in sorted(totals):
        debits, credits = totals[account_id]
        Account.objects.filter(pk=account_id).update(
            debits=F("debits") + debits, credits=F("credits") + credits
        )


def _replayed(key: str, body: str) -> Posting | None:
    earlier = Posting.objects.filter(idempotency_key=key).first()
    if earlier is None:
        return None
    if earlier.body_hash != body:
        raise ValidationError(
            {"idempotency_key": _("Esta clave de idempotencia ya se usó para otro asiento.")}
        )
    return earlier


def _checked_key(key: str) -> str:
    key = (key or "").strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise ValidationError(
            {"idempotency_key": _("Indique una clave de idempotencia de hasta 80 caracteres.")}
        )
    return key


def _check_legs(fund: Fund, legs: Sequence[Leg]) -> None:
    if not legs:
        raise ValidationError({"amount": _("Un asiento necesita al menos un movimiento.")})
    for leg in legs:
        if type(leg.amount) is not int or not 0 < leg.amount <= MAX_AMOUNT:
            raise ValidationError(
                {"amount": _("El importe debe ser un número entero de centavos mayor que cero.")}
            )
        if leg.debit.fund_id != fund.pk or leg.credit.fund_id != fund.pk:
            raise ValidationError({"fund": _("Las cuentas deben ser del mismo fondo.")})
        if leg.debit.pk == leg.credit.pk:
            raise ValidationError({"amount": _("Un movimiento necesita dos cuentas distintas.")})


def _body_hash(
    fund: Fund, kind: str, memo: str, legs: Sequence[Leg], reverses: Posting | None
) -> str:
    body = {
        "fund": fund.pk,
        "kind": kind,
        "memo": memo,
        "legs": [[leg.debit.pk, leg.credit.pk, leg.amount] for leg in legs],
        "reverses": reverses.pk if reverses else None,
    }
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


# --- The fund's operations ----------------------------------------------------------------


def deposit(
    *, actor: Actor, fund: Fund, amount: int, idempotency_key: str, cofunding: bool = False,
    office: Office | None = None, memo: str = "",
) -> Posting:  # fmt: skip
    """Money into the fund (federal budget or a partner's contribution), available to
    `office` when it is allocated to one."""
    source = account_for(fund, AccountKind.COFUNDING if cofunding else AccountKind.FUNDING)
    available = account_for(fund, AccountKind.AVAILABLE, office)
    return post(
        actor=actor, fund=fund, kind="deposit", idempotency_key=idempotency_key,
        legs=[Leg(debit=available, credit=source, amount=amount)], memo=memo,
    )  # fmt: skip


def allocate(
    *, actor: Actor, fund: Fund, office: Office, amount: int, idempotency_key: str,
    memo: str = "",
) -> Posting:  # fmt: skip
    """Set part of the fund's common pool aside for one office: that office's requests then
    draw on its allocation (and only on it), so one office cannot spend another's share."""
    return post(
        actor=actor, fund=fund, kind="allocation", idempotency_key=idempotency_key,
        legs=[Leg(debit=account_for(fund, AccountKind.AVAILABLE, office),
                  credit=account_for(fund, AccountKind.AVAILABLE), amount=amount)],
        memo=memo or office.code,
    )  # fmt: skip


def allocation_office(fund: Fund, office_id: int) -> Office | None:
    """The office whose allocation a request of `office_id` draws on: its own, when the fund
    allocated it money; otherwise none (the fund's common pool)."""
    account = (
        Account.objects.filter(fund=fund, kind=AccountKind.AVAILABLE, office_id=office_id)
        .select_related("office")
        .first()
    )
    return account.office if account else None


# Where each movement of held money goes: (account debited, account credited).
MOVES: dict[str, tuple[str, str]] = {
    "hold": (AccountKind.COMMITTED, AccountKind.AVAILABLE),  # approval commits the money
    "payment": (AccountKind.PAID, AccountKind.COMMITTED),  # payment spends what was held
    "release": (AccountKind.AVAILABLE, AccountKind.COMMITTED),  # a hold given back
}


def move_leg(fund: Fund, move: str, amount: int, office: Office | None = None) -> Leg:
    debit, credit = MOVES[move]
    return Leg(
        debit=account_for(fund, debit, office),
        credit=account_for(fund, credit, office),
        amount=amount,
    )


def _move(
    move: str, *, actor: Actor, fund: Fund, amount: int, idempotency_key: str,
    office: Office | None = None, memo: str = "",
) -> Posting:  # fmt: skip
    return post(
        actor=actor, fund=fund, kind=move, idempotency_key=idempotency_key,
        legs=[move_leg(fund, move, amount, office)], memo=memo,
    )  # fmt: skip


def hold(
    *, actor: Actor, fund: Fund, amount: int, idempotency_key: str,
    office: Office | None = None, memo: str = "",
) -> Posting:  # fmt: skip
    """Commit available money to an approved request (refused beyond what is available)."""
    return _move(
        "hold", actor=actor, fund=fund, amount=amount, idempotency_key=idempotency_key,
        office=office, memo=memo,
    )  # fmt: skip


def pay(
    *, actor: Actor, fund: Fund, amount: int, idempotency_key: str,
    office: Office | None = None, memo: str = "",
) -> Posting:  # fmt: skip
    """Pay out held money (refused beyond what is held)."""
    return _move(
        "payment", actor=actor, fund=fund, amount=amount, idempotency_key=idempotency_key,
        office=office, memo=memo,
    )  # fmt: skip


def release(
    *, actor: Actor, fund: Fund, amount: int, idempotency_key: str,
    office: Office | None = None, memo: str = "",
) -> Posting:  # fmt: skip
    """Give held money back to the available balance (a request withdrawn or paid less)."""
    return _move(
        "release", actor=actor, fund=fund, amount=amount, idempotency_key=idempotency_key,
        office=office, memo=memo,
    )  # fmt: skip


def reverse(*, actor: Actor, posting: Posting, idempotency_key: str, memo: str = "") -> Posting:
    """Undo a posting with its mirror image (entries are never changed). A posting is
    reversed at most once; the reversal too needs the money to be there."""
    if Posting.objects.filter(reverses=posting).exists():
        raise ValidationError({"posting": _("Ese asiento ya fue revertido.")})
    legs = [
        Leg(debit=transfer.credit_account, credit=transfer.debit_account, amount=transfer.amount)
        for transfer in posting.transfers.select_related("debit_account", "credit_account")
    ]
    return post(
        actor=actor, fund=posting.fund, kind="reversal", idempotency_key=idempotency_key,
        legs=legs, memo=memo or _("Reversión de %(key)s") % {"key": posting.idempotency_key},
        reverses=posting,
    )  # fmt: skip
