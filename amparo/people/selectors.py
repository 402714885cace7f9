"""Reading people. Every query is narrowed by the access checkpoint first; merged records
are hidden from lists and search (their detail page still resolves, pointing to the
survivor)."""

from datetime import date

from django.db.models import QuerySet

from amparo.accounts.access import may_write, visible
from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.network.jurisdiction import Place
from amparo.network.models import Office
from amparo.network.selectors import office_covering_place
from amparo.people.models import Contact, IdentityDocument, Person, PersonMerge
from amparo.people.names import fold
from amparo.people.search import SearchHit, identifier_filter, search_people_in

PERSON_TARGET_TYPE = Person._meta.label_lower  # "people.person" in the access trail


def people_visible_to(
    actor: Actor | None, *, query: str | None = None, write: bool = False
) -> QuerySet[Person]:
    """The people the actor may read (or change, with write), ordered by surname, with
    their office joined, merged records left out. `query` keeps those whose names contain
    every word given (accents and case ignored)."""
    people = visible(
        actor, Person.objects.select_related("office").filter(merged_into__isnull=True), write=write
    )
    for word in fold(query or "").split():
        people = people.filter(search_name__contains=word)
    return people.order_by("first_surname", "second_surname", "given_names", "id")


def is_writable_by(actor: Actor | None, person: Person) -> bool:
    """True if the access rules let the actor change this person."""
    return may_write(actor, person)


def people_search(
    actor: Actor | None,
    query: str,
    *,
    date_of_birth: date | None = None,
    limit: int = 50,
) -> list[SearchHit]:
    """People the actor may read that match `query` — a name (accents, case, word order,
    typos and a missing second surname forgiven), a date of birth, or a document number,
    A-number or phone (exact, through the blind indexes) — best first. Audited as a list."""
    scope = visible(actor, Person.objects.filter(merged_into__isnull=True))
    hits = search_people_in(scope, query, date_of_birth=date_of_birth, limit=limit)
    audit_record(
        actor=actor,
        action=Action.LIST,
        target_type=PERSON_TARGET_TYPE,
        reason="search",
    )
    return hits


def people_find_by_document(actor: Actor | None, number: str) -> QuerySet[Person]:
    """People the actor may read holding this passport, matrícula or other document
    number, A-number or phone. Exact match on the normalised value, via the blind index."""
    match = identifier_filter(number or "")
    if match is None:
        return Person.objects.none()
    return visible(actor, Person.objects.select_related("office").filter(match)).order_by("id")


def documents_of(person: Person) -> QuerySet[IdentityDocument]:
    """The person's documents (call after the access check on the person)."""
    return person.documents.all()


def contacts_of(person: Person) -> QuerySet[Contact]:
    """The person's contacts (call after the access check on the person)."""
    return person.contacts.all()


def office_suggestion(*, state: str = "", county: str = "", zip_code: str = "") -> Office | None:
    """The office whose jurisdiction covers the address (network.office_covering_place)."""
    coverage = office_covering_place(Place(state=state, county=county, zip_code=zip_code))
    return coverage.office if coverage is not None else None


def office_suggestion_for(person: Person) -> Office | None:
    coverage = office_covering_place(person.address_place())
    return coverage.office if coverage is not None else None


def merges_listed() -> QuerySet[PersonMerge]:
    """Every merge, newest first (central administration only: check before calling)."""
    return PersonMerge.objects.select_related("survivor", "merged", "actor", "undone_by")
