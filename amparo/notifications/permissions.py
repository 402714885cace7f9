"""Which notification pages an actor is offered. Records are still scoped by
amparo.accounts.access (shifts, office acknowledgements) or by recipient (the inbox)."""

from amparo.accounts.access import Reach, rule_for
from amparo.accounts.actor import Actor
from amparo.accounts.models import Role
from amparo.network.models import Office

# Who supervises acknowledgements and reads the roster of an office.
SUPERVISOR_ROLES = frozenset({Role.CENTRAL_ADMIN, Role.CENTRAL_ANALYST, Role.HEAD_OF_OFFICE})
# Who can be put on duty: staff who handle cases or calls.
ON_DUTY_ROLES = frozenset({Role.HEAD_OF_OFFICE, Role.CONSULAR_OFFICER, Role.HOTLINE_OPERATOR})


def can_supervise_acks(actor: Actor | None) -> bool:
    """Heads of office (their office) and central administration and analysis (all)."""
    return actor is not None and actor.role in SUPERVISOR_ROLES


def can_read_roster(actor: Actor | None) -> bool:
    """Whoever reads an office's records (the access rules): its staff and central roles."""
    return rule_for(actor).read in (Reach.EVERY_OFFICE, Reach.OWN_OFFICE)


def can_manage_roster(actor: Actor | None, office: Office | None = None) -> bool:
    """Central administration for any office; a head of office for their own office."""
    if actor is None:
        return False
    if actor.role == Role.CENTRAL_ADMIN:
        return True
    if actor.role == Role.HEAD_OF_OFFICE:
        return office is None or office.pk == actor.office_id
    return False
