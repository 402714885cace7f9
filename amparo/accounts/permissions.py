"""Who may manage staff accounts, and which roles and offices they may grant."""

from django.db.models import QuerySet

from amparo.accounts.actor import Actor
from amparo.accounts.models import Role
from amparo.network.models import Office

USER_MANAGER_ROLES = frozenset({Role.CENTRAL_ADMIN, Role.HEAD_OF_OFFICE})

# A head of office staffs their own office; central, audit and head roles are granted
# by central administration only.
ROLES_GRANTABLE_BY_HEAD = frozenset(
    {Role.CONSULAR_OFFICER, Role.HOTLINE_OPERATOR, Role.EXTERNAL_LAWYER}
)


def can_manage_users(actor: Actor | None) -> bool:
    return actor is not None and actor.role in USER_MANAGER_ROLES


def grantable_roles(actor: Actor) -> list[Role]:
    if actor.role == Role.CENTRAL_ADMIN:
        return list(Role)
    if actor.role == Role.HEAD_OF_OFFICE:
        return [role for role in Role if role in ROLES_GRANTABLE_BY_HEAD]
    return []


def grantable_offices(actor: Actor) -> QuerySet[Office]:
    if actor.role == Role.CENTRAL_ADMIN:
        return Office.objects.all()
    if actor.role == Role.HEAD_OF_OFFICE:
        return Office.objects.filter(pk=actor.office_id)
    return Office.objects.none()


def can_grant(actor: Actor, *, role: str, office: Office) -> bool:
    return role in grantable_roles(actor) and grantable_offices(actor).filter(pk=office.pk).exists()
