"""The demo's PALE network reproduces seed 000 at scale 1.0: 325 contracts in force and
3,838 referrals sent in 2025, in the matters' assumed split, never billed past a ceiling."""

from collections import Counter
from datetime import UTC, datetime

import time_machine
from django.db.models import Sum

from amparo.accounts.models import Role
from amparo.cases.models import Case
from amparo.cases.tests.factories import open_case_as, person_in, subtype
from amparo.conftest import _member
from amparo.demo.legal import seed_legal
from amparo.legal.candidates import candidates_for
from amparo.legal.models import (
    BarAdmission,
    CapitalDeadline,
    Contract,
    InvoiceLine,
    Provider,
    ProviderKind,
    ProviderLawyer,
    Referral,
    ReferralStatus,
)
from amparo.network.models import Office, OfficeKind
from amparo.network.tests.factories import OfficeFactory

SUBTYPES = (
    ("DETENCION_DEPORTACION", "MIGRATORIO"), ("VISITAS_CARCELARIAS", "PENAL"),
    ("SALARIOS_NO_PAGADOS", "LABORAL"), ("CUSTODIA", "CIVIL_FAMILIAR"),
)  # fmt: skip


@time_machine.travel(datetime(2026, 6, 15, 17, 0, tzinfo=UTC), tick=False)
def test_scale_one_reproduces_seed_000(db: None) -> None:
    headquarters: Office = OfficeFactory(code="SRE", slug="sre", kind=OfficeKind.HEADQUARTERS)  # type: ignore[assignment]
    chicago: Office = OfficeFactory(code="CHI", slug="chi", city="Chicago", region="IL",
                                    time_zone="America/Chicago")  # type: ignore[assignment]  # fmt: skip
    toronto: Office = OfficeFactory(code="TOR", slug="tor", city="Toronto", country="CA",
                                    region="ON", time_zone="America/Toronto")  # type: ignore[assignment]  # fmt: skip
    _member("demo.admin", headquarters, Role.CENTRAL_ADMIN)
    _member("demo.pale.lax", chicago, Role.EXTERNAL_LAWYER)
    for office in (chicago, toronto):
        officer = _member(f"demo.consular.{office.code.lower()}", office, Role.CONSULAR_OFFICER)
        for code, materia in SUBTYPES:
            open_case_as(officer, person=person_in(office), subtype=subtype(code, materia))
    capital = open_case_as(
        officer, person=person_in(toronto), subtype=subtype("PENA_CAPITAL", "PENAL")
    )
    Case.objects.filter(pk=capital.pk).update(is_capital_case=True)

    seed_legal(scale=1.0, seed=2025)

    assert Contract.objects.count() == 325
    assert (
        Contract.objects.filter(provider__kind=ProviderKind.CAPITAL, office=headquarters).count()
        == 1
    )
    assert Contract.objects.filter(office=toronto).exists()
    assert all(c.status == "in_force" and c.starts_on.year == 2025 for c in Contract.objects.all())
    in_2025 = Referral.objects.filter(sent_at__year=2025)
    assert in_2025.count() == 3_838
    matters = Counter(in_2025.values_list("case__subtype__materia__code", flat=True))
    assert matters.most_common(1)[0][0] == "MIGRATORIO"
    assert set(matters) == {"MIGRATORIO", "PENAL", "LABORAL", "CIVIL_FAMILIAR"}
    assert Referral.objects.filter(case=capital, provider__kind=ProviderKind.CAPITAL).exists()
    assert CapitalDeadline.objects.filter(case=capital).exists()
    statuses = Counter(in_2025.values_list("status", flat=True))
    assert statuses[ReferralStatus.CONCLUDED] > statuses[ReferralStatus.IN_PROGRESS] > 0
    waiting = Referral.objects.filter(status=ReferralStatus.SENT)
    assert waiting.count() == 12
    assert waiting.filter(provider__lawyers__user__username="demo.pale.lax").exists()
    assert ProviderLawyer.objects.get().provider.office == chicago
    for contract in Contract.objects.all():
        approved = InvoiceLine.objects.filter(contract=contract, status="approved")
        assert contract.approved_total == (approved.aggregate(s=Sum("amount"))["s"] or 0)
        assert contract.approved_total <= contract.ceiling
    for provider in Provider.objects.prefetch_related("bar_admissions", "contacts"):
        assert 1 <= len(provider.bar_admissions.all()) <= 3 and provider.contacts.all()
    assert BarAdmission.objects.filter(verified_on__year=2025).exists()
    assert BarAdmission.objects.filter(provider__office=chicago).values("region")[0] == {
        "region": "IL"
    }
    case = Case.objects.filter(office=chicago, subtype__materia__code="LABORAL").first()
    assert case is not None and any(c.eligible for c in candidates_for(case))

    seed_legal(scale=1.0, seed=2025)  # a rerun adds nothing
    assert Referral.objects.count() == 3_838 + 12
