"""Merging a duplicate into a survivor, and undoing it. Central administration only.

Every row that points at the merged person (cases, documents, contacts, and whatever
future apps add) is found through Person's reverse relations, moved to the survivor, and
listed in the PersonMerge row, so that undo moves back exactly those rows.
"""

from collections import defaultdict
from typing import NoReturn

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.actor import Actor
from amparo.accounts.models import Role
from amparo.audit.models import Action, Outcome
from amparo.audit.services import audit_record
from amparo.people.models import Person, PersonMerge

MERGE_TARGET_TYPE = PersonMerge._meta.label_lower


def can_merge(actor: Actor | None) -> bool:
    return actor is not None and actor.role == Role.CENTRAL_ADMIN


def person_relations() -> list[tuple[type[models.Model], str]]:
    """(model, foreign key attname) for every foreign key to Person outside PersonMerge,
    including hidden ones such as many-to-many through tables."""
    relations = []
    for relation in Person._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete):
            continue
        if not (relation.one_to_many or relation.one_to_one):
            continue
        model = relation.related_model
        if model is None or model is PersonMerge or isinstance(model, str):
            continue
        relations.append((model, relation.field.attname))  # type: ignore[union-attr]
    return sorted(relations, key=lambda item: (item[0]._meta.label_lower, item[1]))


def rows_pointing_at(person: Person) -> dict[str, dict[str, list[int]]]:
    """{model label: {foreign key: [ids]}} of the rows that refer to `person`."""
    found: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for model, attname in person_relations():
        ids = list(
            model._base_manager.filter(**{attname: person.pk})
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if ids:
            found[model._meta.label_lower][attname] = ids
    return dict(found)


def _move(moved: dict[str, dict[str, list[int]]], *, source: Person, target: Person) -> None:
    models_by_label = {model._meta.label_lower: model for model, _ in person_relations()}
    for label, fields in moved.items():
        model = models_by_label[label]
        for attname, ids in fields.items():
            model._base_manager.filter(pk__in=ids, **{attname: source.pk}).update(
                **{attname: target.pk}
            )


def _refuse(actor: Actor | None, target: Person | PersonMerge) -> NoReturn:
    audit_record(actor=actor, action=Action.UPDATE, target=target, outcome=Outcome.DENIED)
    raise PermissionDenied


def person_merge(
    *,
    survivor: Person,
    merged: Person,
    actor: Actor,
    reason: str,
) -> PersonMerge:
    """Move everything that points at `merged` to `survivor` and hide `merged`. Both must
    be current (not merged); a reason is required. Audited on both records."""
    if not can_merge(actor):
        _refuse(actor, merged)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indique el motivo de la fusión.")})
    if survivor.pk == merged.pk:
        raise ValidationError(_("Elija dos registros distintos."))
    with transaction.atomic():
        locked = Person.objects.select_for_update().in_bulk([survivor.pk, merged.pk])
        if len(locked) != 2 or any(p.merged_into_id for p in locked.values()):
            raise ValidationError(_("Uno de los registros ya fue fusionado."))
        moved = rows_pointing_at(merged)
        try:
            with transaction.atomic():
                _move(moved, source=merged, target=survivor)
        except IntegrityError as error:
            raise ValidationError(
                _("Los registros no pueden fusionarse: hay datos que no admiten duplicarse.")
            ) from error
        Person.objects.filter(pk=merged.pk).update(merged_into=survivor, updated_at=timezone.now())
        merge = PersonMerge.objects.create(
            survivor=survivor, merged=merged, actor=actor.user, reason=reason, moved=moved
        )
        for person in (survivor, merged):
            audit_record(
                actor=actor,
                action=Action.UPDATE,
                target=person,
                reason=f"merge {merge.pk}",
            )
    merged.merged_into = survivor
    return merge


def person_merge_undo(*, merge: PersonMerge, actor: Actor) -> PersonMerge:
    """Move back exactly the rows the merge moved and show the merged record again."""
    if not can_merge(actor):
        _refuse(actor, merge)
    with transaction.atomic():
        merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
        if merge.undone_at is not None:
            raise ValidationError(_("Esta fusión ya se deshizo."))
        merged = Person.objects.select_for_update().get(pk=merge.merged_id)
        if merged.merged_into_id != merge.survivor_id:
            raise ValidationError(_("El registro fusionado cambió después; no puede deshacerse."))
        _move(merge.moved, source=merge.survivor, target=merged)
        Person.objects.filter(pk=merged.pk).update(merged_into=None, updated_at=timezone.now())
        merge.undone_at = timezone.now()
        merge.undone_by = actor.user
        merge.save(update_fields=["undone_at", "undone_by"])
        for person_id in (merge.survivor_id, merge.merged_id):
            audit_record(
                actor=actor,
                action=Action.UPDATE,
                target_type=Person._meta.label_lower,
                target_id=person_id,
                reason=f"merge {merge.pk} undone",
            )
    return merge
