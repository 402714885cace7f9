"""The demo's detention work reproduces seed 000 at scale 1.0: 9,617 visits and 17,597
advisories in 2025, over the shipped facilities."""

from datetime import date

from django.db.models import Count
from django.utils import timezone

from amparo.accounts.models import Role, User
from amparo.conftest import _member
from amparo.demo.detention import seed_detention
from amparo.detention.models import (
    Advisory,
    Detention,
    DetentionStatus,
    Facility,
    FollowUp,
    Seen,
    Visit,
)
from amparo.legal.models import Contract, Provider
from amparo.network.models import JurisdictionArea, Office, OfficeKind
from amparo.network.selectors import invalidate_jurisdiction
from amparo.network.tests.factories import OfficeFactory
from amparo.people.models import Person


def test_scale_one_reproduces_seed_000(db: None) -> None:
    headquarters: Office = OfficeFactory(code="SRE", slug="sre", kind=OfficeKind.HEADQUARTERS)  # type: ignore[assignment]
    san_bernardino: Office = OfficeFactory(code="SBD", slug="sbd", name="San Bernardino", region="CA",
                                           time_zone="America/Los_Angeles")  # type: ignore[assignment]  # fmt: skip
    _member("demo.admin", headquarters, Role.CENTRAL_ADMIN)
    _member("demo.consular.sbd", san_bernardino, Role.CONSULAR_OFFICER)
    JurisdictionArea.objects.create(code="US-CA-SAN-BERNARDINO", country="US", region="CA",
                                    name="San Bernardino County", latitude=34.8, longitude=-116.2,
                                    office=san_bernardino)  # fmt: skip
    invalidate_jurisdiction()
    clinic = Provider.objects.create(
        name="Clínica Jurídica SBD", kind="clinic", office=san_bernardino
    )
    Contract.objects.create(office=san_bernardino, provider=clinic, starts_on=date(2025, 1, 1),
                            ends_on=date(2025, 12, 31), ceiling=1, capacity=1, status="expired",
                            created_by=User.objects.get(username="demo.admin"), created_at=timezone.now())  # fmt: skip
    Person.objects.bulk_create(
        [
            Person(office=san_bernardino, given_names=f"Persona {n}", first_surname="Demo")
            for n in range(50)
        ]
    )

    seed_detention(scale=1.0, seed=2025)

    assert Facility.objects.count() == 187
    placed = Facility.objects.filter(office=san_bernardino)
    assert placed.filter(name="ADELANTO ICE PROCESSING CENTER").exists()
    in_2025 = Visit.objects.filter(planned_on__year=2025, status="done")
    assert in_2025.count() == 9_617
    assert set(in_2025.values_list("facility__office__code", flat=True)) == {"SBD"}
    assert Advisory.objects.filter(given_on__year=2025).count() == 17_597
    # A quarter given by the office's PALE provider (the assumption), the rest by its staff.
    by_clinic = Advisory.objects.filter(provider=clinic, adviser=None).count()
    assert 0.23 < by_clinic / 17_597 < 0.27
    assert (
        Advisory.objects.filter(provider=None, adviser__username="demo.consular.sbd").count()
        == 17_597 - by_clinic
    )
    assert (
        not Seen.objects.values("visit", "detention")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .exists()
    )
    held = Detention.objects.filter(status=DetentionStatus.HELD)
    # 35% of the average daily population of the placed facilities (the assumption).
    expected = sum(round(float(f.average_population or 0) * 0.35) for f in placed)
    assert held.count() == expected
    assert (
        held.filter(last_seen_on__isnull=False).exists()
        and held.filter(last_seen_on__isnull=True).exists()
    )
    assert FollowUp.objects.filter(done_at__isnull=True).exists()
    seed_detention(scale=1.0, seed=2025)  # a rerun adds nothing
    assert Visit.objects.filter(planned_on__year=2025).count() == 9_617
