"""Accounts API: who am I, and (for those who manage staff) the scoped user list."""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from amparo.accounts.actor import acting, active_memberships
from amparo.accounts.models import User
from amparo.accounts.permissions import can_manage_users
from amparo.accounts.selectors import users_manageable_by
from amparo.audit.models import Action
from amparo.audit.services import audit_record

router = Router(tags=["accounts"])


class MembershipOut(Schema):
    id: int
    office_code: str
    office_name: str
    role: str
    role_label: str
    is_active: bool


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    role_label: str
    office_code: str
    membership_id: int
    memberships: list[MembershipOut]


class UserOut(Schema):
    id: int
    username: str
    full_name: str
    is_active: bool
    memberships: list[MembershipOut]

    @staticmethod
    def resolve_full_name(user: User) -> str:
        return user.get_full_name()

    @staticmethod
    def resolve_memberships(user: User) -> list[MembershipOut]:
        # Only the memberships the caller may see (prefetched by the selector).
        return [_membership_out(m) for m in user.visible_memberships]  # type: ignore[attr-defined]


def _membership_out(membership: object) -> MembershipOut:
    return MembershipOut(
        id=membership.pk,  # type: ignore[attr-defined]
        office_code=membership.office.code,  # type: ignore[attr-defined]
        office_name=membership.office.name,  # type: ignore[attr-defined]
        role=membership.role,  # type: ignore[attr-defined]
        role_label=str(membership.get_role_display()),  # type: ignore[attr-defined]
        is_active=membership.is_active,  # type: ignore[attr-defined]
    )


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> MeOut:
    actor = acting(request)
    return MeOut(
        username=actor.user.username,
        full_name=actor.user.get_full_name(),
        role=actor.role,
        role_label=str(actor.membership.get_role_display()),
        office_code=actor.office.code,
        membership_id=actor.membership.pk,
        memberships=[_membership_out(m) for m in active_memberships(actor.user)],
    )


@router.get("/users", response=list[UserOut])
@paginate
def users(request: HttpRequest, q: str = "") -> QuerySet[User]:
    """Staff the caller manages: all for central administration, own office for a head."""
    actor = acting(request)
    if not can_manage_users(actor):
        raise HttpError(403, _("Solo la administración central y titulares consultan usuarios."))
    audit_record(actor=actor, action=Action.LIST, target_type="accounts.user")
    return users_manageable_by(actor, search=q.strip()[:100])
