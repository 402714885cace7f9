"""Turning CaseEvent rows into the sentences the case page shows."""

from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amparo.alerts.models import Level, RoutedBy
from amparo.alerts.models import Outcome as AlertOutcome
from amparo.cases.models import (
    ActionKind,
    AttachmentKind,
    CaseEvent,
    CaseStatus,
    ClosureReason,
    EventKind,
    IntakeChannel,
)
from amparo.legal.models import DeadlineKind, Outcome
from amparo.support.models import LogisticsStep, RequestKind

# What each step of an economic-support request says on the case's timeline.
SUPPORT_STEPS = {
    "submitted": gettext_lazy("solicitud enviada al comité"),
    "decided": gettext_lazy("aprobada por una instancia; falta otra"),
    "approved": gettext_lazy("aprobada; importe comprometido"),
    "rejected": gettext_lazy("rechazada"),
    "paid": gettext_lazy("pagada"),
    "bond_cancelled": gettext_lazy("fianza cancelada; reembolso por recibir"),
    "bond_refunded": gettext_lazy("reembolso de la fianza recibido"),
    "bond_breached": gettext_lazy("fianza perdida"),
}

# What each step of an alert says on the case's timeline (never the position itself).
ALERT_STEPS = {
    "received": gettext_lazy("alerta n.º %(alert)s recibida, dirigida a %(office)s (%(routed_by)s; precisión %(accuracy)s)"),
    "position": gettext_lazy("alerta n.º %(alert)s: nueva posición (precisión %(accuracy)s)"),
    "acknowledged": gettext_lazy("alerta n.º %(alert)s vista por %(by)s"),
    "escalated": gettext_lazy("alerta n.º %(alert)s sin acuse: pasa a %(level)s"),
    "outcome": gettext_lazy("alerta n.º %(alert)s: %(outcome)s"),
    "duress": gettext_lazy("alerta n.º %(alert)s: la persona usó el PIN de coacción"),
    "safe": gettext_lazy("alerta n.º %(alert)s terminada: la persona está a salvo"),
    "closed": gettext_lazy("alerta n.º %(alert)s cerrada"),
}  # fmt: skip

# What each step of a PALE referral says on the case's timeline.
PALE_STEPS = {
    "sent": gettext_lazy("canalización enviada a %(provider)s"),
    "accepted": gettext_lazy("%(provider)s aceptó la canalización"),
    "declined": gettext_lazy("%(provider)s rechazó la canalización"),
    "hearing": gettext_lazy("%(provider)s informa una audiencia el %(day)s"),
    "document": gettext_lazy("documento compartido con %(provider)s: %(name)s"),
    "concluded": gettext_lazy("%(provider)s concluyó: %(outcome)s"),
    "revoked": gettext_lazy("canalización a %(provider)s revocada"),
    "capital_deadline": gettext_lazy("fecha de pena capital: %(deadline)s, %(day)s"),
}


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "—")


def _person(ref: Any) -> str:
    return ref["name"] if isinstance(ref, dict) and ref.get("name") else _("nadie")


def describe_event(event: CaseEvent) -> str:  # noqa: PLR0911, PLR0912 - a branch per kind
    """One line in Spanish (or the active language) summarising the event."""
    payload: dict[str, Any] = event.payload or {}
    before: dict[str, Any] = payload.get("before") or {}
    after: dict[str, Any] = payload.get("after") or {}
    match event.kind:
        case EventKind.OPENED:
            return _("Caso abierto; canal: %(channel)s.") % {
                "channel": _label(IntakeChannel, after.get("channel"))
            }
        case EventKind.ASSIGNED:
            return _("Asignación: de %(before)s a %(after)s.") % {
                "before": _person(payload.get("before")),
                "after": _person(payload.get("after")),
            }
        case EventKind.STATUS_CHANGED:
            text = _("Estatus: de «%(before)s» a «%(after)s».") % {
                "before": _label(CaseStatus, before.get("status")),
                "after": _label(CaseStatus, after.get("status")),
            }
            if after.get("closure_reason"):
                text += " " + _("Motivo de cierre: %(reason)s.") % {
                    "reason": _label(ClosureReason, after["closure_reason"])
                }
            return text
        case EventKind.NOTE:
            return _("Nota")
        case EventKind.ACTION:
            occurred = payload.get("occurred_on")
            day = date_format(date.fromisoformat(occurred)) if occurred else "—"
            return _("Gestión: %(kind)s (%(day)s).") % {
                "kind": _label(ActionKind, payload.get("action")),
                "day": day,
            }
        case EventKind.NOTIFICATION:
            return _("Notificación consular registrada; demora de %(hours)s horas.") % {
                "hours": payload.get("delay_hours", "—")
            }
        case EventKind.TRANSFER_REQUESTED:
            return _("Traslado solicitado de %(source)s a %(target)s.") % _offices(payload)
        case EventKind.TRANSFER_ACCEPTED:
            return _("Traslado aceptado: el caso pasa de %(source)s a %(target)s.") % _offices(
                payload
            )
        case EventKind.TRANSFER_REFUSED:
            return _("Traslado a %(target)s rechazado.") % _offices(payload)
        case EventKind.TRANSFER_CANCELLED:
            return _("Traslado a %(target)s cancelado.") % _offices(payload)
        case EventKind.ATTACHMENT_ADDED:
            return _("Documento adjunto (%(kind)s): %(name)s.") % {
                "kind": _label(AttachmentKind, payload.get("kind")),
                "name": payload.get("name", "—"),
            }
        case EventKind.SUPPORT:
            return _describe_support(payload)
        case EventKind.PALE:
            return _describe_pale(payload)
        case EventKind.ALERT:
            return _describe_alert(payload)
    return _label(EventKind, event.kind)


def _describe_support(payload: dict[str, Any]) -> str:
    what = {"number": payload.get("request", "—"), "kind": _label(RequestKind, payload.get("kind"))}
    if payload.get("step") == "logistics":
        done_on = payload.get("done_on")
        return _("%(kind)s n.º %(number)s, logística: %(item)s (%(day)s). %(detail)s") % {
            **what,
            "item": _label(LogisticsStep, payload.get("item")),
            "day": date_format(date.fromisoformat(done_on)) if done_on else "—",
            "detail": payload.get("detail", ""),
        }
    return _("%(kind)s n.º %(number)s: %(step)s.") % {
        **what,
        "step": SUPPORT_STEPS.get(payload.get("step", ""), payload.get("step", "—")),
    }


def _describe_alert(payload: dict[str, Any]) -> str:
    values = {
        "alert": payload.get("alert", "—"), "office": payload.get("office", "—"),
        "routed_by": _label(RoutedBy, payload.get("routed_by")),
        "accuracy": payload.get("accuracy", "—"), "by": payload.get("by", "—"),
        "level": _label(Level, payload.get("level")),
        "outcome": _label(AlertOutcome, payload.get("outcome")),
    }  # fmt: skip
    step = ALERT_STEPS.get(payload.get("step", ""))
    text = step % values if step else str(payload.get("step", "—"))
    return _("Botón de alerta: %(step)s.") % {"step": text}


def _describe_pale(payload: dict[str, Any]) -> str:
    day = payload.get("day")
    values = {
        "provider": payload.get("provider", "—"),
        "name": payload.get("name", "—"),
        "outcome": _label(Outcome, payload.get("outcome")),
        "deadline": _label(DeadlineKind, payload.get("deadline")),
        "day": date_format(date.fromisoformat(day[:10]), "DATE_FORMAT") + (
            f" {day[11:16]}" if len(day) > 10 else "") if day else "—",
    }  # fmt: skip
    step = PALE_STEPS.get(payload.get("step", ""))
    text = step % values if step else str(payload.get("step", "—"))
    return _("PALE: %(step)s.") % {"step": text}


def _offices(payload: dict[str, Any]) -> dict[str, str]:
    return {"source": str(payload.get("from", "—")), "target": str(payload.get("to", "—"))}


def timeline_entries(events: Any) -> list[dict[str, Any]]:
    return [{"event": event, "description": describe_event(event)} for event in events]
