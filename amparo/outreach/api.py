"""Preventive-outreach API (/api/v1/outreach/): kinds of event, events and their
lifecycle, what each reached, the CSV import and the yearly report. Reads and writes go
through the same services and access rules as the pages; errors are {"detail": "..."}:
403 for a role that may not do this, 404 for a missing or hidden event, 422 for a broken
rule."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import AwareDatetime, BaseModel

from amparo.accounts.actor import Actor, acting
from amparo.accounts.models import User
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.imports.api import InvalidInputOut
from amparo.core.api_types import RowId
from amparo.network.selectors import office_by_code
from amparo.outreach import imports, reports, selectors, services
from amparo.outreach.models import AgeBand, Event, EventKind, EventStatus, Modality, Program, Sex
from amparo.outreach.permissions import can_use_outreach

router = Router(tags=["outreach"])


def _user(request: HttpRequest) -> Actor:
    actor = acting(request)
    if not can_use_outreach(actor):
        raise HttpError(403, _("No tiene permiso para la protección preventiva."))
    return actor


def _event(request: HttpRequest, event_id: int, *, write: bool = False) -> tuple[Actor, Event]:
    """The actor and the event; 404 for a missing or hidden event, and for roles without
    outreach (so an event id reveals nothing to them either)."""
    actor = acting(request)
    if not can_use_outreach(actor):
        raise Http404
    return actor, selectors.event_for(actor, event_id, write=write)


class OutreachKindOut(Schema):
    code: str
    name_es: str
    name_en: str
    program: Program


class OutreachKindIn(Schema):
    code: str = Field(..., min_length=1, max_length=40, pattern=r"^[-a-z0-9_]+$")
    name_es: str = Field(..., min_length=1, max_length=120)
    name_en: str = Field(..., min_length=1, max_length=120)
    program: Program


class OutreachHeadcountCell(Schema):
    sex: Sex
    age_band: AgeBand
    count: int = Field(..., ge=0, le=services.MAX_COUNT)


class OutreachReach(Schema):
    headcount: list[OutreachHeadcountCell] = Field(default_factory=list)
    in_person: int = Field(0, description="Sum of the headcount (ignored on input).")
    live_viewers: int = Field(0, ge=0, le=services.MAX_COUNT)
    later_views: int = Field(0, ge=0, le=services.MAX_COUNT)
    reach_definition: str = Field("", max_length=255, description="Required with any online reach.")
    advisories_given: int = Field(0, ge=0, le=services.MAX_COUNT)
    cases_opened: int = Field(0, ge=0, le=services.MAX_COUNT)
    alert_enrolments: int = Field(0, ge=0, le=services.MAX_COUNT)


class OutreachEventIn(Schema):
    kind: str = Field(..., max_length=40, description="Code of an event kind")
    title: str = Field(..., min_length=1, max_length=160)
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    modality: Modality
    description: str = Field("", max_length=10_000)
    venue: str = Field("", max_length=160)
    address: str = Field("", max_length=255)
    state: str = Field("", max_length=8)
    county: str = Field("", max_length=100)
    zip_code: str = Field("", max_length=10)
    online_url: str = Field("", max_length=200)
    partners: str = Field("", max_length=10_000)
    topics: str = Field("", max_length=10_000)
    languages: str = Field("", max_length=200)
    audience: str = Field("", max_length=200)
    capacity: int | None = Field(None, ge=1, le=services.MAX_COUNT)
    staff_ids: list[RowId] = Field(default_factory=list, max_length=50)
    office_code: str = Field(
        "",
        max_length=12,
        description="Central administration only; others plan for their own office.",
    )


class OutreachEventOut(Schema):
    id: int
    office_code: str
    kind: str
    title: str
    status: EventStatus
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    time_zone: str
    modality: Modality
    venue: str
    address: str
    county_area: str | None
    online_url: str
    capacity: int | None
    public_code: str | None = Field(None, description="Only once published.")
    reach: OutreachReach | None

    @staticmethod
    def of(event: Event) -> "OutreachEventOut":
        report = getattr(event, "report", None)
        return OutreachEventOut(
            id=event.pk,
            office_code=event.office.code,
            kind=event.kind.code,
            title=event.title,
            status=EventStatus(event.status),
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            time_zone=event.office.time_zone,
            modality=Modality(event.modality),
            venue=event.venue,
            address=event.address,
            county_area=event.area.code if event.area is not None else None,
            online_url=event.online_url,
            capacity=event.capacity,
            public_code=event.public_code if event.approved_at else None,
            reach=_reach_out(report) if report is not None else None,
        )


def _reach_out(report: object) -> OutreachReach:
    return OutreachReach(
        headcount=[
            OutreachHeadcountCell(sex=Sex(c.sex), age_band=AgeBand(c.age_band), count=c.count)
            for c in report.cells.all()  # type: ignore[attr-defined]
        ],
        **{
            name: getattr(report, name)
            for name in (
                "in_person",
                "live_viewers",
                "later_views",
                "reach_definition",
                "advisories_given",
                "cases_opened",
                "alert_enrolments",
            )
        },
    )


class OutreachEventFilters(Schema):
    status: EventStatus | None = None
    kind: str = Field("", max_length=40)
    date_from: date | None = Field(None, description="Local start date, inclusive")
    date_to: date | None = Field(None, description="Local start date, inclusive")


class OutreachCancelIn(Schema):
    reason: str = Field(..., min_length=1, max_length=255)


# The report's schemas are plain pydantic models: ninja's Schema reads every field through
# its Django getter, which for the network's 3,000+ rows cost more than the SQL
# (docs/decisions.md). Nothing here is a Django object.
class OutreachReportRow(BaseModel):
    office_code: str
    kind: str
    program: Program
    month: str = Field(..., description="YYYY-MM in the office's calendar")
    events: int
    in_person: int
    online: int
    reach: int


class OutreachOfficeProtection(BaseModel):
    office_code: str
    events: int
    reach: int
    cases_opened: int
    cases_per_thousand_reached: float | None


class OutreachReportOut(BaseModel):
    year: int
    rows: list[OutreachReportRow]
    protection: list[OutreachOfficeProtection]


class OutreachErrorOut(Schema):
    detail: str


class OutreachLineError(Schema):
    line: int
    message: str


class OutreachImportOut(Schema):
    valid: int
    skipped: int
    created: int
    errors: list[OutreachLineError]


def _kind(code: str) -> EventKind:
    kind = EventKind.objects.filter(code=code).first()
    if kind is None:
        raise HttpError(422, _("Tipo de evento desconocido."))
    return kind


@router.get("/kinds", response=list[OutreachKindOut], summary="Tipos de evento")
def list_kinds(request: HttpRequest) -> list[OutreachKindOut]:
    _user(request)
    return [
        OutreachKindOut(
            code=k.code, name_es=k.name_es, name_en=k.name_en, program=Program(k.program)
        )
        for k in selectors.event_kinds()
    ]


@router.post("/kinds", response={201: OutreachKindOut}, summary="Agregar un tipo de evento")
def create_kind(request: HttpRequest, payload: OutreachKindIn) -> Status[OutreachKindOut]:
    actor = _user(request)
    kind = services.kind_create(actor=actor, **payload.dict())
    return Status(
        201,
        OutreachKindOut(
            code=kind.code,
            name_es=kind.name_es,
            name_en=kind.name_en,
            program=Program(kind.program),
        ),
    )


@router.get("/events", response=list[OutreachEventOut], summary="Eventos de la representación")
@paginate
def list_events(
    request: HttpRequest, filters: Query[OutreachEventFilters]
) -> list[OutreachEventOut]:
    actor = _user(request)
    events = selectors.events_for(
        actor,
        status=filters.status or "",
        kind=_kind(filters.kind) if filters.kind else None,
        date_from=filters.date_from,
        date_to=filters.date_to,
    ).prefetch_related("report__cells")
    audit_record(actor=actor, action=Action.LIST, target_type="outreach.event")
    return [OutreachEventOut.of(e) for e in events]  # type: ignore[return-value]


@router.post("/events", response={201: OutreachEventOut}, summary="Planear un evento (borrador)")
def create_event(request: HttpRequest, payload: OutreachEventIn) -> Status[OutreachEventOut]:
    actor = _user(request)
    office = actor.office
    if payload.office_code:
        found = office_by_code(payload.office_code)
        if found is None or (found.pk != actor.office_id and not actor.is_central):
            raise HttpError(403, _("Solo puede planear eventos de su representación."))
        office = found
    staff = tuple(User.objects.filter(pk__in=payload.staff_ids))
    if len(staff) != len(set(payload.staff_ids)):
        raise HttpError(422, _("Solo puede asignarse personal de la representación."))
    details = services.EventDetails(
        kind=_kind(payload.kind),
        staff=staff,
        **payload.dict(exclude={"kind", "staff_ids", "office_code"}),
    )
    event = services.event_plan(actor=actor, office=office, details=details)
    return Status(201, OutreachEventOut.of(selectors.event_for(actor, event.pk)))


@router.get("/events/{event_id}", response=OutreachEventOut, summary="Un evento")
def get_event(request: HttpRequest, event_id: RowId) -> OutreachEventOut:
    actor, event = _event(request, event_id)
    audit_record(actor=actor, action=Action.VIEW, target=event)
    return OutreachEventOut.of(event)


@router.post("/events/{event_id}/submit", response=OutreachEventOut, summary="Enviar a aprobación")
def submit_event(request: HttpRequest, event_id: RowId) -> OutreachEventOut:
    actor, event = _event(request, event_id, write=True)
    event = services.event_submit(actor=actor, event=event)
    return OutreachEventOut.of(selectors.event_for(actor, event.pk))


@router.post("/events/{event_id}/approve", response=OutreachEventOut, summary="Aprobar y publicar")
def approve_event(request: HttpRequest, event_id: RowId) -> OutreachEventOut:
    actor, event = _event(request, event_id, write=True)
    event = services.event_approve(actor=actor, event=event)
    return OutreachEventOut.of(selectors.event_for(actor, event.pk))


@router.post("/events/{event_id}/cancel", response=OutreachEventOut, summary="Cancelar")
def cancel_event(
    request: HttpRequest, event_id: RowId, payload: OutreachCancelIn
) -> OutreachEventOut:
    actor, event = _event(request, event_id, write=True)
    event = services.event_cancel(actor=actor, event=event, reason=payload.reason)
    return OutreachEventOut.of(selectors.event_for(actor, event.pk))


@router.put(
    "/events/{event_id}/reach", response=OutreachReach, summary="Registrar asistencia y alcance"
)
def record_reach(request: HttpRequest, event_id: RowId, payload: OutreachReach) -> OutreachReach:
    actor, event = _event(request, event_id, write=True)
    cells: dict[tuple[str, str], int] = {}
    for cell in payload.headcount:
        key = (cell.sex.value, cell.age_band.value)
        cells[key] = cells.get(key, 0) + cell.count
    report = services.event_record_reach(
        actor=actor,
        event=event,
        reach=services.Reach(
            headcount=cells,
            **payload.dict(exclude={"headcount", "in_person"}),
        ),
    )
    return _reach_out(report)


@router.get(
    "/reports", response=OutreachReportOut, summary="Informe anual por representación, tipo y mes"
)
def yearly_report(
    request: HttpRequest, year: int = Query(..., ge=2000, le=2100)
) -> OutreachReportOut:  # type: ignore[type-arg]
    actor = _user(request)
    rows = reports.outreach_report(actor, year=year)
    protection = reports.reach_against_cases(actor, year=year, rows=rows)
    audit_record(actor=actor, action=Action.LIST, target_type="outreach.report", reason=str(year))
    return OutreachReportOut(
        year=year,
        rows=[
            OutreachReportRow(
                office_code=r.office_code,
                kind=r.kind_code,
                program=Program(r.program),
                month=r.month.strftime("%Y-%m"),
                events=r.events,
                in_person=r.in_person,
                online=r.online,
                reach=r.reach,
            )
            for r in rows
        ],
        protection=[
            OutreachOfficeProtection(
                office_code=p.office_code,
                events=p.events,
                reach=p.reach,
                cases_opened=p.cases_opened,
                cases_per_thousand_reached=p.cases_per_thousand_reached,
            )
            for p in protection
        ],
    )


@router.post(
    "/import",
    response={200: OutreachImportOut, 422: OutreachImportOut | InvalidInputOut | OutreachErrorOut},
    summary="Importar eventos pasados (CSV)",
)
def import_events(
    request: HttpRequest,
    file: File[UploadedFile],
    dry_run: Form[bool] = True,
    office_code: Form[str] = "",
) -> Status[OutreachImportOut]:
    """Check every line (dry_run, the default) or write them all; any error writes nothing."""
    actor = _user(request)
    office = actor.office
    if office_code:
        found = office_by_code(office_code)
        if found is None or (found.pk != actor.office_id and not actor.is_central):
            raise HttpError(403, _("Solo puede importar eventos de su representación."))
        office = found
    if (file.size or 0) > imports.MAX_BYTES:
        raise HttpError(413, _("El archivo es demasiado grande (máximo 2 MB)."))
    try:
        result = imports.events_import(
            actor=actor, office=office, content=file.read(), dry_run=dry_run
        )
    except PermissionDenied as error:
        raise HttpError(403, _("No tiene permiso para importar eventos.")) from error
    out = OutreachImportOut(
        valid=result.valid,
        skipped=result.skipped,
        created=result.created,
        errors=[OutreachLineError(line=e.line, message=e.message) for e in result.errors],
    )
    return Status(422 if result.errors else 200, out)
