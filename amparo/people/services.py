"""Writing people. Each write validates, saves and appends its audit record in one
transaction, and asks the access checkpoint whether the actor may own the result."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest

from amparo.accounts.access import get_for_actor
from amparo.accounts.actor import Actor
from amparo.audit.models import Action, Outcome
from amparo.audit.services import audit_record
from amparo.network.models import Office
from amparo.people.models import Person, Sex
from amparo.people.selectors import PERSON_TARGET_TYPE, is_writable_by

EDITABLE_FIELDS = frozenset(
    {
        "office",
        "given_names",
        "first_surname",
        "second_surname",
        "date_of_birth",
        "sex",
        "birth_state",
    }
)


def person_create(
    *,
    actor: Actor,
    office: Office,
    given_names: str,
    first_surname: str,
    second_surname: str = "",
    date_of_birth: date | None = None,
    sex: str = Sex.UNKNOWN,
    birth_state: str = "",
    request: HttpRequest | None = None,
) -> Person:
    """Register a person owned by `office`. Raises ValidationError on bad input and
    PermissionDenied (recorded as denied) if the actor may not write in that office."""
    person = Person(
        office=office,
        given_names=given_names.strip(),
        first_surname=first_surname.strip(),
        second_surname=second_surname.strip(),
        date_of_birth=date_of_birth,
        sex=sex,
        birth_state=birth_state,
    )
    person.full_clean()
    try:
        with transaction.atomic():
            person.save()
            _ensure_writable(actor, person)
            audit_record(actor=actor, action=Action.CREATE, target=person, request=request)
    except PermissionDenied:
        _record_denied(actor, Action.CREATE, target_id="", request=request)
        raise
    return person


def person_update(
    *, actor: Actor, person: Person, request: HttpRequest | None = None, **changes: Any
) -> Person:
    """Change some of EDITABLE_FIELDS. Missing or hidden person → Http404 (the attempt is
    recorded); moving it to an office the actor may not write in → PermissionDenied."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    # Outside the transaction, so a denied attempt stays in the trail.
    get_for_actor(actor, Person.objects.all(), person.pk, write=True, request=request)
    try:
        with transaction.atomic():
            current = Person.objects.select_for_update().get(pk=person.pk)
            changed = sorted(
                name for name, value in changes.items() if getattr(current, name) != value
            )
            if not changed:
                return current
            for name in changed:
                setattr(current, name, changes[name])
            current.full_clean()
            current.save(update_fields=[*changed, "updated_at"])
            _ensure_writable(actor, current)
            audit_record(
                actor=actor,
                action=Action.UPDATE,
                target=current,
                request=request,
                reason=", ".join(changed),  # field names only, never values
            )
    except PermissionDenied:
        _record_denied(actor, Action.UPDATE, target_id=person.pk, request=request)
        raise
    return current


def _ensure_writable(actor: Actor, person: Person) -> None:
    """The checkpoint decides on the saved row; a refusal rolls the transaction back."""
    if not is_writable_by(actor, person):
        raise PermissionDenied


def _record_denied(
    actor: Actor, action: Action, *, target_id: Any, request: HttpRequest | None
) -> None:
    audit_record(
        actor=actor,
        action=action,
        target_type=PERSON_TARGET_TYPE,
        target_id=target_id,
        outcome=Outcome.DENIED,
        request=request,
    )
