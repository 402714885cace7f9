"""Reads of staff accounts, scoped by the access rules."""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from amparo.accounts.access import visible
from amparo.accounts.actor import Actor
from amparo.accounts.models import Membership, Role, User
from amparo.accounts.permissions import can_manage_users


def memberships_managed_by(actor: Actor) -> QuerySet[Membership]:
    return visible(actor, Membership.objects.all(), write=True)


def users_manageable_by(actor: Actor, *, search: str = "") -> QuerySet[User]:
    """Users the actor may manage, each with the memberships the actor may see prefetched."""
    if not can_manage_users(actor):
        return User.objects.none()
    users = User.objects.all()
    if actor.role != Role.CENTRAL_ADMIN:
        # A head of office manages only people who still work in the office; central
        # administration also reaches users left without any active membership.
        current_staff = memberships_managed_by(actor).filter(is_active=True)
        users = users.filter(pk__in=current_staff.values("user_id"))
    if search:
        users = users.filter(
            Q(username__icontains=search)
            | Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
        )
    visible_memberships = (
        memberships_managed_by(actor)
        .select_related("office")
        .order_by("-is_active", "office__name", "role")
    )
    return users.prefetch_related(
        Prefetch("memberships", queryset=visible_memberships, to_attr="visible_memberships")
    ).order_by("username")


def user_for_manager(actor: Actor, pk: int) -> User:
    """One manageable user, or Http404 for missing and hidden alike."""
    try:
        return users_manageable_by(actor).get(pk=pk)
    except (User.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error
