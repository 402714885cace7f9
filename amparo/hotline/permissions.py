"""Who may do what on the hotline, on top of the access checkpoint (amparo.accounts.access).

Rules, one per line (tested in tests/test_permissions.py):
  1. Calls are logged by CIAM operators and the CIAM's head, in their own CIAM office.
  2. A call is read and changed by its CIAM office (and central roles, by the checkpoint);
     consulates read a call's notes only through the timeline of a case it was escalated to.
  3. Caller history (selectors.caller_history) is for the hotline: CIAM staff and central
     roles. It shows nationwide THAT a case exists (folio, office, status), nothing more.
  4. An escalation is acknowledged by the receiving office (or central administration).
  5. Supervision (live figures, reports, shift set-up) is for the CIAM's head and central
     roles; operators see their own CIAM's callbacks and shifts.
"""

from amparo.accounts.actor import Actor
from amparo.accounts.models import CENTRAL_ROLES, Role
from amparo.network.models import OfficeKind

CALL_TAKING_ROLES = frozenset({Role.HOTLINE_OPERATOR, Role.HEAD_OF_OFFICE})


def works_at_ciam(actor: Actor | None) -> bool:
    return actor is not None and actor.office.kind == OfficeKind.CONTACT_CENTER


def can_log_calls(actor: Actor | None) -> bool:
    return works_at_ciam(actor) and actor is not None and actor.role in CALL_TAKING_ROLES


def can_use_hotline(actor: Actor | None) -> bool:
    """Call lists, caller history, callbacks: CIAM staff and central roles."""
    return actor is not None and (can_log_calls(actor) or actor.role in CENTRAL_ROLES)


def can_supervise(actor: Actor | None) -> bool:
    if actor is None:
        return False
    if actor.role in CENTRAL_ROLES:
        return True
    return works_at_ciam(actor) and actor.role == Role.HEAD_OF_OFFICE


def can_configure_shifts(actor: Actor | None, office_id: int) -> bool:
    if actor is None:
        return False
    if actor.role == Role.CENTRAL_ADMIN:
        return True
    return (
        can_supervise(actor)
        and actor.role == Role.HEAD_OF_OFFICE
        and (actor.office_id == office_id)
    )
