"""Warnings to the office about its PALE contracts: 80% of the ceiling approved, and the
end of the contract within 30 days (unless a renewal is already registered)."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from amparo.accounts.access import visible
from amparo.accounts.actor import Actor
from amparo.legal.models import Contract, ContractStatus

CEILING_SHARE = 0.8
EXPIRY_DAYS = 30


@dataclass(frozen=True)
class ContractWarning:
    contract: Contract
    message: str


def contract_warnings(actor: Actor, today: date) -> list[ContractWarning]:
    warnings = []
    contracts = visible(
        actor, Contract.objects.select_related("provider", "office", "renewal")
    ).filter(status=ContractStatus.IN_FORCE)
    for contract in contracts.order_by("ends_on", "id"):
        used = contract.approved_total / contract.ceiling
        if used >= CEILING_SHARE:
            warnings.append(ContractWarning(contract, _("%(provider)s: %(used)s%% del techo aprobado.") % {
                "provider": contract.provider.name, "used": int(used * 100)}))  # fmt: skip
        days = (contract.ends_on - today).days
        if 0 <= days <= EXPIRY_DAYS and not hasattr(contract, "renewal"):
            warnings.append(ContractWarning(contract, _("%(provider)s: el contrato vence en %(days)s días.") % {
                "provider": contract.provider.name, "days": days}))  # fmt: skip
    return warnings
