"""The public directory of the PALE network: the providers under a contract in force with
each consulate, with what they do and where — organisations only, never a person's data —
as a page and as JSON shaped like Open Referral's Human Services Data Specification (HSDS
3.0: organizations with their services, phones and service areas), for community
organisations that keep their own directories."""

from datetime import date
from typing import Any

from django.db.models import QuerySet

from amparo.legal.models import Contract, ContractStatus, Provider


def listed(today: date, office_code: str = "") -> QuerySet[Provider]:
    """Active providers with a contract in force today (with `office_code`'s consulate)."""
    contracts = {"contracts__status": ContractStatus.IN_FORCE, "contracts__starts_on__lte": today,
                 "contracts__ends_on__gte": today}  # fmt: skip
    if office_code:
        contracts["contracts__office__code"] = office_code.upper()
    return (
        Provider.objects.filter(is_active=True, **contracts)
        .distinct()
        .prefetch_related("materias", "counties", "contracts__office")
        .order_by("name")
    )


def under_contract_on(office_id: int, day: date) -> QuerySet[Provider]:
    """Providers whose contract with the office covered `day` (signed, whatever its status
    now): who may have given that office's advisory that day. Names only, as public as the
    directory's."""
    contracts = Contract.objects.filter(office_id=office_id, starts_on__lte=day, ends_on__gte=day)
    return Provider.objects.filter(
        pk__in=contracts.exclude(status=ContractStatus.DRAFT).values("provider_id")
    ).order_by("name")


def hsds(providers: QuerySet[Provider], today: date) -> list[dict[str, Any]]:
    return [
        {
            "id": f"amparo-pale-{provider.pk}",
            "name": provider.name,
            "description": str(provider.get_kind_display()),
            "email": provider.email or None,
            "phones": [{"number": provider.phone}] if provider.phone else [],
            "services": [
                {
                    "id": f"amparo-pale-{provider.pk}-{materia.code.lower()}",
                    "name": materia.label,
                    "status": "active",
                    "languages": [
                        {"code": code.strip()}
                        for code in provider.languages.split(",")
                        if code.strip()
                    ],
                    "service_areas": [
                        {"name": f"{area.name}, {area.region}"} for area in provider.counties.all()
                    ],
                }
                for materia in provider.materias.all()
            ],
            "x_consulates": sorted(
                {
                    c.office.code
                    for c in provider.contracts.all()
                    if c.status == ContractStatus.IN_FORCE and c.starts_on <= today <= c.ends_on
                }
            ),
        }
        for provider in providers
    ]
