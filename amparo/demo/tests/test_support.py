"""The demo's economic support reproduces seed 002 at scale 1.0."""

from datetime import UTC, datetime

from django.db.models import Sum

from amparo.accounts.models import Role
from amparo.cases.models import CaseEvent, EventKind
from amparo.cases.tests.factories import open_case_as
from amparo.conftest import _member
from amparo.demo.support import BAIL_FUND, REPATRIATION_FUND, bail_amounts, seed_support
from amparo.network.models import Office, OfficeKind
from amparo.network.tests.factories import OfficeFactory
from amparo.support.models import (
    Account,
    AccountKind,
    Approval,
    Fund,
    LogisticsItem,
    Posting,
    RequestKind,
    RequestStatus,
    SupportRequest,
)
from amparo.support.services import account_for


def balance(fund: Fund, kind: str) -> int:
    """The fund's balance of `kind`, its common pool and every office's allocation."""
    return sum(account.balance for account in Account.objects.filter(fund=fund, kind=kind))


def test_bail_amounts_add_up_exactly() -> None:
    import random

    amounts = bail_amounts(38, 146_000_00, random.Random(1))
    assert sum(amounts) == 146_000_00
    assert all(amount % 100 == 0 and 2_000_00 <= amount <= 6_000_00 for amount in amounts)


def test_scale_one_reproduces_seed_002(db: None) -> None:
    headquarters: Office = OfficeFactory(code="SRE", slug="sre", kind=OfficeKind.HEADQUARTERS)  # type: ignore[assignment]
    chicago: Office = OfficeFactory(code="CHI", slug="chi", name="Chicago")  # type: ignore[assignment]
    _member("demo.admin", headquarters, Role.CENTRAL_ADMIN)
    officer = _member("demo.consular.chi", chicago, Role.CONSULAR_OFFICER)
    for _n in range(10):
        open_case_as(officer, flags={"is_detained": True})
        open_case_as(officer)

    seed_support(scale=1.0, seed=2025)

    bail = SupportRequest.objects.filter(fund__name=BAIL_FUND, kind=RequestKind.BAIL_BOND)
    assert bail.count() == 38
    assert bail.aggregate(total=Sum("amount"))["total"] == 146_000_00
    assert set(bail.values_list("status", flat=True)) == {RequestStatus.PAID}
    fund = Fund.objects.get(name=BAIL_FUND)
    assert account_for(fund, AccountKind.FUNDING).balance == -300_000_00
    assert balance(fund, AccountKind.PAID) == 146_000_00
    assert balance(fund, AccountKind.AVAILABLE) == 154_000_00
    # Chicago's requests drew on its allocation (the demo has no Kansas City office here).
    assert set(bail.values_list("ledger_office__code", flat=True)) == {"CHI"}
    assert account_for(fund, AccountKind.AVAILABLE, chicago).balance == 4_000_00
    repatriations = SupportRequest.objects.filter(fund__name=REPATRIATION_FUND)
    assert repatriations.filter(kind=RequestKind.MEDICAL_REPATRIATION).count() == 75
    assert repatriations.filter(kind=RequestKind.REMAINS_REPATRIATION).count() == 120
    assert LogisticsItem.objects.count() == (75 + 120) * 5  # every checklist done
    # All of it happened in 2025 (seed 002), in the ledger, the requests and the timelines.
    in_2025 = (datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC))
    assert not Posting.objects.exclude(posted_at__range=in_2025).exists()
    assert not SupportRequest.objects.exclude(requested_at__range=in_2025).exists()
    assert not Approval.objects.exclude(decided_at__range=in_2025).exists()
    assert not LogisticsItem.objects.exclude(done_on__year=2025).exists()
    assert not CaseEvent.objects.filter(kind=EventKind.SUPPORT).exclude(at__range=in_2025).exists()
    assert all(a.decided_at > r.requested_at for r in bail for a in r.approvals.all())
    seed_support(scale=1.0, seed=2025)  # a rerun adds nothing
    assert SupportRequest.objects.count() == 38 + 75 + 120
