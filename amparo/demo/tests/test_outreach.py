"""The outreach demo reproduces seed 000's 2025 figures through the report itself, and
seed 003's January workshops."""

from datetime import date

import pytest
from django.db.models import Count

from amparo.accounts.actor import Actor
from amparo.accounts.models import Role
from amparo.accounts.tests.factories import MembershipFactory, UserFactory
from amparo.demo.outreach import generate_outreach, legal_week_reach
from amparo.network.models import Office
from amparo.network.seed import load_network_seed
from amparo.outreach.models import Event, EventReport, Program
from amparo.outreach.reports import outreach_report, program_totals

pytestmark = pytest.mark.django_db


def _central_analyst() -> Actor:
    user = UserFactory.create(username="analista")
    membership = MembershipFactory.create(
        user=user, office=Office.objects.get(code="SRE"), role=Role.CENTRAL_ANALYST
    )
    return Actor(user=user, membership=membership)


def test_legal_advice_week_reach_adds_up_exactly_at_any_count() -> None:
    for count, total in ((1479, 1_180_697), (15, 11_807), (1, 798), (7, 7)):
        assert sum(legal_week_reach(i, count, total) for i in range(count)) == total


def test_at_scale_one_the_report_shows_the_2025_figures() -> None:
    load_network_seed()
    generate_outreach(scale=1.0, seed=2025)
    totals = {t.program: t for t in program_totals(outreach_report(_central_analyst(), year=2025))}
    assert totals[Program.RIGHTS_CAMPAIGN].events == 21_400
    assert totals[Program.OPEN_DOOR].events == 4_900
    assert totals[Program.LEGAL_ADVICE_WEEK].events == 1_479
    assert totals[Program.LEGAL_ADVICE_WEEK].reach == 1_180_697
    # Seed 003: January's workshops come first among the campaign events (57+33+37+37).
    january_workshops = Event.objects.filter(
        import_reference__startswith="demo-campaign-", import_reference__lt="demo-campaign-00164"
    )
    assert (
        january_workshops.filter(starts_on__range=(date(2025, 1, 1), date(2025, 1, 31))).count()
        == 164
    )
    counts = {
        code: january_workshops.filter(kind__code=code).count()
        for code in (
            "workshop_rights",
            "workshop_migratory_diagnosis",
            "workshop_daca",
            "workshop_vaim",
        )
    }
    assert counts == {
        "workshop_rights": 57,
        "workshop_migratory_diagnosis": 33,
        "workshop_daca": 37,
        "workshop_vaim": 37,
    }
    assert EventReport.objects.filter(live_viewers__gt=0, reach_definition="").count() == 0
    # Spread as the demo's people are: Los Angeles, with one county, holds the most events.
    busiest = Event.objects.values("office__code").annotate(n=Count("id")).order_by("-n")
    assert [row["office__code"] for row in busiest[:3]] == ["LAX", "CHI", "HOU"]
    assert generate_outreach(scale=1.0, seed=2025) == 0  # idempotent
