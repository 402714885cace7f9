"""Reads of the economic-support fund, through the access rules: a fund and its ledger are
read by the office that administers it (and central roles); a request by the office of its
case (and central roles)."""

import operator
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import reduce
from typing import Any, cast

from django.db.models import Prefetch, Q, QuerySet, Sum

from amparo.accounts.access import get_for_actor, visible
from amparo.accounts.actor import Actor
from amparo.network.models import Office
from amparo.support.models import (
    Account,
    AccountKind,
    Fund,
    Posting,
    PostingKind,
    RequestKind,
    RequestStatus,
    SupportRequest,
    Transfer,
)


def funds_visible_to(actor: Actor) -> QuerySet[Fund]:
    return visible(actor, Fund.objects.select_related("office")).prefetch_related("accounts")


def fund_for(actor: Actor, pk: object) -> Fund:
    return get_for_actor(actor, Fund.objects.select_related("office"), pk)


def funds_open_for_requests() -> QuerySet[Fund]:
    """Every fund a request may draw on, for the request form's choice: names and currency
    only, which are not personal data (balances stay with the fund's office)."""
    return Fund.objects.only("pk", "name", "currency").order_by("name")


def accounts_of(fund: Fund) -> list[Account]:
    return list(fund.accounts.select_related("office").order_by("kind", "office__code"))


def statement(fund: Fund) -> QuerySet[Posting]:
    """The fund's postings, newest first, each with its transfers and their accounts."""
    transfers = Transfer.objects.select_related(
        "debit_account__office", "credit_account__office"
    ).order_by("id")
    return (
        fund.postings.select_related("posted_by", "reverses")
        .prefetch_related(Prefetch("transfers", queryset=transfers))
        .order_by("-posted_at", "-id")
    )


@dataclass(frozen=True)
class LedgerQuery:
    """Which entries of a fund: posted from `start` to `end` (the fund office's days, both
    included; open-ended when None), of one kind, touching one office's accounts."""

    start: date | None = None
    end: date | None = None
    kind: str | None = None
    office: Office | None = None


def _midnight(fund: Fund, day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=fund.office.zone)


def entries(fund: Fund, query: LedgerQuery) -> QuerySet[Posting]:
    """The postings `query` selects, oldest first, each with its transfers."""
    postings = statement(fund).order_by("posted_at", "id")
    if query.start is not None:
        postings = postings.filter(posted_at__gte=_midnight(fund, query.start))
    if query.end is not None:
        postings = postings.filter(posted_at__lt=_midnight(fund, query.end + timedelta(days=1)))
    if query.kind:
        postings = postings.filter(kind=query.kind)
    if query.office is not None:
        postings = postings.filter(
            Q(transfers__debit_account__office=query.office)
            | Q(transfers__credit_account__office=query.office)
        ).distinct()
    return postings


# The fund's money: what is available plus what is committed to approved requests. Paid,
# receivable and written-off money has left it; funding accounts say where it came from.
MONEY_KINDS: tuple[str, ...] = (AccountKind.AVAILABLE.value, AccountKind.COMMITTED.value)


@dataclass(frozen=True)
class SummaryLine:
    kind: str
    label: str
    change: int  # what the postings of this kind added to the fund's money (negative: took)
    moved: int  # what they moved between its accounts without changing it (holds, releases)


@dataclass(frozen=True)
class Summary:
    """A fund's (or one office's allocation's) statement for a period."""

    start: date
    end: date
    office: Office | None
    opening: dict[str, int]  # balance by account kind (available, committed)
    lines: list[SummaryLine]
    closing: dict[str, int]

    @property
    def opening_total(self) -> int:
        return sum(self.opening.values())

    @property
    def closing_total(self) -> int:
        return sum(self.closing.values())


def default_period(fund: Fund) -> tuple[date, date]:
    """This year so far in the fund office's days; for a fund with nothing posted this
    year (last year's fund), the whole year of its last posting."""
    today = fund.office.local_today()
    last = fund.postings.order_by("-posted_at").values_list("posted_at", flat=True).first()
    if last is not None:
        last_day = last.astimezone(fund.office.zone).date()
        if last_day.year < today.year:
            return date(last_day.year, 1, 1), date(last_day.year, 12, 31)
    return date(today.year, 1, 1), today


def period(fund: Fund, start: date | None, end: date | None) -> tuple[date, date]:
    """The period asked for: with neither end, `default_period` (read only then); from a
    start alone, up to today (the fund office's day); up to an end alone, from 1 January
    of its year."""
    if start is None and end is None:
        return default_period(fund)
    if end is None:
        return start or fund.office.local_today(), fund.office.local_today()
    return start or date(end.year, 1, 1), end


def summary(fund: Fund, start: date, end: date, office: Office | None = None) -> Summary:
    """Opening balance, what each kind of posting added or took in the period, and closing
    balance, from one pass over the transfers up to the period's end, grouped by posting
    kind and by whether they came before the period: closing = opening + every line."""
    start_at, end_at = _midnight(fund, start), _midnight(fund, end + timedelta(days=1))
    into = {kind: _side("debit", kind, office) for kind in MONEY_KINDS}
    out_of = {kind: _side("credit", kind, office) for kind in MONEY_KINDS}
    in_money, out_money = reduce(operator.or_, into.values()), reduce(operator.or_, out_of.values())
    groups = cast(
        Iterable[dict[str, Any]],
        Transfer.objects.filter(fund=fund, posting__posted_at__lt=end_at)
        .filter(in_money | out_money)
        .annotate(before=Q(posting__posted_at__lt=start_at))
        .values("posting__kind", "before")
        .annotate(
            **{f"in_{k}": Sum("amount", filter=into[k]) for k in MONEY_KINDS},
            **{f"out_{k}": Sum("amount", filter=out_of[k]) for k in MONEY_KINDS},
            moved=Sum("amount", filter=in_money & out_money),
        ),
    )  # the kind-keyed sums are named at run time
    opening = dict.fromkeys(MONEY_KINDS, 0)
    within: dict[str, dict[str, int]] = {}
    for group in groups:
        change = {k: (group[f"in_{k}"] or 0) - (group[f"out_{k}"] or 0) for k in MONEY_KINDS}
        if group["before"]:
            for k in MONEY_KINDS:
                opening[k] += change[k]
        else:
            within[group["posting__kind"]] = {**change, "moved": group["moved"] or 0}
    lines = [
        SummaryLine(kind, str(label), sum(row[k] for k in MONEY_KINDS), row["moved"])
        for kind, label in PostingKind.choices
        if (row := within.get(kind))
    ]
    closing = {k: opening[k] + sum(row[k] for row in within.values()) for k in MONEY_KINDS}
    return Summary(start, end, office, opening, lines, closing)


def _side(side: str, kind: str, office: Office | None) -> Q:
    """Transfers whose `side` (debit or credit) account is a money account of `kind` (of
    `office`, when the statement is one office's)."""
    condition = Q(**{f"{side}_account__kind": kind})
    if office is not None:
        condition &= Q(**{f"{side}_account__office": office})
    return condition


def available_for(request: SupportRequest) -> int:
    """What the request would draw on if approved now: its office's allocation, or the
    fund's common pool (for the committee's warning; the hold itself re-checks in the
    database)."""
    office = Account.objects.filter(
        fund=request.fund_id, kind=AccountKind.AVAILABLE, office=request.office_id
    ).first()
    pool = (
        office
        or Account.objects.filter(
            fund=request.fund_id, kind=AccountKind.AVAILABLE, office__isnull=True
        ).first()
    )
    return pool.balance if pool else 0


def requests_visible_to(actor: Actor) -> QuerySet[SupportRequest]:
    return visible(actor, _requests()).prefetch_related(
        "cofunders", "approvals", "documents", "logistics"
    )


def request_for(actor: Actor, pk: object, *, write: bool = False) -> SupportRequest:
    return get_for_actor(actor, _requests(), pk, write=write)


def _requests() -> QuerySet[SupportRequest]:
    return SupportRequest.objects.select_related(
        "case", "office", "fund", "requested_by", "ledger_office"
    )


BOND_PAID = (
    RequestStatus.PAID,
    RequestStatus.BOND_CANCELLED,
    RequestStatus.REFUNDED,
    RequestStatus.WRITTEN_OFF,
)


def people_released(actor: Actor) -> int:
    """Nationals whose bond the fund paid (each counted once), among the requests the actor
    may see: the ministry's "people released with fund support"."""
    return (
        requests_visible_to(actor)
        .filter(kind=RequestKind.BAIL_BOND, status__in=BOND_PAID)
        .values("case__beneficiary")
        .distinct()
        .count()
    )
