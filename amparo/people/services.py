"""Writing people, their documents and contacts. Each write validates, saves and appends
its audit record in one transaction, and asks the access checkpoint whether the actor may
own the result."""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from amparo.accounts.access import get_for_actor, may_write_office
from amparo.accounts.actor import Actor
from amparo.audit.models import Action, Outcome
from amparo.audit.services import audit_record
from amparo.network.models import Office
from amparo.people.duplicates import likely_duplicates
from amparo.people.models import (
    DETAIL_FIELDS,
    EDITABLE_FIELDS,
    Contact,
    IdentityDocument,
    Person,
    Sex,
)
from amparo.people.selectors import PERSON_TARGET_TYPE

DOCUMENT_FIELDS = frozenset({"kind", "number", "issuer", "issued_on", "expires_on"})
CONTACT_FIELDS = frozenset({"name", "relation", "phone", "consent_to_contact", "is_emergency"})


class DuplicateSuspectedError(Exception):
    """Likely matches exist; the caller shows them and asks for confirmation."""

    def __init__(self, candidates: list[Person]) -> None:
        super().__init__("likely duplicates")
        self.candidates = candidates


def _only(allowed: frozenset[str], values: Mapping[str, Any], what: str) -> None:
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"Not {what}: {', '.join(sorted(unknown))}")


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
    documents: Iterable[Mapping[str, Any]] = (),
    contacts: Iterable[Mapping[str, Any]] = (),
    confirm_new: bool = True,
    **details: Any,
) -> Person:
    """Register a person owned by `office`, with their documents and contacts.
    ValidationError on bad input; PermissionDenied (recorded as denied) if the actor may
    not write in that office; DuplicateSuspectedError (nothing written) if likely matches
    the actor can see exist and `confirm_new` is False."""
    _only(frozenset(DETAIL_FIELDS), details, "a person field")
    if not may_write_office(actor, office.pk):
        _record_denied(actor, Action.CREATE, target_id="")
        raise PermissionDenied
    person = Person(
        office=office,
        given_names=given_names.strip(),
        first_surname=first_surname.strip(),
        second_surname=second_surname.strip(),
        date_of_birth=date_of_birth,
        sex=sex,
        birth_state=birth_state,
        **details,
    )
    # Constraints (the unique CURP) after the duplicate check, which shows the holder.
    person.full_clean(validate_constraints=False)
    document_rows = [_document(person, values) for values in documents]
    contact_rows = [_contact(person, values) for values in contacts]
    if not confirm_new:
        candidates = likely_duplicates(
            actor, person, document_numbers=[d.number for d in document_rows]
        )
        if candidates:
            raise DuplicateSuspectedError(candidates)
    person.validate_constraints()
    with transaction.atomic():
        person.save()
        for document in document_rows:
            document.person = person
            document.save()
        for contact in contact_rows:
            contact.person = person
            contact.save()
        audit_record(actor=actor, action=Action.CREATE, target=person)
    return person


def person_update(*, actor: Actor, person: Person, **changes: Any) -> Person:
    """Change some of EDITABLE_FIELDS. Missing or hidden person → Http404 (the attempt is
    recorded); moving it to an office the actor may not write in → PermissionDenied."""
    _only(frozenset(EDITABLE_FIELDS), changes, "editable")
    # Outside the transaction, so a denied attempt stays in the trail.
    get_for_actor(actor, Person.objects.all(), person.pk, write=True)
    try:
        with transaction.atomic():
            current = Person.objects.select_for_update().get(pk=person.pk)
            for name, value in changes.items():
                setattr(current, name, value)
            current.full_clean()  # normalises phone, A-number, CURP before comparing
            before = Person.objects.get(pk=person.pk)
            changed = sorted(
                name for name in changes if getattr(before, name) != getattr(current, name)
            )
            if not changed:
                return current
            if not may_write_office(actor, current.office_id):  # e.g. moved to another office
                raise PermissionDenied
            current.save(update_fields=[*changed, "updated_at"])
            audit_record(
                actor=actor,
                action=Action.UPDATE,
                target=current,
                reason=", ".join(changed),  # field names only, never values
            )
    except PermissionDenied:
        _record_denied(actor, Action.UPDATE, target_id=person.pk)
        raise
    return current


def person_edit(
    *,
    actor: Actor,
    person: Person,
    changes: Mapping[str, Any],
    add_documents: Iterable[Mapping[str, Any]] = (),
    remove_documents: Iterable[int] = (),
    add_contacts: Iterable[Mapping[str, Any]] = (),
    remove_contacts: Iterable[int] = (),
) -> Person:
    """The edit page in one transaction: field changes, documents and contacts added or
    removed (ids of rows belonging to another person are ignored). All or nothing."""
    person = get_for_actor(actor, Person.objects.all(), person.pk, write=True)
    with transaction.atomic():
        updated = person_update(actor=actor, person=person, **changes)
        for document_id in person.documents.filter(pk__in=list(remove_documents)).values_list(
            "pk", flat=True
        ):
            identity_document_remove(actor=actor, document_id=document_id)
        for contact_id in person.contacts.filter(pk__in=list(remove_contacts)).values_list(
            "pk", flat=True
        ):
            contact_remove(actor=actor, contact_id=contact_id)
        for values in add_documents:
            identity_document_add(actor=actor, person=updated, **values)
        for values in add_contacts:
            contact_add(actor=actor, person=updated, **values)
    return updated


def identity_document_add(*, actor: Actor, person: Person, **values: Any) -> IdentityDocument:
    """Add a document to a person the actor may change (else Http404, recorded)."""
    person = get_for_actor(actor, Person.objects.all(), person.pk, write=True)
    document = _document(person, values)
    with transaction.atomic():
        document.save()
        audit_record(actor=actor, action=Action.UPDATE, target=person, reason="documents")
    return document


def identity_document_remove(*, actor: Actor, document_id: int) -> None:
    document = get_for_actor(
        actor,
        IdentityDocument.objects.select_related("person"),
        document_id,
        write=True,
    )
    person = document.person
    with transaction.atomic():
        document.delete()
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            target=person,
            reason="documents",
        )


def contact_add(*, actor: Actor, person: Person, **values: Any) -> Contact:
    """Add a contact to a person the actor may change (else Http404, recorded)."""
    person = get_for_actor(actor, Person.objects.all(), person.pk, write=True)
    contact = _contact(person, values)
    with transaction.atomic():
        contact.save()
        audit_record(actor=actor, action=Action.UPDATE, target=person, reason="contacts")
    return contact


def contact_remove(*, actor: Actor, contact_id: int) -> None:
    contact = get_for_actor(actor, Contact.objects.select_related("person"), contact_id, write=True)
    person = contact.person
    with transaction.atomic():
        contact.delete()
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            target=person,
            reason="contacts",
        )


def _document(person: Person, values: Mapping[str, Any]) -> IdentityDocument:
    _only(DOCUMENT_FIELDS, values, "a document field")
    document = IdentityDocument(person=person, **values)
    document.full_clean(exclude=["person"])
    return document


def _contact(person: Person, values: Mapping[str, Any]) -> Contact:
    _only(CONTACT_FIELDS, values, "a contact field")
    contact = Contact(person=person, **values)
    contact.full_clean(exclude=["person"])
    return contact


def _record_denied(actor: Actor, action: Action, *, target_id: Any) -> None:
    audit_record(
        actor=actor,
        action=action,
        target_type=PERSON_TARGET_TYPE,
        target_id=target_id,
        outcome=Outcome.DENIED,
    )
