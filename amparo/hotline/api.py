"""Hotline API (/api/v1/hotline/): the same scoped operations as the pages, plus the
signed telephony webhook. Hidden and missing records both answer 404; a rule the input
breaks answers 422 with {"detail": "..."}; a refused operation 403."""

import hashlib
import json
import time as clock
from datetime import date, datetime, time

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import AwareDatetime, field_validator

from amparo.accounts.access import get_for_actor
from amparo.accounts.actor import Actor, acting
from amparo.accounts.models import User
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.models import Subtype
from amparo.core.api_types import ErrorOut, RowId
from amparo.core.env import env_str
from amparo.hotline import services
from amparo.hotline.models import Call, Callback, Escalation, Urgency
from amparo.hotline.permissions import can_log_calls, can_supervise, can_use_hotline
from amparo.hotline.phones import InvalidPhoneError, normalize_phone
from amparo.hotline.reports import hotline_report, report_csv
from amparo.hotline.selectors import (
    call_list,
    callbacks_for,
    caller_history,
    ciam_offices,
    incoming_escalations,
    live_figures,
    sent_escalations,
    unclaimed_call_for,
)
from amparo.hotline.signatures import is_authentic, is_fresh
from amparo.network.models import Office

router = Router(tags=["hotline"])

SIGNATURE_HEADER = "X-Amparo-Signature"
TIMESTAMP_HEADER = "X-Amparo-Timestamp"
SECRET_ENV = "AMPARO_TELEPHONY_SECRET"  # noqa: S105 - the variable name, not a secret


def _require(allowed: bool) -> None:
    if not allowed:
        raise HttpError(403, _("No tiene permiso para esta operación."))


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


# --- Calls ---------------------------------------------------------------------------------


class CallIn(Schema):
    topic: str
    outcome: str
    started_at: AwareDatetime | None = None
    ended_at: AwareDatetime | None = None
    caller_phone: str = ""
    caller_name: str = ""
    origin_country: str = "US"
    origin_state: str = ""
    county: str = ""
    zip_code: str = ""
    language: str = "es"
    summary: str = ""
    telephony_call_id: str = ""
    callback_due_at: AwareDatetime | None = None


class CallOut(Schema):
    id: int
    office_code: str
    operator: str
    started_at: datetime
    ended_at: datetime | None
    caller_phone: str
    caller_name: str
    origin_country: str
    origin_state: str
    county: str
    zip_code: str
    language: str
    topic: str
    summary: str
    outcome: str
    escalated_case_folio: str | None
    telephony_call_id: str | None

    @staticmethod
    def resolve_office_code(call: Call) -> str:
        return call.office.code

    @staticmethod
    def resolve_operator(call: Call) -> str:
        return call.operator.username

    @staticmethod
    def resolve_escalated_case_folio(call: Call) -> str | None:
        return call.escalated_case.folio if call.escalated_case_id else None  # type: ignore[union-attr]


@router.post("/calls", response={201: CallOut, **ERRORS}, summary="Registrar una llamada")
def log_call(request: HttpRequest, payload: CallIn) -> Status:
    actor = acting(request)
    _require(can_log_calls(actor))
    call = services.call_log(actor=actor, **payload.dict())
    return Status(201, call)


@router.get("/calls", response={200: list[CallOut], **ERRORS}, summary="Llamadas recientes")
def list_calls(request: HttpRequest, limit: int = 50) -> list[Call]:
    actor = acting(request)
    _require(can_use_hotline(actor))
    audit_record(actor=actor, action=Action.LIST, target_type="hotline.call")
    return call_list(actor, limit=max(1, min(limit, 200)))


@router.get("/calls/{call_id}", response={200: CallOut, **ERRORS}, summary="Una llamada")
def get_call(request: HttpRequest, call_id: RowId) -> Call:
    actor = acting(request)
    call = get_for_actor(actor, Call.objects.select_related("office", "operator"), call_id)
    audit_record(actor=actor, action=Action.VIEW, target=call)
    return call


class HistoryQuery(Schema):
    phone: str = ""
    name: str = ""
    origin_country: str = "US"


class EarlierCallOut(Schema):
    id: int
    started_at: datetime
    topic: str
    outcome: str
    summary: str
    case_folio: str


class CaseExistenceOut(Schema):
    folio: str
    office_name: str
    status: str
    status_label: str
    opened_at: datetime


class PersonMatchOut(Schema):
    name: str
    office_name: str
    cases: list[CaseExistenceOut]


class HistoryOut(Schema):
    phone: str
    calls: list[EarlierCallOut]
    people: list[PersonMatchOut]
    open_cases: int


@router.get("/history", response={200: HistoryOut, **ERRORS}, summary="Historial de quien llama")
def history(request: HttpRequest, query: Query[HistoryQuery]) -> object:
    actor = acting(request)
    _require(can_use_hotline(actor))
    try:
        phone = normalize_phone(query.phone, origin_country=query.origin_country)
    except InvalidPhoneError as error:
        raise HttpError(422, _("El número no es válido.")) from error
    if not phone and not query.name.strip():
        raise HttpError(422, _("Indique un teléfono o un nombre."))
    return caller_history(actor, phone=phone, name=query.name[:200])


# --- Escalations ---------------------------------------------------------------------------


class EscalateIn(Schema):
    subtype_id: RowId
    given_names: str
    first_surname: str
    second_surname: str = ""
    urgency: str = Urgency.NONE
    note: str = ""
    latitude: float | None = None
    longitude: float | None = None
    office_code: str = ""
    caller_is_affected: bool = True
    caller_relation: str = ""


class EscalationOut(Schema):
    id: int
    call_id: int | None
    case_id: int
    case_folio: str
    office_code: str
    urgency: str
    urgent: bool
    caller_is_affected: bool
    caller_relation: str
    routed_by: str
    created_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str | None

    @staticmethod
    def resolve_call_id(escalation: Escalation) -> int | None:
        # Receiving offices do not read CIAM calls; only the CIAM gets the call id.
        return getattr(escalation, "_show_call_id", None)

    @staticmethod
    def resolve_case_folio(escalation: Escalation) -> str:
        return escalation.case.folio

    @staticmethod
    def resolve_office_code(escalation: Escalation) -> str:
        return escalation.office.code

    @staticmethod
    def resolve_acknowledged_by(escalation: Escalation) -> str | None:
        user = escalation.acknowledged_by
        return user.username if user is not None else None


def _with_call_id(escalation: Escalation) -> Escalation:
    escalation._show_call_id = escalation.call_id  # type: ignore[attr-defined]
    return escalation


@router.post(
    "/calls/{call_id}/escalate",
    response={201: EscalationOut, **ERRORS},
    summary="Escalar una llamada a caso en la representación que corresponde",
)
def escalate(request: HttpRequest, call_id: RowId, payload: EscalateIn) -> Status:
    actor = acting(request)
    call = get_for_actor(actor, Call.objects.all(), call_id, write=True)
    _require(can_log_calls(actor))
    subtype = Subtype.objects.filter(pk=payload.subtype_id).first()
    if subtype is None:
        raise HttpError(422, _("Tipo de caso no válido."))
    chosen = None
    if payload.office_code:
        chosen = Office.objects.filter(code=payload.office_code.upper()).first()
        if chosen is None:
            raise HttpError(422, _("Representación no válida."))
    escalation = services.call_escalate(
        actor=actor,
        call=call,
        subtype=subtype,
        given_names=payload.given_names,
        first_surname=payload.first_surname,
        second_surname=payload.second_surname,
        urgency=payload.urgency,
        note=payload.note,
        latitude=payload.latitude,
        longitude=payload.longitude,
        chosen_office=chosen,
        caller_is_affected=payload.caller_is_affected,
        caller_relation=payload.caller_relation,
    )
    return Status(201, _with_call_id(escalation))


@router.get(
    "/escalations",
    response={200: list[EscalationOut], **ERRORS},
    summary="Escalamientos recibidos (consulados) o enviados (CIAM)",
)
def list_escalations(request: HttpRequest, pending: bool = False) -> list[Escalation]:
    actor = acting(request)
    audit_record(actor=actor, action=Action.LIST, target_type="hotline.escalation")
    if can_log_calls(actor):
        sent = sent_escalations(actor).select_related("acknowledged_by")
        if pending:
            sent = sent.filter(acknowledged_at=None)
        return [_with_call_id(e) for e in sent[:200]]
    received = incoming_escalations(actor, pending_only=pending).select_related("acknowledged_by")
    return list(received[:200])


@router.post(
    "/escalations/{escalation_id}/acknowledge",
    response={200: EscalationOut, **ERRORS},
    summary="Acusar recibo de un escalamiento",
)
def acknowledge(request: HttpRequest, escalation_id: RowId) -> Escalation:
    actor = acting(request)
    escalation = get_for_actor(actor, Escalation.objects.all(), escalation_id, write=True)
    return services.escalation_acknowledge(actor=actor, escalation=escalation)


# --- Callbacks -----------------------------------------------------------------------------


class CallbackIn(Schema):
    due_at: AwareDatetime
    assigned_to: str = ""  # username of an operator of the CIAM; empty: the shift


class CallbackOut(Schema):
    id: int
    call_id: int
    due_at: datetime
    assigned_to: str | None
    shift: str | None
    attempts: int
    max_attempts: int
    status: str
    outcome: str

    @staticmethod
    def resolve_assigned_to(callback: Callback) -> str | None:
        return callback.assigned_to.username if callback.assigned_to else None

    @staticmethod
    def resolve_shift(callback: Callback) -> str | None:
        return callback.shift.kind if callback.shift else None


class AttemptIn(Schema):
    outcome: str
    note: str = ""
    next_due_at: AwareDatetime | None = None


@router.post(
    "/calls/{call_id}/callbacks",
    response={201: CallbackOut, **ERRORS},
    summary="Programar una devolución de llamada",
)
def schedule_callback(request: HttpRequest, call_id: RowId, payload: CallbackIn) -> Status:
    actor = acting(request)
    call = get_for_actor(actor, Call.objects.all(), call_id, write=True)
    _require(can_log_calls(actor))
    assignee = None
    if payload.assigned_to:
        assignee = User.objects.filter(username=payload.assigned_to).first()
        if assignee is None:
            raise HttpError(422, _("Solo operadores de este CIAM."))
    callback = services.callback_schedule(
        actor=actor, call=call, due_at=payload.due_at, assigned_to=assignee
    )
    return Status(201, callback)


@router.get(
    "/callbacks",
    response={200: list[CallbackOut], **ERRORS},
    summary="Devoluciones pendientes, por hora límite",
)
def list_callbacks(request: HttpRequest) -> list[Callback]:
    actor = acting(request)
    _require(can_use_hotline(actor))
    audit_record(actor=actor, action=Action.LIST, target_type="hotline.callback")
    return list(callbacks_for(actor)[:300])


@router.post(
    "/callbacks/{callback_id}/attempts",
    response={200: CallbackOut, **ERRORS},
    summary="Registrar un intento de devolución",
)
def log_attempt(request: HttpRequest, callback_id: RowId, payload: AttemptIn) -> Callback:
    actor = acting(request)
    callback = get_for_actor(actor, Callback.objects.all(), callback_id, write=True)
    _require(can_log_calls(actor))
    return services.callback_log_attempt(
        actor=actor,
        callback=callback,
        outcome=payload.outcome,
        note=payload.note,
        next_due_at=payload.next_due_at,
    )


# --- Shifts, supervision and reports -------------------------------------------------------


class ShiftOut(Schema):
    """Start and end are wall-clock times of the CIAM's time zone, "HH:MM" (a JSON Schema
    "time" would need a UTC offset, which a daily shift does not have)."""

    office_code: str
    kind: str
    starts_at: str = Field(pattern=r"^\d{2}:\d{2}$")
    ends_at: str = Field(pattern=r"^\d{2}:\d{2}$")
    operators: list[str]


class ShiftIn(Schema):
    """Wall-clock times of the CIAM's time zone, "HH:MM": a daily shift has no UTC offset."""

    starts_at: time
    ends_at: time
    operators: list[str] = []

    @field_validator("starts_at", "ends_at")
    @classmethod
    def without_offset(cls, value: time) -> time:
        if value.tzinfo is not None:
            raise ValueError(_("Escriba la hora sin zona horaria: es la hora local del CIAM."))
        return value


def _shift_out(shift: object) -> dict[str, object]:
    return {
        "office_code": shift.office.code,  # type: ignore[attr-defined]
        "kind": shift.kind,  # type: ignore[attr-defined]
        "starts_at": shift.starts_at.strftime("%H:%M"),  # type: ignore[attr-defined]
        "ends_at": shift.ends_at.strftime("%H:%M"),  # type: ignore[attr-defined]
        "operators": sorted(u.username for u in shift.operators.all()),  # type: ignore[attr-defined]
    }


def _ciam(actor: Actor, office_code: str) -> Office:
    offices = ciam_offices(actor)
    office = next((o for o in offices if o.code == office_code.upper()), None)
    if office is None and not office_code and offices:
        office = offices[0]
    if office is None:
        raise HttpError(404, _("No encontrado."))
    return office


@router.get("/shifts", response={200: list[ShiftOut], **ERRORS}, summary="Turnos del CIAM")
def list_shifts(request: HttpRequest, office_code: str = "") -> list[dict[str, object]]:
    actor = acting(request)
    _require(can_use_hotline(actor))
    office = _ciam(actor, office_code)
    return [_shift_out(shift) for shift in services.shifts_ensure(office)]


@router.put("/shifts/{kind}", response={200: ShiftOut, **ERRORS}, summary="Configurar un turno")
def configure_shift(
    request: HttpRequest, kind: str, payload: ShiftIn, office_code: str = ""
) -> dict[str, object]:
    actor = acting(request)
    _require(can_supervise(actor))
    office = _ciam(actor, office_code)
    operators = list(User.objects.filter(username__in=payload.operators))
    if len(operators) != len(set(payload.operators)):
        raise HttpError(422, _("Solo operadores de este CIAM."))
    shift = services.shift_configure(
        actor=actor,
        office=office,
        kind=kind,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        operators=operators,
    )
    return _shift_out(shift)


class LiveOut(Schema):
    office_code: str
    calls_today: int
    calls_per_hour: list[list[int]]
    open_callbacks: int
    overdue_callbacks: int
    escalations_waiting: int
    average_handling_seconds: int | None
    shift: str | None


@router.get("/supervision/live", response={200: list[LiveOut], **ERRORS}, summary="Cifras de hoy")
def live(request: HttpRequest) -> list[dict[str, object]]:
    actor = acting(request)
    _require(can_supervise(actor))
    rows = []
    for office in ciam_offices(actor):
        figures = live_figures(office)
        rows.append(
            {
                "office_code": office.code,
                "calls_today": figures.calls_today,
                "calls_per_hour": [list(pair) for pair in figures.calls_per_hour],
                "open_callbacks": figures.open_callbacks,
                "overdue_callbacks": figures.overdue_callbacks,
                "escalations_waiting": figures.escalations_waiting,
                "average_handling_seconds": figures.average_handling_seconds,
                "shift": figures.shift.kind if figures.shift else None,
            }
        )
    return rows


class ReportQuery(Schema):
    date_from: date
    date_to: date
    office_code: str = ""


class ReportRowOut(Schema):
    key: str
    label: str
    count: int


class ReportOut(Schema):
    office_code: str
    date_from: date
    date_to: date
    total: int
    sections: dict[str, list[ReportRowOut]]


def _report(request: HttpRequest, query: ReportQuery) -> object:
    actor = acting(request)
    _require(can_supervise(actor))
    office = _ciam(actor, query.office_code)
    try:
        return hotline_report(
            actor, office=office, date_from=query.date_from, date_to=query.date_to
        )
    except ValueError as error:
        raise HttpError(422, str(error)) from error


@router.get("/reports", response={200: ReportOut, **ERRORS}, summary="Reporte de llamadas")
def report(request: HttpRequest, query: Query[ReportQuery]) -> dict[str, object]:
    result = _report(request, query)
    return {
        "office_code": result.office.code,  # type: ignore[attr-defined]
        "date_from": result.date_from,  # type: ignore[attr-defined]
        "date_to": result.date_to,  # type: ignore[attr-defined]
        "total": result.total,  # type: ignore[attr-defined]
        "sections": result.sections,  # type: ignore[attr-defined]
    }


@router.get(
    "/reports/csv",
    response={200: None, **ERRORS},
    summary="Reporte de llamadas en CSV (queda en la bitácora como exportación)",
)
def report_export(request: HttpRequest, query: Query[ReportQuery]) -> HttpResponse:
    result = _report(request, query)
    audit_record(
        actor=acting(request),
        action=Action.EXPORT,
        target_type="hotline.report",
        target_id=result.office.pk,  # type: ignore[attr-defined]
        reason=f"{query.date_from}..{query.date_to}",
    )
    response = HttpResponse(report_csv(result), content_type="text/csv; charset=utf-8")  # type: ignore[arg-type]
    response["Content-Disposition"] = 'attachment; filename="ciam-report.csv"'
    return response


# --- Telephony -----------------------------------------------------------------------------


class PendingCallOut(Schema):
    call_id: str
    caller_phone: str
    occurred_at: datetime


@router.get(
    "/telephony/pending",
    response={200: PendingCallOut | None, **ERRORS},
    summary="La llamada entrante más reciente aún sin registrar del operador",
)
def pending_call(request: HttpRequest) -> object:
    actor = acting(request)
    _require(can_log_calls(actor))
    return unclaimed_call_for(actor)


class TelephonyEventIn(Schema):
    event: str
    call_id: str
    caller_number: str = ""
    operator: str = ""
    occurred_at: AwareDatetime


class TelephonyAck(Schema):
    detail: str
    created: bool


@router.post(
    "/telephony/events",
    auth=None,
    response={200: TelephonyAck, 201: TelephonyAck, **ERRORS},
    summary="Webhook de la central telefónica (firmado con HMAC-SHA256)",
    description=(
        "Sin sesión. Cabeceras: X-Amparo-Timestamp (segundos Unix, a lo más 5 minutos de "
        "diferencia) y X-Amparo-Signature: sha256=<hex> = HMAC-SHA256(secreto, "
        "timestamp + '.' + cuerpo). Idempotente por call_id y tipo de evento. "
        "Ver docs/telephony-webhook.md."
    ),
)
def telephony_event(request: HttpRequest) -> Status:
    secret = env_str(SECRET_ENV)
    if not secret:
        raise HttpError(403, _("El webhook de telefonía no está configurado."))
    timestamp = request.headers.get(TIMESTAMP_HEADER, "")
    body = request.body
    if not is_authentic(
        secret, timestamp=timestamp, body=body, signature=request.headers.get(SIGNATURE_HEADER, "")
    ):
        raise HttpError(401, _("Firma no válida."))
    if not is_fresh(timestamp, now=clock.time()):
        raise HttpError(401, _("Solicitud vencida o repetida."))
    event = _parse_event(body)
    stored, created = services.telephony_event_record(event=event, raw_body=body)
    if not created and stored.body_sha256 != _sha256(body):
        raise HttpError(409, _("Ya se recibió otro evento con ese identificador."))
    return Status(201 if created else 200, {"detail": "ok", "created": created})


def _sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _parse_event(body: bytes) -> services.EventInput:
    try:
        data = json.loads(body)
        payload = TelephonyEventIn(**data)
    except (ValueError, TypeError) as error:
        raise HttpError(400, _("Cuerpo JSON no válido.")) from error
    occurred_at = payload.occurred_at  # AwareDatetime: a time without its offset is refused
    return services.EventInput(
        kind=payload.event,
        call_id=payload.call_id,
        occurred_at=occurred_at,
        caller_number=payload.caller_number,
        operator=payload.operator,
    )
