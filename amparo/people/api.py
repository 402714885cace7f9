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
from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.network.models import Office
from amparo.people.models import BirthState, Person, Sex
from amparo.people.permissions import can_see_people, offices_for_new_people
from amparo.people.selectors import PERSON_TARGET_TYPE, people_visible_to
from amparo.people.services import person_create, person_update

router = Router(tags=["people"])


class PersonOut(Schema):
    id: int
    office_id: int
    given_names: str
    first_surname: str
    second_surname: str
    date_of_birth: date | None
    sex: str
    birth_state: str
    created_at: datetime
    updated_at: datetime


class PersonIn(Schema):
    office_id: int | None = Field(
        None, description="Solo administración central; por omisión, la oficina actual."
    )
    given_names: str = Field(..., min_length=1, max_length=120)
    first_surname: str = Field(..., min_length=1, max_length=80)
    second_surname: str = Field("", max_length=80)
    date_of_birth: date | None = None
    sex: Sex = Sex.UNKNOWN
    birth_state: BirthState | None = None


class PersonPatch(Schema):
    office_id: int | None = None
    given_names: str | None = Field(None, min_length=1, max_length=120)
    first_surname: str | None = Field(None, min_length=1, max_length=80)
    second_surname: str | None = Field(None, max_length=80)
    date_of_birth: date | None = None
    sex: Sex | None = None
    birth_state: BirthState | None = None


class PersonSearch(Schema):
    q: str = Field("", max_length=120)


def _actor(request: HttpRequest) -> Actor:
    actor: Actor | None = request.auth  # type: ignore[attr-defined]
    if not can_see_people(actor):
        raise HttpError(404, _("No encontrado."))
    assert actor is not None
    return actor


def _person(request: HttpRequest, actor: Actor, person_id: int, *, write: bool) -> Person:
    try:
        return get_for_actor(actor, Person.objects.all(), person_id, write=write, request=request)
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


@router.get("", response=list[PersonOut])
@paginate
def list_people(request: HttpRequest, search: Query[PersonSearch]) -> QuerySet[Person]:
    """The people the caller may read, by surname. `q` matches words in the names."""
    actor = _actor(request)
    audit_record(actor=actor, action=Action.LIST, target_type=PERSON_TARGET_TYPE, request=request)
    return people_visible_to(actor, query=search.q)


@router.get("/{int:person_id}", response=PersonOut)
def get_person(request: HttpRequest, person_id: int) -> Person:
    actor = _actor(request)
    person = _person(request, actor, person_id, write=False)
    audit_record(actor=actor, action=Action.VIEW, target=person, request=request)
    return person


@router.post("", response={201: PersonOut})
def create_person(request: HttpRequest, payload: PersonIn) -> Status[Person]:
    actor = _actor(request)
    data = payload.model_dump(exclude={"office_id"})
    data["birth_state"] = data["birth_state"] or ""
    try:
        person = person_create(
            actor=actor, office=_office(actor, payload.office_id), request=request, **data
        )
    except ValidationError as error:
        raise _invalid(error) from error
    except PermissionDenied as error:
        raise HttpError(403, _("No puede registrar personas.")) from error
    return Status(201, person)


@router.patch("/{int:person_id}", response=PersonOut)
def update_person(request: HttpRequest, person_id: int, payload: PersonPatch) -> Person:
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
        return person_update(actor=actor, person=person, request=request, **changes)
    except ValidationError as error:
        raise _invalid(error) from error
    except PermissionDenied as error:
        raise HttpError(403, _("No puede asignar esa representación.")) from error
