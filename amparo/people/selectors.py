"""Reading people. Every query is narrowed by the access checkpoint first."""

from django.db.models import Q, QuerySet

from amparo.accounts.access import visible
from amparo.accounts.actor import Actor
from amparo.people.models import Person

PERSON_TARGET_TYPE = Person._meta.label_lower  # "people.person" in the access trail


def people_visible_to(
    actor: Actor | None, *, query: str | None = None, write: bool = False
) -> QuerySet[Person]:
    """The people the actor may read (or change, with write), ordered by surname, with
    their office joined. `query` keeps those whose names contain every word given."""
    people = visible(actor, Person.objects.select_related("office"), write=write)
    for word in (query or "").split():
        people = people.filter(
            Q(given_names__icontains=word)
            | Q(first_surname__icontains=word)
            | Q(second_surname__icontains=word)
        )
    return people.order_by("first_surname", "second_surname", "given_names", "id")


def is_writable_by(actor: Actor | None, person: Person) -> bool:
    """True if the access rules let the actor change this person."""
    return visible(actor, Person.objects.filter(pk=person.pk), write=True).exists()
