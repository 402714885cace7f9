"""Reads of the alert button, through the access rules: a consulate reads the alerts routed
to it and its registrants' alerts; the CIAM's board every active alert; headquarters all."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from amparo.accounts.access import get_for_actor, visible
from amparo.accounts.actor import Actor
from amparo.alerts.escalation import ack_minutes
from amparo.alerts.models import ACTIVE, Alert, AlertStatus, Registrant
from amparo.network import atlas

STALE_FIX = timedelta(minutes=5)  # older than this, a fix reads "last known"


def board(actor: Actor, *, include_closed: bool = False) -> QuerySet[Alert]:
    alerts = visible(actor, Alert.objects.select_related("office", "case"))
    if not include_closed:
        alerts = alerts.filter(status__in=ACTIVE)
    return alerts.order_by("-received_at", "-id")


def alert_for(actor: Actor, pk: object, *, write: bool = False) -> Alert:
    related = Alert.objects.select_related("office", "home_office", "case", "registrant__person")
    return get_for_actor(actor, related, pk, write=write)


def registrant_for(actor: Actor, pk: object, *, write: bool = False) -> Registrant:
    return get_for_actor(actor, Registrant.objects.select_related("person", "office"), pk,
                         write=write)  # fmt: skip


def enrolment_of(actor: Actor, person_id: int) -> Registrant | None:
    return visible(actor, Registrant.objects.filter(person_id=person_id, ended_at=None)).first()


@dataclass(frozen=True)
class BoardRow:
    """An alert as the live board shows it: no name, how old and how sure, and a dot on a
    975-pixel map of the country (a few kilometres a pixel), never coordinates."""

    alert: Alert
    age_seconds: int
    accuracy_m: int | None
    fix_age_seconds: int | None
    ack_due_at: datetime | None
    map_xy: tuple[float, float] | None = None  # where the first fix falls on the board's map

    @property
    def fix_is_stale(self) -> bool:
        return self.fix_age_seconds is not None and self.fix_age_seconds > STALE_FIX.seconds


def board_digest(actor: Actor, rows: list[BoardRow]) -> str:
    """What a board shows, in a few characters: which alerts, in which state and level, with
    which last fix. Two polls with the same digest showed the viewer the same thing."""
    shown = [
        (row.alert.pk, row.alert.status, row.alert.level, str(row.alert.acknowledged_at),
         row.alert.fix and row.alert.fix["fix_at"])
        for row in rows
    ]  # fmt: skip
    return hashlib.sha256(repr((actor.office_id, shown)).encode()).hexdigest()[:16]


def board_rows_of(alerts: Iterable[Alert]) -> list[BoardRow]:
    now = timezone.now()
    minutes: dict[int, int] = {}
    rows = []
    for alert in alerts:
        fix = alert.fix
        fix_age = None
        if fix:
            fix_age = int((now - datetime.fromisoformat(fix["fix_at"])).total_seconds())
        due = None
        if alert.status == AlertStatus.RECEIVED:
            if alert.office_id not in minutes:
                minutes[alert.office_id] = ack_minutes(alert.office)
            due = alert.level_at + timedelta(minutes=minutes[alert.office_id])
        rows.append(BoardRow(
            alert=alert, age_seconds=int((now - alert.received_at).total_seconds()),
            accuracy_m=round(fix["accuracy_m"]) if fix else None, fix_age_seconds=fix_age,
            ack_due_at=due,
            map_xy=atlas.project(fix["lat"], fix["lon"]) if fix else None,
        ))  # fmt: skip
    return rows
