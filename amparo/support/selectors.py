"""Reads of the economic-support fund, through the access rules: a fund and its ledger are
read by the office that administers it (and central roles); a request by the office of its
case (and central roles)."""

from django.db.models import Prefetch, QuerySet

from amparo.accounts.access import get_for_actor, visible
from amparo.accounts.actor import Actor
from amparo.support.models import (
    Account,
    Fund,
    Posting,
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
    transfers = Transfer.objects.select_related("debit_account", "credit_account").order_by("id")
    return (
        fund.postings.select_related("posted_by", "reverses")
        .prefetch_related(Prefetch("transfers", queryset=transfers))
        .order_by("-posted_at", "-id")
    )


def requests_visible_to(actor: Actor) -> QuerySet[SupportRequest]:
    return visible(
        actor, SupportRequest.objects.select_related("case", "office", "fund", "requested_by")
    ).prefetch_related("cofunders", "approvals")


def request_for(actor: Actor, pk: object, *, write: bool = False) -> SupportRequest:
    return get_for_actor(
        actor,
        SupportRequest.objects.select_related("case", "office", "fund", "requested_by"),
        pk,
        write=write,
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
