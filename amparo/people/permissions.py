"""Which parts of the people pages an actor is offered. The authority on each record is
still amparo.accounts.access; these only decide what to show."""

from django.db.models import QuerySet

from amparo.accounts.access import Reach, rule_for
from amparo.accounts.actor import Actor
from amparo.network.models import Office


def can_see_people(actor: Actor | None) -> bool:
    """Central administration and analysis, heads of office, officers, CIAM operators."""
    return rule_for(actor).read in (Reach.EVERY_OFFICE, Reach.OWN_OFFICE)


def offices_for_new_people(actor: Actor | None) -> QuerySet[Office]:
    """Offices the actor may register a person in: any for central administration (rule 2),
    their own for office staff and CIAM (rules 4-5), none for everyone else."""
    reach = rule_for(actor).write
    if reach == Reach.EVERY_OFFICE:
        return Office.objects.order_by("name")
    if reach == Reach.OWN_OFFICE and actor is not None:
        return Office.objects.filter(pk=actor.office_id)
    return Office.objects.none()


def can_register_people(actor: Actor | None) -> bool:
    """True if offices_for_new_people is not empty (decided without a query: an actor's
    office exists, and central administration can always pick one)."""
    return rule_for(actor).write in (Reach.EVERY_OFFICE, Reach.OWN_OFFICE)
