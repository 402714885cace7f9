"""People over JSON. Same rules and audit trail as the pages; hidden and missing → 404."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import Field

from amparo.accounts.access import get_for_actor
from amparo.accounts.actor import Actor, acting
from amparo.audit.models import Action
from amparo.audit.services import audit_bulk_read, audit_record
from amparo.core.api_types import RowId
from amparo.network.models import Office
from amparo.people.merges import can_merge, person_merge, person_merge_undo
from amparo.people.models import (
    BirthState,
    Contact,
    ContactRelation,
    IdentityDocument,
    IdentityDocumentKind,
    Language,
    NationalityProof,
    Person,
    PersonMerge,
    Sex,
)
from amparo.people.permissions import can_see_people, offices_for_new_people
from amparo.people.selectors import (
    PERSON_TARGET_TYPE,
    merges_listed,
    people_search,
    people_visible_to,
)
from amparo.people.services import (
    DuplicateSuspectedError,
    contact_add,
    contact_remove,
    identity_document_add,
    identity_document_remove,
    person_create,
    person_update,
)

router = Router(tags=["people"])


class DocumentOut(Schema):
    id: int
    kind: str
    number: str
    issuer: str
    issued_on: date | None
    expires_on: date | None


# Kinds, relations and required text are checked by the model, after the access check,
# so a caller without access to the person gets 404 whatever the body.
class DocumentIn(Schema):
    kind: str = Field(
        ..., max_length=24, description=f"Uno de: {', '.join(IdentityDocumentKind.values)}"
    )
    number: str = Field("", max_length=40, description="Obligatorio.")
    issuer: str = Field("", max_length=120)
    issued_on: date | None = None
    expires_on: date | None = None


class ContactOut(Schema):
    id: int
    name: str
    relation: str
    phone: str
    consent_to_contact: bool
    is_emergency: bool


class ContactIn(Schema):
    name: str = Field("", max_length=200, description="Obligatorio.")
    relation: str = Field(
        "", max_length=16, description=f"Uno de: {', '.join(ContactRelation.values)}"
    )
    phone: str = Field("", max_length=32)
    consent_to_contact: bool = False
    is_emergency: bool = False


class PersonListOut(Schema):
    id: int
    office_id: int
    given_names: str
    first_surname: str
    second_surname: str
    date_of_birth: date | None
    date_of_birth_is_approximate: bool
    sex: str
    birth_state: str
    created_at: datetime
    updated_at: datetime


class PersonOut(PersonListOut):
    aliases: list[str]
    gender_identity: str
    birth_municipality: str
    curp: str
    nationality_proof: str
    a_number: str
    phone: str
    email: str
    address_line: str
    address_city: str
    address_state: str
    address_county: str
    address_zip: str
    address_country: str
    languages: list[str]
    violence_notes: str
    health_notes: str
    merged_into_id: int | None


class PersonDetailsIn(Schema):
    """Optional details shared by creation and change."""

    aliases: list[str] | None = Field(None, max_length=20)
    date_of_birth_is_approximate: bool | None = None
    gender_identity: str | None = Field(None, max_length=80)
    birth_municipality: str | None = Field(None, max_length=120)
    curp: str | None = Field(None, max_length=18)
    nationality_proof: NationalityProof | None = None
    a_number: str | None = Field(None, max_length=20, description="8 o 9 dígitos")
    phone: str | None = Field(None, max_length=32, description="E.164; sin lada, EUA")
    email: str | None = Field(None, max_length=254)
    address_line: str | None = Field(None, max_length=200)
    address_city: str | None = Field(None, max_length=120)
    address_state: str | None = Field(None, max_length=2)
    address_county: str | None = Field(None, max_length=120)
    address_zip: str | None = Field(None, max_length=10)
    address_country: str | None = Field(None, max_length=2)
    languages: list[Language] | None = None
    violence_notes: str | None = Field(None, max_length=10_000)
    health_notes: str | None = Field(None, max_length=10_000)


class PersonIn(PersonDetailsIn):
    office_id: RowId | None = Field(
        None, description="Solo administración central; por omisión, la oficina actual."
    )
    given_names: str = Field(..., min_length=1, max_length=120)
    first_surname: str = Field(..., min_length=1, max_length=80)
    second_surname: str = Field("", max_length=80)
    date_of_birth: date | None = None
    sex: Sex = Sex.UNKNOWN
    birth_state: BirthState | None = None
    documents: list[DocumentIn] = Field(default_factory=list, max_length=20)
    contacts: list[ContactIn] = Field(default_factory=list, max_length=20)
    confirm_new: bool = Field(
        False, description="Registrar aunque haya posibles duplicados (si no, responde 409)."
    )


class PersonPatch(PersonDetailsIn):
    office_id: RowId | None = None
    given_names: str | None = Field(None, min_length=1, max_length=120)
    first_surname: str | None = Field(None, min_length=1, max_length=80)
    second_surname: str | None = Field(None, max_length=80)
    date_of_birth: date | None = None
    sex: Sex | None = None
    birth_state: BirthState | None = None


class PersonSearch(Schema):
    q: str = Field("", max_length=120)
    reason: str = Field(
        "", max_length=200, description="Why (required for central analysts: access rule 3)"
    )


class SearchIn(Schema):
    q: str = Field("", max_length=200)
    date_of_birth: date | None = None
    limit: int = Field(50, ge=1, le=200)


class SearchHitOut(Schema):
    person: PersonListOut
    score: float
    matched_by: str


class DuplicatesOut(Schema):
    detail: str
    candidates: list[int]


class MergeIn(Schema):
    survivor_id: RowId
    merged_id: RowId
    reason: str = Field(..., min_length=1, max_length=2000)


class MergeOut(Schema):
    id: int
    survivor_id: int
    merged_id: int
    reason: str
    at: datetime
    moved: dict[str, dict[str, list[int]]]
    undone_at: datetime | None


TEXT_DETAILS = (
    "gender_identity",
    "birth_municipality",
    "curp",
    "a_number",
    "phone",
    "email",
    "address_line",
    "address_city",
    "address_state",
    "address_county",
    "address_zip",
    "violence_notes",
    "health_notes",
    "nationality_proof",
)


def _actor(request: HttpRequest) -> Actor:
    actor = acting(request)
    if not can_see_people(actor):
        raise HttpError(404, _("No encontrado."))
    assert actor is not None
    return actor


def _person(request: HttpRequest, actor: Actor, person_id: int, *, write: bool) -> Person:
    try:
        return get_for_actor(actor, Person.objects.all(), person_id, write=write)
    except Http404 as error:
        raise HttpError(404, _("No encontrado.")) from error


def _office(actor: Actor, office_id: int | None) -> Office:
    if office_id is None:
        return actor.office
    office = offices_for_new_people(actor).filter(pk=office_id).first()
    if office is None:
        raise HttpError(403, _("No puede registrar personas en esa representación."))
    return office


def _invalid(error: ValidationError) -> HttpError:
    if hasattr(error, "error_dict"):
        detail = "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    else:
        detail = " ".join(error.messages)
    return HttpError(422, detail)


def _details(values: dict[str, Any]) -> dict[str, Any]:
    """Schema values as model values: None means "empty" for text and lists."""
    for name in TEXT_DETAILS:
        if name in values and values[name] is None:
            values[name] = ""
    for name in ("aliases", "languages"):
        if name in values and values[name] is None:
            values[name] = []
    if values.get("date_of_birth_is_approximate", False) is None:
        values["date_of_birth_is_approximate"] = False
    if values.get("address_country", "") is None or values.get("address_country") == "":
        values.pop("address_country", None)
    return values


@router.get("", response=list[PersonListOut])
@paginate
def list_people(request: HttpRequest, search: Query[PersonSearch]) -> QuerySet[Person]:
    """The people the caller may read, by surname. `q` matches words in the names."""
    actor = _actor(request)
    audit_bulk_read(actor=actor, target_type=PERSON_TARGET_TYPE, reason=search.reason)
    return people_visible_to(actor, query=search.q)


@router.get("/search", response=list[SearchHitOut])
def search_people(request: HttpRequest, search: Query[SearchIn]) -> list[Any]:
    """Best matches first: a name (accents, case, order, typos and a missing second surname
    forgiven), a date of birth, or an exact document number, A-number or phone."""
    actor = _actor(request)
    return people_search(actor, search.q, date_of_birth=search.date_of_birth, limit=search.limit)


@router.get("/{int:person_id}", response=PersonOut)
def get_person(request: HttpRequest, person_id: RowId) -> Person:
    actor = _actor(request)
    person = _person(request, actor, person_id, write=False)
    audit_record(actor=actor, action=Action.VIEW, target=person)
    return person


@router.post("", response={201: PersonOut, 409: DuplicatesOut})
def create_person(request: HttpRequest, payload: PersonIn) -> Status[Any]:
    """Register a person. Likely duplicates the caller can see → 409 with their ids,
    unless `confirm_new` is true."""
    actor = _actor(request)
    data = _details(
        payload.model_dump(exclude={"office_id", "documents", "contacts", "confirm_new"})
    )
    data["birth_state"] = data["birth_state"] or ""
    try:
        person = person_create(
            actor=actor,
            office=_office(actor, payload.office_id),
            documents=[d.model_dump() for d in payload.documents],
            contacts=[c.model_dump() for c in payload.contacts],
            confirm_new=payload.confirm_new,
            **data,
        )
    except DuplicateSuspectedError as duplicates:
        return Status(
            409,
            {
                "detail": _("Hay registros que podrían ser la misma persona."),
                "candidates": [p.pk for p in duplicates.candidates],
            },
        )
    except ValidationError as error:
        raise _invalid(error) from error
    except PermissionDenied as error:
        raise HttpError(403, _("No puede registrar personas.")) from error
    return Status(201, person)


@router.patch("/{int:person_id}", response=PersonOut)
def update_person(request: HttpRequest, person_id: RowId, payload: PersonPatch) -> Person:
    actor = _actor(request)
    person = _person(request, actor, person_id, write=True)
    changes: dict[str, Any] = payload.model_dump(exclude_unset=True)
    for required in ("office_id", "given_names", "first_surname", "sex"):
        if required in changes and changes[required] is None:
            raise HttpError(
                422, _("El campo %(field)s no puede quedar vacío.") % {"field": required}
            )
    if "birth_state" in changes:
        changes["birth_state"] = changes["birth_state"] or ""
    if "second_surname" in changes:
        changes["second_surname"] = changes["second_surname"] or ""
    if "office_id" in changes:
        changes["office"] = _office(actor, changes.pop("office_id"))
    try:
        return person_update(actor=actor, person=person, **_details(changes))
    except ValidationError as error:
        raise _invalid(error) from error
    except PermissionDenied as error:
        raise HttpError(403, _("No puede asignar esa representación.")) from error


@router.get("/{int:person_id}/documents", response=list[DocumentOut])
def list_documents(request: HttpRequest, person_id: RowId) -> QuerySet[IdentityDocument]:
    actor = _actor(request)
    person = _person(request, actor, person_id, write=False)
    audit_record(actor=actor, action=Action.VIEW, target=person, reason="documents")
    return person.documents.all()


@router.post("/{int:person_id}/documents", response={201: DocumentOut})
def add_document(request: HttpRequest, person_id: RowId, payload: DocumentIn) -> Status[Any]:
    actor = _actor(request)
    person = _person(request, actor, person_id, write=True)
    try:
        document = identity_document_add(actor=actor, person=person, **payload.model_dump())
    except ValidationError as error:
        raise _invalid(error) from error
    return Status(201, document)


@router.delete("/{int:person_id}/documents/{int:document_id}", response={204: None})
def remove_document(request: HttpRequest, person_id: RowId, document_id: RowId) -> Status[None]:
    actor = _actor(request)
    person = _person(request, actor, person_id, write=True)
    if not person.documents.filter(pk=document_id).exists():
        raise HttpError(404, _("No encontrado."))
    identity_document_remove(actor=actor, document_id=document_id)
    return Status(204, None)


@router.get("/{int:person_id}/contacts", response=list[ContactOut])
def list_contacts(request: HttpRequest, person_id: RowId) -> QuerySet[Contact]:
    actor = _actor(request)
    person = _person(request, actor, person_id, write=False)
    audit_record(actor=actor, action=Action.VIEW, target=person, reason="contacts")
    return person.contacts.all()


@router.post("/{int:person_id}/contacts", response={201: ContactOut})
def add_contact(request: HttpRequest, person_id: RowId, payload: ContactIn) -> Status[Any]:
    actor = _actor(request)
    person = _person(request, actor, person_id, write=True)
    try:
        contact = contact_add(actor=actor, person=person, **payload.model_dump())
    except ValidationError as error:
        raise _invalid(error) from error
    return Status(201, contact)


@router.delete("/{int:person_id}/contacts/{int:contact_id}", response={204: None})
def remove_contact(request: HttpRequest, person_id: RowId, contact_id: RowId) -> Status[None]:
    actor = _actor(request)
    person = _person(request, actor, person_id, write=True)
    if not person.contacts.filter(pk=contact_id).exists():
        raise HttpError(404, _("No encontrado."))
    contact_remove(actor=actor, contact_id=contact_id)
    return Status(204, None)


def _merge_actor(request: HttpRequest) -> Actor:
    actor = _actor(request)
    if not can_merge(actor):
        raise HttpError(404, _("No encontrado."))
    return actor


@router.get("/merges", response=list[MergeOut])
@paginate
def list_merges(request: HttpRequest) -> QuerySet[PersonMerge]:
    """Central administration only."""
    _merge_actor(request)
    return merges_listed()


@router.post("/merges", response={201: MergeOut})
def merge_people(request: HttpRequest, payload: MergeIn) -> Status[Any]:
    """Central administration only: move everything of `merged_id` to `survivor_id`."""
    actor = _merge_actor(request)
    survivor = _person(request, actor, payload.survivor_id, write=True)
    merged = _person(request, actor, payload.merged_id, write=True)
    try:
        merge = person_merge(survivor=survivor, merged=merged, actor=actor, reason=payload.reason)
    except ValidationError as error:
        raise _invalid(error) from error
    return Status(201, merge)


@router.post("/merges/{int:merge_id}/undo", response=MergeOut)
def undo_merge(request: HttpRequest, merge_id: RowId) -> PersonMerge:
    """Central administration only: move back exactly the rows the merge moved."""
    actor = _merge_actor(request)
    merge = PersonMerge.objects.filter(pk=merge_id).first()
    if merge is None:
        raise HttpError(404, _("No encontrado."))
    try:
        return person_merge_undo(merge=merge, actor=actor)
    except ValidationError as error:
        raise _invalid(error) from error
