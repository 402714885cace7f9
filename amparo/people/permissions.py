"""Which parts of the people pages an actor is offered. The authority on each record is
still amparo.accounts.access; these only decide what to show."""

from django.db.models import QuerySet

from amparo.accounts.access import OWN_OFFICE_ROLES, READ_ALL_ROLES, WRITE_ALL_ROLES
from amparo.accounts.actor import Actor
from amparo.network.models import Office

PEOPLE_ROLES = READ_ALL_ROLES | OWN_OFFICE_ROLES


def can_see_people(actor: Actor | None) -> bool:
    """Central administration and analysis, heads of office, officers, CIAM operators."""
    return actor is not None and actor.role in PEOPLE_ROLES


def offices_for_new_people(actor: Actor | None) -> QuerySet[Office]:
    """Offices the actor may register a person in: any for central administration (rule 2),
    their own for office staff and CIAM (rules 4-5), none for everyone else."""
    if actor is None:
        return Office.objects.none()
    if actor.role in WRITE_ALL_ROLES:
        return Office.objects.order_by("name")
    if actor.role in OWN_OFFICE_ROLES:
        return Office.objects.filter(pk=actor.office_id)
    return Office.objects.none()


def can_register_people(actor: Actor | None) -> bool:
    """True if offices_for_new_people is not empty (decided without a query: an actor's
    office exists, and central administration can always pick one)."""
    return actor is not None and actor.role in (WRITE_ALL_ROLES | OWN_OFFICE_ROLES)
