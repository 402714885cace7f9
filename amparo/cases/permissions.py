"""Who may do what with cases, on top of the access checkpoint (amparo.accounts.access).

Rules, one per line (tested in tests/test_permissions.py):
  1. Opening a case in an office, or changing a case, needs write access to that office
     (access.may_write_office: the rulebook's rules 2-5).
  2. A case is assigned only to a head of office or consular officer of its owning office.
  3. Only central administration edits the taxonomy.
  4. A pending transfer is decided by the receiving office (or central administration);
     it is cancelled by the sending office (or central administration).
  5. Exports follow the list's scope; a central analyst must state why personal data
     (beneficiary names) leaves the system, and the reason goes to the access trail.
  6. An attachment is read by whoever may read its case and added by whoever may change it.
"""

from django.db.models import QuerySet

from amparo.accounts.access import bulk_read_needs_reason
from amparo.accounts.actor import Actor
from amparo.accounts.models import Role, User

ASSIGNABLE_ROLES = frozenset({Role.HEAD_OF_OFFICE, Role.CONSULAR_OFFICER})


def can_edit_taxonomy(actor: Actor | None) -> bool:
    return actor is not None and actor.role == Role.CENTRAL_ADMIN


def assignable_officers(office_id: int) -> QuerySet[User]:
    return (
        User.objects.filter(
            is_active=True,
            memberships__office_id=office_id,
            memberships__is_active=True,
            memberships__role__in=ASSIGNABLE_ROLES,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def is_assignable(user: User, office_id: int) -> bool:
    return assignable_officers(office_id).filter(pk=user.pk).exists()


def export_needs_reason(actor: Actor | None) -> bool:
    """Rule 5: an export is a bulk read (access rule 3): analysts state a reason."""
    return bulk_read_needs_reason(actor)
