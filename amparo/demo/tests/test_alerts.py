"""The demo's alert button: registrants chosen among the demo's people of the US and
Canadian offices, a year of closed alerts in the assumed proportions, each a line on its
registrant's case, and a few alerts on the board now. Counts scale; at 1.0 they are the
assumptions of docs/decisions.md (30,000 registrants, 4,800 alerts in 2025)."""

from collections import Counter
from datetime import UTC, datetime

import time_machine
from django.db.models import F

from amparo.accounts.models import Role
from amparo.alerts.models import ACTIVE, Alert, AlertEvent, Device, Registrant, TrustedContact
from amparo.cases.models import CaseEvent, EventKind
from amparo.cases.tests.factories import open_case_as, person_in
from amparo.conftest import _member
from amparo.demo import alerts as demo
from amparo.demo.detention import scaled
from amparo.network.models import Office, OfficeKind
from amparo.network.tests.factories import OfficeFactory


def test_the_counts_at_scale_one_are_the_stated_assumptions() -> None:
    assert scaled(demo.REGISTRANTS, 1.0) == 30_000 and scaled(demo.ALERTS, 1.0) == 4_800
    assert abs(sum(w for _o, w in demo.OUTCOMES) - 1) < 1e-9


@time_machine.travel(datetime(2026, 6, 15, 17, 0, tzinfo=UTC), tick=False)
def test_a_small_scale_demo_keeps_the_proportions(db: None) -> None:
    OfficeFactory(code="SRE", slug="sre", kind=OfficeKind.HEADQUARTERS)
    OfficeFactory(code="CIAM", slug="ciam", kind=OfficeKind.CONTACT_CENTER)
    lax: Office = OfficeFactory(code="LAX", slug="lax", city="Los Angeles", region="CA",
                                time_zone="America/Los_Angeles")  # type: ignore[assignment]  # fmt: skip
    _member("demo.admin", Office.objects.get(code="SRE"), Role.CENTRAL_ADMIN)
    officer = _member("demo.consular.lax", lax, Role.CONSULAR_OFFICER)
    for _n in range(120):
        open_case_as(officer, person=person_in(lax))

    summary = demo.seed_alerts(scale=0.1, seed=2025)

    assert Registrant.objects.count() == 120  # every person there was (3,000 were asked for)
    assert Device.objects.count() == 120
    assert 120 <= TrustedContact.objects.count() <= 240
    year = Alert.objects.filter(received_at__year=2025)
    assert year.count() == 480 and not year.filter(status__in=ACTIVE).exists()
    outcomes = Counter(AlertEvent.objects.filter(kind="outcome").values_list("outcome", flat=True))
    assert outcomes.most_common(1)[0][0] == "false_alarm"
    positioned = year.exclude(position="").count() / 480
    assert 0.6 < positioned < 0.8
    assert Alert.objects.filter(status__in=ACTIVE).count() == demo.ACTIVE_NOW
    on_own_case = Alert.objects.filter(case__beneficiary_id=F("registrant__person_id"))
    assert on_own_case.count() == Alert.objects.count()
    assert CaseEvent.objects.filter(kind=EventKind.ALERT).count() == Alert.objects.count()
    assert "480 alertas en 2025" in summary
    assert demo.seed_alerts(scale=0.1, seed=2025) != summary  # a rerun adds nothing
    assert Alert.objects.count() == 480 + demo.ACTIVE_NOW
