"""The demo's economic support (seed 002): `seed_support`, the seed_demo step.

At scale 1.0:
- "Fondo de fianzas 2025 - Medio Oeste": USD 300,000 from the federal budget, allocated in
  halves to the Chicago and Kansas City consulates (assumption: seed 002 names partners in
  both, not the split), and 38 bail requests for detained nationals of those consulates
  whose approved amounts add up to exactly USD 146,000, each drawn on its office's
  allocation and paid to the partner organisation that posts the bond (the rest of each
  bond is the partner's, recorded as co-funding);
- "Fondo de repatriaciones 2025": 75 medical repatriations (seed 002). Assumptions, not in
  the seeds: the fund holds USD 2,000,000; an air-ambulance repatriation costs the fund
  USD 8,000 to 24,000, so each needs headquarters' approval as well; and 120 repatriations
  of remains at USD 2,500 to 4,500 each. Each repatriation has its logistics checklist
  done, in the days after its payment.
Smaller scales keep at least MIN_SHOWN of each so the pages have something to show.

The requests go through the same services as the pages (committee decisions by central
administration, which may decide at both levels, and never by the requester), so the
ledger, its balances and the access trail are what real use would leave. They replay 2025
(`core.clock.replaying`): the funds are deposited on 2 January, each request is asked on a
working day of the year, decided the next day and paid the day after, so
the statements, the ledger and the case timelines are dated in 2025; the access trail says
when the demo really wrote them. Idempotent: a fund that exists is left alone.
"""

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.actor import Actor, resolve_actor
from amparo.accounts.models import Membership, Role
from amparo.cases.models import Case, CaseStatus
from amparo.core import clock
from amparo.demo.progress import DemoDataError
from amparo.network.models import Office
from amparo.support.committee import (
    CoFunding,
    request_decide,
    request_pay,
    request_submit,
    required_levels,
)
from amparo.support.logistics import checklist, logistics_record
from amparo.support.models import Fund, RequestKind, SupportRequest
from amparo.support.services import allocate, deposit, fund_open

BAIL_FUND = "Fondo de fianzas 2025 - Medio Oeste"
BAIL_BUDGET = 300_000_00
BAIL_CASES = 38
BAIL_AUTHORISED = 146_000_00  # seed 002
BAIL_OFFICES = ("CHI", "MKC")  # partner organisations in Chicago and Kansas (seed 002)
BAIL_ALLOCATION = 150_000_00  # to each of BAIL_OFFICES (assumption)
STAFF_ROLES = (Role.CONSULAR_OFFICER, Role.HEAD_OF_OFFICE)
AVERAGE_BOND = 7_600_00  # ICE's FY25 average bond: USD 6,700 to 8,500
REPATRIATION_FUND = "Fondo de repatriaciones 2025"
REPATRIATION_BUDGET = 2_000_000_00  # assumption
MEDICAL_REPATRIATIONS = 75  # seed 002
MEDICAL_COST = (8_000_00, 24_000_00)  # assumption
REMAINS_REPATRIATIONS = 120  # assumption
REMAINS_COST = (2_500_00, 4_500_00)  # assumption
MIN_SHOWN = 3
YEAR = 2025
FUNDED_AT = datetime(YEAR, 1, 2, 18, tzinfo=UTC)


@dataclass(frozen=True)
class _Plan:
    kind: str
    amount: int
    payee: str
    payee_kind: str
    cofunding: int = 0


def bail_amounts(count: int, total: int, rng: random.Random) -> list[int]:
    """`count` whole-dollar amounts around total ÷ count that add up to `total` exactly."""
    base, spare = divmod(total // 100, count)
    amounts = [base + (1 if i < spare else 0) for i in range(count)]
    for i in range(0, count - 1, 2):  # move money between pairs: the sum stays the same
        shift = rng.randint(0, base // 3)
        amounts[i] += shift
        amounts[i + 1] -= shift
    return [dollars * 100 for dollars in amounts]


def seed_support(*, scale: float, seed: int) -> str:
    if Fund.objects.filter(name=BAIL_FUND).exists():
        return _("ya estaban cargados")
    admin = _central_admin()
    headquarters = Office.objects.filter(code="SRE").first()
    if headquarters is None:
        raise DemoDataError(_("Falta la oficina central SRE: ejecute antes la red consular."))
    rng = random.Random(f"support:{seed}")  # noqa: S311 - demo data
    bail_count = max(MIN_SHOWN, round(BAIL_CASES * scale))
    bail_total = round(BAIL_AUTHORISED * bail_count / BAIL_CASES) // 100 * 100
    bail = [
        _Plan(RequestKind.BAIL_BOND, amount, "Organización aliada de fianzas", "partner",
              cofunding=max(AVERAGE_BOND - amount, 0))
        for amount in bail_amounts(bail_count, bail_total, rng)
    ]  # fmt: skip
    medical = [
        _Plan(RequestKind.MEDICAL_REPATRIATION, rng.randrange(*MEDICAL_COST, 100),
              "Aerolínea de ambulancia aérea", "airline")
        for _n in range(max(MIN_SHOWN, round(MEDICAL_REPATRIATIONS * scale)))
    ]  # fmt: skip
    remains = [
        _Plan(RequestKind.REMAINS_REPATRIATION, rng.randrange(*REMAINS_COST, 100),
              "Funeraria", "funeral_home")
        for _n in range(max(MIN_SHOWN, round(REMAINS_REPATRIATIONS * scale)))
    ]  # fmt: skip
    with transaction.atomic():
        with clock.replaying(FUNDED_AT):
            bail_fund = _funded(admin, BAIL_FUND, BAIL_BUDGET, headquarters)
            repatriation_fund = _funded(admin, REPATRIATION_FUND, REPATRIATION_BUDGET, headquarters)
            staff = _staff_by_office()
            bail_offices = [code for code in BAIL_OFFICES if code in staff] or sorted(staff)
            for code in bail_offices[: len(BAIL_OFFICES)]:
                allocate(
                    actor=admin, fund=bail_fund, office=staff[code].office,
                    amount=BAIL_ALLOCATION, idempotency_key=f"demo-{bail_fund.pk}-allocation-{code}",
                )  # fmt: skip
        detained = _cases(detained=True, offices=bail_offices, count=len(bail), rng=rng)
        others = _cases(
            detained=False, offices=sorted(staff), count=len(medical) + len(remains), rng=rng
        )
        granted = [(bail_fund, plan, case) for plan, case in zip(bail, detained, strict=True)] + [
            (repatriation_fund, plan, case)
            for plan, case in zip(medical + remains, others, strict=True)
        ]
        asked_on = sorted(_workday(rng) for _n in granted)
        for day, (fund, plan, case) in zip(asked_on, granted, strict=True):
            requester = staff[case.office.code]
            request = _granted(admin, requester, fund, plan, case, day=day)
            if plan.kind != RequestKind.BAIL_BOND:
                _logistics_done(requester, request, day, rng)
    return _("%(bail)s fianzas (USD %(total)s), %(medical)s repatriaciones médicas, "
             "%(remains)s traslados de restos") % {
        "bail": len(bail), "total": f"{bail_total // 100:,}", "medical": len(medical),
        "remains": len(remains),
    }  # fmt: skip


def _central_admin() -> Actor:
    membership = (
        Membership.objects.filter(role=Role.CENTRAL_ADMIN, is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("user__username")
        .first()
    )
    if membership is None:
        raise DemoDataError(_("Falta un usuario de administración central: cargue los usuarios."))
    actor = resolve_actor(membership.user, membership.pk)
    assert actor is not None
    return actor


def _funded(admin: Actor, name: str, budget: int, office: Office) -> Fund:
    fund = fund_open(actor=admin, name=name, currency="USD", office=office)
    deposit(actor=admin, fund=fund, amount=budget, idempotency_key=f"demo-{fund.pk}-budget")
    return fund


def _staff_by_office() -> dict[str, Actor]:
    """A demo officer or head of each office that has one: who asks for the office."""
    staff: dict[str, Actor] = {}
    memberships = (
        Membership.objects.filter(role__in=STAFF_ROLES, is_active=True, user__is_active=True)
        .select_related("user", "office")
        .order_by("office__code", "user__username")
    )
    for membership in memberships:
        actor = resolve_actor(membership.user, membership.pk)
        if actor is not None:
            staff.setdefault(membership.office.code, actor)
    if not staff:
        raise DemoDataError(_("No hay personal de representaciones: cargue los usuarios."))
    return staff


def _cases(*, detained: bool, offices: list[str], count: int, rng: random.Random) -> list[Case]:
    """`count` open cases of `offices` (of detained nationals, or not), repeating if too few."""
    cases = Case.objects.exclude(status=CaseStatus.CONCLUDED).filter(
        is_detained=detained, office__code__in=offices
    )
    chosen = list(cases.select_related("office").order_by("id")[: count * 3])
    if not chosen:  # a tiny demo: any open case of those offices will do
        chosen = list(
            Case.objects.exclude(status=CaseStatus.CONCLUDED)
            .filter(office__code__in=offices)
            .select_related("office")
            .order_by("id")[: count * 3]
        )
    if not chosen:
        raise DemoDataError(_("No hay casos para los apoyos económicos: cargue antes los casos."))
    rng.shuffle(chosen)
    return [chosen[i % len(chosen)] for i in range(count)]


def _granted(
    admin: Actor, requester: Actor, fund: Fund, plan: _Plan, case: Case, *, day: date
) -> SupportRequest:
    """Asked by the office's staff on `day`, decided by central administration the next day
    at every level the amount needs (the requester never decides), paid the day after."""
    with clock.replaying(_at(day, 0)):
        request = request_submit(
            actor=requester, case=case, fund=fund, kind=plan.kind, amount=plan.amount,
            payee_name=plan.payee, payee_kind=plan.payee_kind,
            justification=_("Apoyo de demostración."),
            cofunders=[CoFunding(plan.payee, plan.cofunding)] if plan.cofunding else [],
        )  # fmt: skip
    with clock.replaying(_at(day, 1)):
        for level in required_levels(request):
            request_decide(
                actor=admin, request=request, level=level, approved=True,
                minutes_number=f"CAPC-DEMO-{request.pk:04d}",
            )  # fmt: skip
    with clock.replaying(_at(day, 2)):
        return request_pay(actor=admin, request=request)


def _logistics_done(
    staff: Actor, request: SupportRequest, paid_on: date, rng: random.Random
) -> None:
    """Every step of the checklist, a day or two apart, after the payment."""
    day = paid_on + timedelta(days=2)
    for line in checklist(request):
        day += timedelta(days=rng.randint(1, 2))
        with clock.replaying(_at(day, 0)):
            logistics_record(actor=staff, request=request, step=line.step, done_on=day)


def _workday(rng: random.Random) -> date:
    """A working day of 2025 early enough for its steps to end within the year."""
    while True:
        day = date(YEAR, 1, 6) + timedelta(days=rng.randrange(325))
        if day.weekday() < 5:
            return day


def _at(day: date, days_later: int) -> datetime:
    """Midday in Mexico City (18:00 UTC), `days_later` days after `day`: the same calendar
    day in every office of the Americas."""
    return datetime.combine(day + timedelta(days=days_later), time(18), tzinfo=UTC)
