"""Renewing a contract: a new draft for the same office and provider, with its own period,
ceiling and capacity, that starts with the fee schedule of the one it renews. Putting it in
force (services.contract_set_status) ends the old one and moves the referrals still open
to the provider, so the provider's lawyers keep their cases without a gap."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from amparo.accounts.actor import Actor
from amparo.legal.models import Contract, ContractStatus, Fee
from amparo.legal.permissions import may_manage
from amparo.legal.services import contract_create

RENEWABLE = (ContractStatus.IN_FORCE, ContractStatus.EXPIRED)


def contract_renew(
    *, actor: Actor, contract: Contract, starts_on: date, ends_on: date, ceiling: int,
    capacity: int,
) -> Contract:  # fmt: skip
    if not may_manage(actor, contract):
        raise PermissionDenied
    if contract.status not in RENEWABLE:
        raise ValidationError(
            {"status": _("Solo se renueva un contrato vigente o vencido.")}
        )  # fmt: skip
    if Contract.objects.filter(renews=contract).exists():
        raise ValidationError({"status": _("Este contrato ya tiene una renovación.")})
    if starts_on <= contract.starts_on:
        raise ValidationError(
            {"starts_on": _("La renovación debe empezar después del contrato que renueva.")}
        )
    try:
        with transaction.atomic():
            renewal = contract_create(
                actor=actor, provider=contract.provider, office=contract.office,
                starts_on=starts_on, ends_on=ends_on, ceiling=ceiling, capacity=capacity,
                renews=contract,
            )  # fmt: skip
            Fee.objects.bulk_create(
                Fee(contract=renewal, level=fee.level, materia_id=fee.materia_id,
                    hourly=fee.hourly)
                for fee in contract.fees.all()
            )  # fmt: skip
    except IntegrityError as error:  # a renewal raced this one (renews is one-to-one)
        raise ValidationError({"status": _("Este contrato ya tiene una renovación.")}) from error
    return renewal
