"""Likely duplicates of a person about to be registered, among those the actor may see."""

from collections.abc import Iterable

from django.db.models import Q

from amparo.accounts.access import visible
from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.crypto import blind_index
from amparo.people.models import IdentityDocument, Person
from amparo.people.names import name_score
from amparo.people.search import search_people_in

SIMILAR_NAME = 0.9
"""Name score from which a same-birthday (or birthday-less) record counts as a match."""


def likely_duplicates(
    actor: Actor | None,
    person: Person,
    *,
    document_numbers: Iterable[str] = (),
    limit: int = 10,
) -> list[Person]:
    """Records the actor may read that are probably `person`: same CURP, A-number or
    document number; same folded name and date of birth; or a very similar name with the
    same (or unknown) date of birth. The check is audited as a list when it finds any."""
    person.refresh_derived_fields()
    scope = visible(actor, Person.objects.filter(merged_into__isnull=True))
    if person.pk:
        scope = scope.exclude(pk=person.pk)
    exact = Q(pk__in=[])
    if person.curp:
        exact |= Q(curp=person.curp)
    if person.a_number_index:
        exact |= Q(a_number_index=person.a_number_index)
    indexes = [i for i in (blind_index(n, "alphanumeric") for n in document_numbers) if i]
    if indexes:
        documents = IdentityDocument.objects.filter(number_index__in=indexes)
        exact |= Q(pk__in=documents.values("person_id"))
    if person.date_of_birth:
        exact |= Q(search_name=person.search_name, date_of_birth=person.date_of_birth)
    found: dict[int, Person] = {
        p.pk: p for p in scope.filter(exact).select_related("office")[:limit]
    }

    name = " ".join(p for p in (person.given_names, person.first_surname) if p)
    tokens = person.search_name.split()
    for hit in search_people_in(scope, name, limit=limit):
        other = hit.person
        same_birthday = (
            person.date_of_birth is None
            or other.date_of_birth is None
            or other.date_of_birth == person.date_of_birth
            or (
                (other.date_of_birth_is_approximate or person.date_of_birth_is_approximate)
                and other.date_of_birth.year == person.date_of_birth.year
            )
        )
        close = name_score(tokens, other.search_name.split()) >= SIMILAR_NAME or (
            name_score(other.search_name.split(), tokens) >= SIMILAR_NAME
        )
        if same_birthday and close:
            found.setdefault(other.pk, other)
    candidates = list(found.values())[:limit]
    if candidates:
        audit_record(
            actor=actor,
            action=Action.LIST,
            target_type=Person._meta.label_lower,
            reason="duplicates",
        )
    return candidates
