"""Detention API (/api/v1/detention/): facilities with who is held there and the days since
the last visit, detentions (recorded, moved, ended), the "not seen in 30 days" list, visits
(planned, logged with the checklist, cancelled), follow-ups, advisories and the yearly
report. Errors are {"detail": "..."}: 403 for a role that may not, 404 for a missing or
hidden record, 422 for a broken rule."""

from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from amparo.accounts.access import get_for_actor
from amparo.accounts.actor import acting
from amparo.accounts.models import User
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.imports.api import InvalidInputOut
from amparo.cases.models import Case
from amparo.core.api_types import RowId
from amparo.detention import advisories, facilities, reports, selectors, services, visits
from amparo.detention import imports as detention_imports
from amparo.detention.models import (
    AdvisoryResult,
    Authority,
    Detention,
    DetentionStatus,
    FacilityKind,
    FollowUpKind,
    Matter,
    Modality,
    VisitStatus,
)
from amparo.legal.models import Provider
from amparo.people.models import Person

router = Router(tags=["detention"])


class DetentionFacilityOut(Schema):
    id: int
    name: str
    kind: FacilityKind
    address: str
    city: str
    state: str
    zip_code: str
    office_code: str | None
    held: int
    last_visit_on: date | None
    days_since_visit: int | None


class DetentionFacilityRulesIn(Schema):
    phones: str = Field("", max_length=200)
    visiting_hours: str = Field("", max_length=200)
    blackout_dates: str = Field("", max_length=200)
    id_rules: str = Field("", max_length=200)
    dress_rules: str = Field("", max_length=200)
    visit_request: str = Field("", max_length=10_000)
    phones_allowed: bool = False
    notes: str = Field("", max_length=10_000)


class DetentionErrorOut(Schema):
    detail: str


class DetentionFacilityImportOut(Schema):
    created: int
    updated: int
    unplaced: int
    errors: list[dict[str, Any]]


class DetentionIn(Schema):
    case_id: RowId
    facility_id: RowId
    authority: Authority
    detained_on: date | None = None
    charges: str = Field("", max_length=10_000)
    next_hearing_at: datetime | None = None


class DetentionOut(Schema):
    id: int
    person_id: int
    person_name: str
    case_folio: str | None
    office_code: str
    facility_id: int
    facility_name: str
    authority: Authority
    status: DetentionStatus
    detained_on: date | None
    ended_on: date | None
    next_hearing_at: datetime | None
    last_seen_on: date | None

    @staticmethod
    def resolve_person_name(obj: Detention) -> str:
        return f"{obj.person.given_names} {obj.person.first_surname}".strip()

    @staticmethod
    def resolve_case_folio(obj: Detention) -> str | None:
        return obj.case.folio if obj.case else None

    @staticmethod
    def resolve_office_code(obj: Detention) -> str:
        return obj.office.code

    @staticmethod
    def resolve_facility_name(obj: Detention) -> str:
        return obj.facility.name


class DetentionTransferIn(Schema):
    facility_id: RowId
    moved_on: date


class DetentionEndIn(Schema):
    status: str = Field(..., description="released or removed")
    ended_on: date


class DetentionVisitIn(Schema):
    facility_id: RowId
    planned_on: date
    starts_at: time | None = None
    officer_ids: list[RowId] = Field(..., min_length=1)
    notes: str = Field("", max_length=10_000)


class DetentionChecklistIn(Schema):
    health: str = Field("", max_length=240)
    ill_treatment: bool = False
    due_process_concern: bool = False
    has_lawyer: bool = False
    wants_family_contact: bool = False
    wants_voluntary_return: bool = False
    wants_pale_referral: bool = False
    case_opened: bool = False
    notes: str = Field("", max_length=500)


class DetentionSeenIn(DetentionChecklistIn):
    detention_id: RowId | None = Field(None, description="A national known to be held there.")
    given_names: str = Field("", max_length=120, description="Someone found on the day.")
    first_surname: str = Field("", max_length=80)
    second_surname: str = Field("", max_length=80)
    a_number: str = Field("", max_length=12)


class DetentionVisitLogIn(Schema):
    done_on: date
    seen: list[DetentionSeenIn] = Field(..., min_length=1, max_length=300)
    notes: str = Field("", max_length=10_000)


class DetentionFollowUpOut(Schema):
    id: int
    kind: FollowUpKind
    owner: str
    due_on: date
    done_at: datetime | None
    detention_id: int


class DetentionVisitOut(Schema):
    id: int
    office_code: str
    facility_id: int
    facility_name: str
    planned_on: date
    starts_at: time | None
    status: VisitStatus
    officers: list[str]
    seen: int


class DetentionAdvisoryIn(Schema):
    given_on: date
    matter: Matter
    modality: Modality
    minutes: int
    result: AdvisoryResult
    person_id: RowId | None = None
    anonymous_count: int = 0
    provider_id: RowId | None = Field(
        None, description="The PALE provider under contract with the office that gave it; "
        "without it, the caller gave it.",
    )  # fmt: skip


class DetentionAdvisoryOut(Schema):
    id: int
    office_code: str
    given_on: date
    matter: Matter
    modality: Modality
    minutes: int
    result: AdvisoryResult
    person_id: int | None
    anonymous_count: int
    adviser: str | None
    provider_id: int | None
    provider: str | None


class DetentionReportOut(Schema):
    year: int
    by_office_month: list[list[Any]]
    by_facility: list[list[Any]]
    by_matter: list[list[Any]]


def _detention_out(detention: Detention) -> DetentionOut:
    return DetentionOut.from_orm(detention)


def _visit_out(v: Any) -> DetentionVisitOut:
    return DetentionVisitOut(
        id=v.pk, office_code=v.office.code, facility_id=v.facility_id,
        facility_name=v.facility.name, planned_on=v.planned_on, starts_at=v.starts_at,
        status=VisitStatus(v.status), officers=[u.username for u in v.officers.all()],
        seen=v.seen.count(),
    )  # fmt: skip


def _facility(pk: int) -> Any:
    facility = selectors.facility_choices().filter(pk=pk).first()
    if facility is None:
        raise ValidationError({"facility_id": _("Centro desconocido.")})
    return facility


@router.get("/facilities", response=list[DetentionFacilityOut])
def list_facilities(request: HttpRequest) -> list[DetentionFacilityOut]:
    """The facilities of the caller's jurisdiction (central roles: all)."""
    actor = acting(request)
    return [
        DetentionFacilityOut(
            id=row.facility.pk, name=row.facility.name, kind=FacilityKind(row.facility.kind),
            address=row.facility.address, city=row.facility.city, state=row.facility.state,
            zip_code=row.facility.zip_code,
            office_code=row.facility.office.code if row.facility.office else None,
            held=row.held, last_visit_on=row.last_visit_on, days_since_visit=row.days_since_visit,
        )
        for row in selectors.facilities_with_held(actor, actor.office.local_today())
    ]  # fmt: skip


@router.put("/facilities/{int:facility_id}/rules", response=DetentionFacilityRulesIn)
def put_rules(
    request: HttpRequest, facility_id: RowId, payload: DetentionFacilityRulesIn
) -> DetentionFacilityRulesIn:
    actor = acting(request)
    facility = facilities.facility_update_rules(
        actor=actor, facility=selectors.facility_for(actor, facility_id), **payload.dict()
    )
    return DetentionFacilityRulesIn(
        **{name: getattr(facility, name) for name in facilities.RULE_FIELDS}
    )


@router.post(
    "/facilities/import",
    response={
        200: DetentionFacilityImportOut,
        422: DetentionFacilityImportOut | InvalidInputOut | DetentionErrorOut,
    },
)
def import_facilities(
    request: HttpRequest, file: File[UploadedFile]
) -> Status[DetentionFacilityImportOut]:
    """A CSV in ICE's format (central administration); any bad line imports nothing."""
    if (file.size or 0) > facilities.MAX_BYTES:
        raise HttpError(413, _("El archivo es demasiado grande (máximo 2 MB)."))
    result = facilities.facilities_import(actor=acting(request), content=file.read())
    out = DetentionFacilityImportOut(
        created=result.created, updated=result.updated, unplaced=result.unplaced,
        errors=[{"line": e.line, "message": e.message} for e in result.errors],
    )  # fmt: skip
    return Status(422 if result.errors else 200, out)


class DetentionImportOut(Schema):
    created: int
    errors: list[dict[str, Any]]


@router.post(
    "/detentions/import",
    response={
        200: DetentionImportOut,
        422: DetentionImportOut | InvalidInputOut | DetentionErrorOut,
    },
)
def import_detentions(request: HttpRequest, file: File[UploadedFile]) -> Status[DetentionImportOut]:
    """Detentions of the caller's office's cases from CSV (folio, centro, autoridad,
    fecha_detencion, cargos, proxima_audiencia); any bad line imports nothing."""
    if (file.size or 0) > detention_imports.MAX_BYTES:
        raise HttpError(413, _("El archivo es demasiado grande (máximo 2 MB)."))
    result = detention_imports.detentions_import(actor=acting(request), content=file.read())
    out = DetentionImportOut(
        created=result.created,
        errors=[{"line": e.line, "message": e.message} for e in result.errors],
    )
    return Status(422 if result.errors else 200, out)


@router.get("/detentions/not-seen", response=list[DetentionOut])
@paginate
def list_not_seen(request: HttpRequest) -> list[DetentionOut]:
    """Nationals held now whom the consulate never saw or not in 30 days, never seen first."""
    actor = acting(request)
    audit_record(
        actor=actor, action=Action.LIST, target_type="detention.detention", reason="not_seen"
    )
    found = selectors.not_seen(actor, actor.office.local_today())
    return selectors.with_case_folios(found)  # type: ignore[return-value]


@router.post("/detentions", response={201: DetentionOut})
def create_detention(request: HttpRequest, payload: DetentionIn) -> Status[DetentionOut]:
    actor = acting(request)
    case = get_for_actor(actor, Case.objects.all(), payload.case_id, write=True)
    detention = services.detention_record(
        actor=actor, case=case, facility=_facility(payload.facility_id), authority=payload.authority,
        detained_on=payload.detained_on, charges=payload.charges,
        next_hearing_at=payload.next_hearing_at,
    )  # fmt: skip
    return Status(201, _detention_out(selectors.detention_for(actor, detention.pk)))


@router.get("/detentions/{int:detention_id}", response=DetentionOut)
def get_detention(request: HttpRequest, detention_id: RowId) -> DetentionOut:
    actor = acting(request)
    detention = selectors.detention_for(actor, detention_id)
    audit_record(actor=actor, action=Action.VIEW, target=detention)
    return _detention_out(detention)


@router.post("/detentions/{int:detention_id}/transfer", response=DetentionOut)
def transfer(
    request: HttpRequest, detention_id: RowId, payload: DetentionTransferIn
) -> DetentionOut:
    actor = acting(request)
    detention = services.detention_transfer(
        actor=actor, detention=selectors.detention_for(actor, detention_id),
        facility=_facility(payload.facility_id), moved_on=payload.moved_on,
    )  # fmt: skip
    return _detention_out(selectors.detention_for(actor, detention.pk))


@router.post("/detentions/{int:detention_id}/end", response=DetentionOut)
def end(request: HttpRequest, detention_id: RowId, payload: DetentionEndIn) -> DetentionOut:
    actor = acting(request)
    detention = services.detention_end(
        actor=actor, detention=selectors.detention_for(actor, detention_id),
        status=payload.status, ended_on=payload.ended_on,
    )  # fmt: skip
    return _detention_out(selectors.detention_for(actor, detention.pk))


@router.get("/visits", response=list[DetentionVisitOut])
@paginate
def list_visits(request: HttpRequest) -> list[DetentionVisitOut]:
    actor = acting(request)
    return [_visit_out(v) for v in selectors.visits_for(actor).order_by("-planned_on", "-id")]


@router.post("/visits", response={201: DetentionVisitOut})
def plan_visit(request: HttpRequest, payload: DetentionVisitIn) -> Status[DetentionVisitOut]:
    actor = acting(request)
    officers = list(User.objects.filter(pk__in=payload.officer_ids, is_active=True))
    if len(officers) != len(set(payload.officer_ids)):
        raise ValidationError(
            {"officer_ids": _("Solo personal de la representación puede visitar.")}
        )
    visit = visits.visit_plan(
        actor=actor, office=actor.office, facility=_facility(payload.facility_id),
        planned_on=payload.planned_on, starts_at=payload.starts_at, officers=officers,
        notes=payload.notes,
    )  # fmt: skip
    return Status(201, _visit_out(selectors.visit_for(actor, visit.pk)))


@router.get("/visits/{int:visit_id}", response=DetentionVisitOut)
def get_visit(request: HttpRequest, visit_id: RowId) -> DetentionVisitOut:
    actor = acting(request)
    visit = selectors.visit_for(actor, visit_id)
    audit_record(actor=actor, action=Action.VIEW, target=visit)
    return _visit_out(visit)


@router.post("/visits/{int:visit_id}/log", response=DetentionVisitOut)
def log_visit(
    request: HttpRequest, visit_id: RowId, payload: DetentionVisitLogIn
) -> DetentionVisitOut:
    """Who was seen (known detentions by id; people found on the day by name) and, per
    person, the checklist; each "wants" becomes a follow-up."""
    actor = acting(request)
    visit = selectors.visit_for(actor, visit_id)
    held = {d.pk: d for d in selectors.held_for_visit(actor, visit)}
    entries = []
    for line in payload.seen:
        checklist = line.dict(include=set(visits.CHECKLIST))
        if line.detention_id is not None:
            if line.detention_id not in held:
                raise ValidationError({"seen": _("Esa persona no está registrada en este centro.")})
            entries.append(visits.SeenEntry(detention=held[line.detention_id], checklist=checklist))
        else:
            entries.append(visits.SeenEntry(
                given_names=line.given_names, first_surname=line.first_surname,
                second_surname=line.second_surname, a_number=line.a_number, checklist=checklist,
            ))  # fmt: skip
    visits.visit_log(
        actor=actor, visit=visit, done_on=payload.done_on, entries=entries, notes=payload.notes
    )
    return _visit_out(selectors.visit_for(actor, visit_id))


@router.post("/visits/{int:visit_id}/cancel", response=DetentionVisitOut)
def cancel_visit(request: HttpRequest, visit_id: RowId) -> DetentionVisitOut:
    actor = acting(request)
    visits.visit_cancel(actor=actor, visit=selectors.visit_for(actor, visit_id))
    return _visit_out(selectors.visit_for(actor, visit_id))


@router.get("/follow-ups", response=list[DetentionFollowUpOut])
@paginate
def list_follow_ups(request: HttpRequest) -> list[DetentionFollowUpOut]:
    """Open follow-ups, by owner and due date."""
    actor = acting(request)
    return [
        DetentionFollowUpOut(id=f.pk, kind=FollowUpKind(f.kind), owner=f.owner.username, due_on=f.due_on,
                    done_at=f.done_at, detention_id=f.seen.detention_id)
        for f in selectors.open_follow_ups(actor)
    ]  # fmt: skip


@router.post("/follow-ups/{int:follow_up_id}/done", response=DetentionFollowUpOut)
def follow_up_done(request: HttpRequest, follow_up_id: RowId) -> DetentionFollowUpOut:
    actor = acting(request)
    f = visits.follow_up_done(actor=actor, follow_up=selectors.follow_up_for(actor, follow_up_id))
    return DetentionFollowUpOut(id=f.pk, kind=FollowUpKind(f.kind), owner=f.owner.username, due_on=f.due_on,
                       done_at=f.done_at, detention_id=f.seen.detention_id)  # fmt: skip


def _advisory_out(a: Any) -> DetentionAdvisoryOut:
    return DetentionAdvisoryOut(
        id=a.pk, office_code=a.office.code, given_on=a.given_on, matter=Matter(a.matter),
        modality=Modality(a.modality), minutes=a.minutes, result=AdvisoryResult(a.result),
        person_id=a.person_id, anonymous_count=a.anonymous_count,
        adviser=a.adviser.username if a.adviser else None, provider_id=a.provider_id,
        provider=a.provider.name if a.provider else None,
    )  # fmt: skip


@router.get("/advisories", response=list[DetentionAdvisoryOut])
@paginate
def list_advisories(
    request: HttpRequest, given_on: date | None = None
) -> list[DetentionAdvisoryOut]:
    actor = acting(request)
    found = selectors.advisories_for(actor)
    if given_on is not None:
        found = found.filter(given_on=given_on)
    audit_record(actor=actor, action=Action.LIST, target_type="detention.advisory")
    return [_advisory_out(a) for a in found]


@router.post("/advisories", response={201: DetentionAdvisoryOut})
def create_advisory(
    request: HttpRequest, payload: DetentionAdvisoryIn
) -> Status[DetentionAdvisoryOut]:
    actor = acting(request)
    person = None
    if payload.person_id is not None:
        person = get_for_actor(actor, Person.objects.all(), payload.person_id)
    provider = None
    if payload.provider_id is not None:
        provider = Provider.objects.filter(pk=payload.provider_id).first()
        if provider is None:
            raise ValidationError({"provider_id": advisories.NOT_UNDER_CONTRACT})
    advisory = advisories.advisory_record(
        actor=actor, office=actor.office, given_on=payload.given_on, matter=payload.matter,
        modality=payload.modality, minutes=payload.minutes, result=payload.result,
        adviser=None if provider else actor.user, provider=provider,
        person=person, anonymous_count=payload.anonymous_count,
    )  # fmt: skip
    return Status(201, _advisory_out(advisory))


class DetentionReportQuery(Schema):
    year: int = Field(..., ge=2000, le=2100)


@router.get("/report", response=DetentionReportOut)
def get_report(request: HttpRequest, query: Query[DetentionReportQuery]) -> DetentionReportOut:
    """Visits, people seen and advisories by office and month, by facility and by matter."""
    actor = acting(request)
    data = reports.report(actor, query.year)
    audit_record(actor=actor, action=Action.LIST, target_type="detention.visit", reason="report")
    return DetentionReportOut(year=data.year, by_office_month=data.by_office_month,
                     by_facility=data.by_facility, by_matter=data.by_matter)  # fmt: skip
