"""The checkpoint: querysets narrowed to what an actor may read or change, and single
records fetched so that missing and hidden look the same (404)."""

import operator
from functools import reduce
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.dispatch import Signal
from django.http import Http404

from amparo.accounts.access.rules import (
    GRANTS,
    Reach,
    holds,
    may_read_office,
    may_write_office,
    rule_for,
)
from amparo.accounts.access.scopes import owner_office_id, scope_for
from amparo.accounts.actor import Actor

# Sent when an actor asks for a record they may not see (kwargs: actor, target, write).
# The audit app records it; access itself knows nothing of the trail.
access_denied = Signal()

NOTHING = models.Q(pk__in=[])


def visibility_filter(
    actor: Actor | None, model: type[models.Model], *, write: bool = False
) -> models.Q:
    """The Q that keeps only rows of `model` this actor may read (or change, with write)."""
    scope = scope_for(model)
    if actor is None:
        return NOTHING
    rule = rule_for(actor)
    reach = rule.write if write else rule.read
    if reach == Reach.EVERY_OFFICE:
        return models.Q()
    conditions = []
    if reach == Reach.OWN_OFFICE:
        conditions.append(models.Q(**{scope.office: actor.office_id}))
    for delegation in actor.delegations:
        if GRANTS[delegation.grant].writes or not write:  # type: ignore[index]
            conditions.append(models.Q(**{scope.office: delegation.office_id}))
    for grant, opened in scope.widened_by.items():
        if holds(actor, grant) and (GRANTS[grant].writes or not write):
            conditions.append(opened(actor))
    # OR-ing onto an always-false Q would make every query compile an empty IN first.
    return reduce(operator.or_, conditions) if conditions else NOTHING


def visible[M: models.Model](
    actor: Actor | None, queryset: models.QuerySet[M], *, write: bool = False
) -> models.QuerySet[M]:
    """Narrow any queryset of a scoped model to what the actor may read or change."""
    return queryset.filter(visibility_filter(actor, queryset.model, write=write))


def may_read(actor: Actor | None, obj: models.Model) -> bool:
    return _allowed(actor, obj, write=False)


def may_write(actor: Actor | None, obj: models.Model) -> bool:
    return _allowed(actor, obj, write=True)


def _allowed(actor: Actor | None, obj: models.Model, *, write: bool) -> bool:
    office_id = owner_office_id(obj)
    by_office = may_write_office if write else may_read_office
    if by_office(actor, office_id):
        return True
    if not scope_for(obj.__class__).widened_by or obj.pk is None:
        return False
    manager = obj.__class__._default_manager
    return visible(actor, manager.filter(pk=obj.pk), write=write).exists()


def get_for_actor[M: models.Model](
    actor: Actor | None, queryset: models.QuerySet[M], pk: Any, *, write: bool = False
) -> M:
    """Fetch one row the actor may read (or change). Missing or hidden → Http404, and a
    hidden one is announced through `access_denied` (the audit app records it)."""
    try:
        return visible(actor, queryset, write=write).get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError):
        pass  # OverflowError: a key past what the database column holds (SQLite)
    hidden = queryset.filter(pk=pk).first() if _is_valid_pk(queryset.model, pk) else None
    if hidden is not None:
        access_denied.send(sender=type(hidden), actor=actor, target=hidden, write=write)
    raise Http404


def _is_valid_pk(model: type[models.Model], pk: Any) -> bool:
    try:
        key = model._meta.pk.to_python(pk)  # type: ignore[union-attr]
    except Exception:  # any conversion failure means "not a key"
        return False
    return not isinstance(key, int) or abs(key) < 2**63
