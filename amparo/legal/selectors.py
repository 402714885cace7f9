"""Reads of the PALE network, through the access rules: an office reads its providers,
contracts and referrals; a provider's lawyers read only the referrals open to them."""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, QuerySet, Window

from amparo.accounts.access import get_for_actor, visible
from amparo.accounts.actor import Actor
from amparo.cases.models import Case
from amparo.core.crypto import decrypt
from amparo.legal import deadlines
from amparo.legal.models import Contract, Provider, Referral, ReferralStatus
from amparo.network.models import Office


def referrals_for(actor: Actor) -> QuerySet[Referral]:
    return visible(actor, Referral.objects.select_related("provider", "office", "case"))


PORTAL_PAGE = 50
# A measured shortcut (docs/decisions.md): the rulebook's query chooses and counts a page of
# referrals by their ids alone (COUNT(*) OVER () over narrow rows), and only the rows chosen
# are then read whole, with their offices: 0.4 ms less SQL than counting whole rows, and no
# ORM rows to build. The query it wraps is the access rulebook's (`visible`), unchanged.
PORTAL_PAGE_SQL = """
SELECT r.id, r.status, r.sent_at, r.shared, r.outcome, r.provider_id,
       o.id, o.code, o.time_zone, o.country, page.total
  FROM ({chosen}) page
  JOIN legal_referral r ON r.id = page.id
  JOIN network_office o ON o.id = r.office_id
 ORDER BY r.sent_at DESC, r.id DESC
"""


@dataclass(frozen=True)
class PortalRow:
    """A referral as its provider's list shows it: plain values, not a model instance (a
    page of instances with their office cost as much again as the query)."""

    pk: int
    status: str
    sent_at: datetime
    shared: str  # the shared fields' JSON, decrypted
    outcome: str
    provider_id: int
    office: Office

    @property
    def fields(self) -> dict[str, Any]:
        return json.loads(self.shared or "{}")

    @property
    def answer_due(self) -> datetime | None:
        if self.status != ReferralStatus.SENT:
            return None
        return deadlines.answer_due(self.sent_at, self.office)


class PortalList:
    """A provider's lawyer's referrals, newest first (never the case, which they do not
    see), for a paginator. A page is read with the list's count in one statement
    (PORTAL_PAGE_SQL): measured 0.9 ms less per list than a page and a count. Django's
    paginator counts before it slices, so the first count reads the first page too, the one
    nearly always asked for; ninja's slices first."""

    def __init__(self, actor: Actor) -> None:
        self.referrals = visible(actor, Referral.objects.all())
        self.total: int | None = None
        self.first_page: list[PortalRow] | None = None

    def all(self) -> "PortalList":  # ninja's paginate counts through .all().count()
        return self

    def count(self) -> int:
        if self.total is None:
            self.first_page = self[:PORTAL_PAGE]
        if self.total is None:  # a page past the end says nothing of the count
            self.total = self.referrals.count()
        return self.total

    def __getitem__(self, page: slice) -> list[PortalRow]:
        start, stop = page.start or 0, page.stop
        if self.first_page is not None and start == 0 and stop is not None and stop <= PORTAL_PAGE:
            return self.first_page[:stop]
        chosen = (
            self.referrals.order_by("-sent_at", "-id")
            .annotate(total=Window(Count("*")))
            .values_list("id", "total")[start:stop]
        )
        try:
            sql, parameters = chosen.query.sql_with_params()
        except EmptyResultSet:  # the rulebook lets this actor read no referral at all
            values = []
        else:
            with connection.cursor() as cursor:
                cursor.execute(PORTAL_PAGE_SQL.format(chosen=sql), parameters)
                values = cursor.fetchall()
        if values:
            self.total = values[0][-1]
        elif start == 0:
            self.total = 0
        return portal_rows(values)


def portal_rows(values: Iterable[tuple[Any, ...]]) -> list[PortalRow]:
    """PORTAL_PAGE_SQL's rows as PortalRow: the shared fields decrypted, times aware."""
    offices: dict[int, Office] = {}  # the few offices of a page, each built once
    rows = []
    for pk, status, sent_at, shared, outcome, provider_id, *office, _total in values:
        office_id, code, time_zone, country = office
        if office_id not in offices:
            offices[office_id] = Office(pk=office_id, code=code, time_zone=time_zone,
                                        country=country)  # fmt: skip
        rows.append(PortalRow(
            pk=pk, status=status, sent_at=aware(sent_at), shared=decrypt(shared) if shared else "",
            outcome=outcome, provider_id=provider_id, office=offices[office_id],
        ))  # fmt: skip
    return rows


def aware(moment: datetime) -> datetime:
    """SQLite hands a written statement's times back naive, in UTC (PostgreSQL, aware)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


# What the ranking and the referral form read of a case (candidates.candidates_for).
CASE_TO_REFER = (
    "folio", "summary", "is_capital_case", "subtype__materia_id", "office__code", "office__name",
    "office__time_zone", "office__country", "beneficiary__address_country",
    "beneficiary__address_state", "beneficiary__address_county", "beneficiary__languages",
)  # fmt: skip


def case_to_refer(actor: Actor, pk: object) -> Case:
    """A case the actor may refer (write), with only what the ranking reads."""
    cases = Case.objects.select_related("office", "beneficiary", "subtype").only(*CASE_TO_REFER)
    return get_for_actor(actor, cases, pk, write=True)


def referral_for(actor: Actor, pk: object, *, write: bool = False) -> Referral:
    return get_for_actor(
        actor, Referral.objects.select_related("provider", "office", "case", "contract"), pk,
        write=write,
    )  # fmt: skip


def providers_for(actor: Actor) -> QuerySet[Provider]:
    return visible(actor, Provider.objects.select_related("office")).prefetch_related("materias")


def provider_for(actor: Actor, pk: object) -> Provider:
    return get_for_actor(actor, Provider.objects.select_related("office"), pk)


def contracts_of(actor: Actor, provider: Provider) -> QuerySet[Contract]:
    return visible(actor, provider.contracts.select_related("office"))
