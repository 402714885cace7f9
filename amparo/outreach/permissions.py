"""Who does what with preventive outreach, beyond the rulebook's office scope
(amparo.accounts.access): events are read and changed only by staff of the office that
holds them, and central office reads every office's.

Rules, one per line (tested in tests/test_permissions.py):
  1. Consular officers and heads of office plan events of their office and record what
     they reached; central administration may do it for any office.
  2. Only the head of the event's office or central administration approves an event
     (publishes it), or cancels a published one.
  3. Central administration adds kinds of event.
  4. CIAM operators, PALE lawyers and auditors plan nothing and read no event records; the
     published events are public pages anyway.
  5. Offices import their own past events; central administration any office's.
"""

from amparo.accounts.access import may_write_office
from amparo.accounts.actor import Actor
from amparo.accounts.models import Role
from amparo.network.models import Office

PLANNER_ROLES = frozenset({Role.CONSULAR_OFFICER, Role.HEAD_OF_OFFICE, Role.CENTRAL_ADMIN})
APPROVER_ROLES = frozenset({Role.HEAD_OF_OFFICE, Role.CENTRAL_ADMIN})
READER_ROLES = PLANNER_ROLES | {Role.CENTRAL_ANALYST}


def can_use_outreach(actor: Actor | None) -> bool:
    return actor is not None and actor.role in READER_ROLES


def can_plan_for(actor: Actor | None, office: Office) -> bool:
    return (
        actor is not None
        and actor.role in PLANNER_ROLES
        and may_write_office(actor, office.pk)
        and not office.is_headquarters
    )


def can_plan_for_any_office(actor: Actor | None) -> bool:
    """Central administration plans for any consulate (rule 1): it chooses the office first."""
    return actor is not None and actor.role == Role.CENTRAL_ADMIN


def can_approve_for(actor: Actor | None, office: Office) -> bool:
    return actor is not None and actor.role in APPROVER_ROLES and may_write_office(actor, office.pk)


def can_manage_kinds(actor: Actor | None) -> bool:
    return actor is not None and actor.role == Role.CENTRAL_ADMIN
