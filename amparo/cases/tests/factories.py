"""Test helpers: cases are opened through the real service so folios and events exist."""

from typing import Any

from amparo.accounts.actor import Actor, resolve_actor
from amparo.accounts.models import User
from amparo.cases.models import Case, IntakeChannel, Subtype
from amparo.cases.services import case_open
from amparo.people.models import Person
from amparo.people.tests.factories import PersonFactory


def actor_for(user: User) -> Actor:
    actor = resolve_actor(user, None)
    assert actor is not None
    return actor


def subtype(code: str = "DETENCION_DEPORTACION", materia: str = "MIGRATORIO") -> Subtype:
    return Subtype.objects.select_related("materia").get(code=code, materia__code=materia)


def person_in(office: Any, **kwargs: Any) -> Person:
    person: Person = PersonFactory(office=office, **kwargs)  # type: ignore[assignment]
    return person


def open_case_as(user: User, *, person: Person | None = None, **kwargs: Any) -> Case:
    actor = actor_for(user)
    kwargs.setdefault("subtype", subtype())
    kwargs.setdefault("channel", IntakeChannel.WALK_IN)
    return case_open(actor=actor, beneficiary=person or person_in(actor.office), **kwargs)
