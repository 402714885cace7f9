"""Who is acting: the signed-in user together with the membership chosen for this session."""

from dataclasses import dataclass, replace

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from amparo.accounts.models import CENTRAL_ROLES, Membership, Role, User
from amparo.network.models import Office

ACTIVE_MEMBERSHIP_SESSION_KEY = "amparo_active_membership"


@dataclass(frozen=True)
class Delegation:
    """Permission, granted for one operation, to act in another office (access.delegate)."""

    grant: str
    office_id: int


@dataclass(frozen=True)
class Actor:
    """A user acting under one membership. Every access decision takes an Actor."""

    user: User
    membership: Membership
    delegations: tuple[Delegation, ...] = ()

    def with_delegation(self, delegation: Delegation) -> "Actor":
        return replace(self, delegations=(*self.delegations, delegation))

    @property
    def role(self) -> str:
        return self.membership.role

    @property
    def office(self) -> Office:
        return self.membership.office

    @property
    def office_id(self) -> int:
        return self.membership.office_id

    @property
    def is_central(self) -> bool:
        return self.membership.role in CENTRAL_ROLES

    def has_role(self, *roles: Role) -> bool:
        return self.membership.role in roles


def active_memberships(user: User) -> list[Membership]:
    return list(
        Membership.objects.filter(user=user, is_active=True)
        .select_related("office")
        .order_by("office__name", "role")
    )


def resolve_actor(
    user: User,
    preferred_membership_id: int | None,
    memberships: list[Membership] | None = None,
) -> Actor | None:
    """The actor for a user: the preferred membership if still valid, else the first one.
    Pass `memberships` (from active_memberships) when they are already loaded."""
    if memberships is None:
        memberships = active_memberships(user)
    if not memberships:
        return None
    chosen = next((m for m in memberships if m.pk == preferred_membership_id), memberships[0])
    return Actor(user=user, membership=chosen)


def acting(request: HttpRequest) -> Actor:
    """The actor of a request: the one name views and API routes use for who is acting.
    ActorMiddleware sets it for every request; private pages and the API never run
    without one, so its absence is a refusal."""
    actor: Actor | None = getattr(request, "actor", None)
    if actor is None:
        raise PermissionDenied
    return actor
