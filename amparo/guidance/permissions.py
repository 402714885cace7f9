"""Who may do what with guidance scripts. Scripts hold no personal data, so they are not
office-scoped; the rules depend on the role only.

Rules, one per line (tested in tests/test_permissions.py):
  1. CIAM operators, consular officers, heads of office and central roles read the
     current published scripts.
  2. PALE lawyers and auditors do not use the knowledge base.
  3. Central roles (administration and analysis) also read drafts, old versions, their
     differences and retired scripts.
  4. Only central administration writes, publishes, retires and restores scripts.
"""

from amparo.accounts.actor import Actor
from amparo.accounts.models import CENTRAL_ROLES, Role

READER_ROLES = frozenset(
    {
        Role.HOTLINE_OPERATOR,
        Role.CONSULAR_OFFICER,
        Role.HEAD_OF_OFFICE,
        Role.CENTRAL_ADMIN,
        Role.CENTRAL_ANALYST,
    }
)


def can_read_guidance(actor: Actor | None) -> bool:
    return actor is not None and actor.role in READER_ROLES


def can_review_guidance(actor: Actor | None) -> bool:
    return actor is not None and actor.role in CENTRAL_ROLES


def can_author_guidance(actor: Actor | None) -> bool:
    return actor is not None and actor.role == Role.CENTRAL_ADMIN
