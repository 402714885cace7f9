"""Who may do what in the network. Offices and jurisdiction are public facts: every
signed-in member of staff reads them; only central administration changes jurisdiction."""

from amparo.accounts.actor import Actor
from amparo.accounts.models import Role


def can_edit_jurisdiction(actor: Actor | None) -> bool:
    return actor is not None and actor.role == Role.CENTRAL_ADMIN
