"""The one access checkpoint for sensitive data. Every read or write of personal data
(people, cases, and every module built on them) goes through this module.

Rules, one per line (each has a test in accounts/tests/test_access.py):
  1. Anonymous users and users without an active membership reach no sensitive data.
  2. Central administration reads and changes records of every office.
  3. Central analysis reads records of every office and changes none.
  4. Head of office and consular officers read and change only records their office owns.
  5. Hotline (CIAM) operators read and change only records their own office owns;
     the hotline module grants them a narrower, nationwide "does a case exist" view.
  6. External (PALE) lawyers read only records referred to their provider, and change none
     here; the legal module widens this per referral.
  7. Auditors read no personal data; they read the access trail (audit module).
  8. A record that is missing and a record that is hidden look the same: 404 (never
     reveal existence), and the denied attempt is written to the access trail.

Reglas, una por línea:
  1. Sin sesión o sin membresía vigente no se accede a datos sensibles.
  2. La administración central consulta y modifica registros de todas las representaciones.
  3. El análisis central consulta registros de todas las representaciones y no modifica.
  4. Titulares y funcionarios consulares consultan y modifican solo lo de su representación.
  5. Operadores del CIAM consultan y modifican solo lo de su propia oficina.
  6. Abogados externos (PALE) solo consultan lo referido a su despacho; aquí no modifican.
  7. Auditoría no consulta datos personales; consulta la bitácora de accesos.
  8. Un registro inexistente y uno oculto responden igual (404) y el intento denegado
     queda en la bitácora.

Models register how to find their owning office with `register_scoped_model`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import Http404

from amparo.accounts.actor import Actor
from amparo.accounts.models import Role

READ_ALL_ROLES = frozenset({Role.CENTRAL_ADMIN, Role.CENTRAL_ANALYST})
WRITE_ALL_ROLES = frozenset({Role.CENTRAL_ADMIN})
OWN_OFFICE_ROLES = frozenset({Role.HEAD_OF_OFFICE, Role.CONSULAR_OFFICER, Role.HOTLINE_OPERATOR})


@dataclass(frozen=True)
class Scope:
    """How a model is scoped: the lookup to its owning office id, and optionally to the
    PALE provider it was referred to (for external lawyers)."""

    office_lookup: str
    referral_filter: Callable[[Actor], models.Q] | None = None


_SCOPES: dict[type[models.Model], Scope] = {}


def register_scoped_model(
    model: type[models.Model],
    *,
    office_lookup: str,
    referral_filter: Callable[[Actor], models.Q] | None = None,
) -> None:
    """Declare that `model` holds sensitive data owned by the office at `office_lookup`."""
    _SCOPES[model] = Scope(office_lookup=office_lookup, referral_filter=referral_filter)


def scoped_models() -> dict[type[models.Model], Scope]:
    return dict(_SCOPES)


def _scope_for(model: type[models.Model]) -> Scope:
    try:
        return _SCOPES[model]
    except KeyError as error:
        raise LookupError(f"{model.__name__} is not registered with the access module") from error


def visibility_filter(
    actor: Actor | None, model: type[models.Model], *, write: bool = False
) -> models.Q:
    """The Q that keeps only rows of `model` this actor may read (or change, with write)."""
    nothing = models.Q(pk__in=[])
    if actor is None:
        return nothing
    scope = _scope_for(model)
    role = actor.role
    if role in WRITE_ALL_ROLES or (role in READ_ALL_ROLES and not write):
        return models.Q()
    if role in OWN_OFFICE_ROLES:
        return models.Q(**{scope.office_lookup: actor.office_id})
    if role == Role.EXTERNAL_LAWYER and not write and scope.referral_filter is not None:
        return scope.referral_filter(actor)
    return nothing


def visible[M: models.Model](
    actor: Actor | None, queryset: models.QuerySet[M], *, write: bool = False
) -> models.QuerySet[M]:
    """Narrow any queryset of a registered model to what the actor may read or change."""
    return queryset.filter(visibility_filter(actor, queryset.model, write=write))


def owner_office_id(obj: models.Model) -> int | None:
    """The id of the office owning `obj`, following its registered lookup."""
    value: Any = obj
    for part in _scope_for(type(obj)).office_lookup.split("__"):
        if value is None:
            return None
        value = getattr(value, part)
    return value


def get_for_actor[M: models.Model](
    actor: Actor | None,
    queryset: models.QuerySet[M],
    pk: Any,
    *,
    write: bool = False,
) -> M:
    """Fetch one row the actor may read (or change). Missing or hidden → Http404, and a
    hidden one is recorded as a denied access."""
    # audit depends on accounts, not vice versa
    from amparo.audit.services import audit_denied

    try:
        return visible(actor, queryset, write=write).get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError):
        pass  # OverflowError: a key past what the database column holds (SQLite)
    hidden = queryset.filter(pk=pk).first() if _is_valid_pk(queryset.model, pk) else None
    if hidden is not None:
        audit_denied(actor=actor, target=hidden, write=write)
    raise Http404


def _is_valid_pk(model: type[models.Model], pk: Any) -> bool:
    try:
        key = model._meta.pk.to_python(pk)  # type: ignore[union-attr]
    except Exception:  # any conversion failure means "not a key"
        return False
    return not isinstance(key, int) or abs(key) < 2**63
