from datetime import UTC, datetime
from typing import cast

import pytest
from django.test import Client
from django.urls import reverse

from amparo.accounts.actor import resolve_actor
from amparo.accounts.models import Membership, Role, User
from amparo.accounts.tests.factories import MembershipFactory
from amparo.cases.tests.factories import open_case_as
from amparo.conftest import Network, _member
from amparo.dashboard.selectors import network_summary, office_local_time, office_summary
from amparo.network.models import Office
from amparo.network.tests.factories import OfficeFactory
from amparo.notifications.tests.factories import shift_now
from amparo.people.models import Person

HOME = reverse("dashboard:home")


def register_people(office: Office, count: int) -> None:
    for number in range(count):
        Person.objects.create(
            office=office, given_names=f"Persona {number}", first_surname="Prueba"
        )


@pytest.fixture
def people(network: Network) -> Network:
    register_people(network.consulate_a, 3)
    register_people(network.consulate_b, 5)
    register_people(network.headquarters, 2)
    return network


def page(client: Client) -> str:
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_it_requires_a_signed_in_user(client: Client, db: None) -> None:
    response = client.get(HOME)
    assert response.status_code == 302


def test_it_counts_only_the_people_of_the_officers_own_office(
    as_user, alice: User, bob: User, people: Network
) -> None:
    alice_page = page(as_user(alice))
    bob_page = page(as_user(bob))
    assert '<p class="figure">3</p>' in alice_page
    assert "Consulado A" in alice_page
    assert '<p class="figure">5</p>' in bob_page
    assert "Fresno" in bob_page


def test_it_shows_the_office_local_time(as_user, bob: User, network: Network) -> None:
    html = page(as_user(bob))
    assert "America/Los_Angeles" in html
    assert "<time datetime=" in html


def test_office_local_time_follows_the_office_time_zone(network: Network) -> None:
    noon_utc = datetime(2025, 1, 15, 12, 0, tzinfo=UTC)
    local = office_local_time(network.consulate_b, noon_utc)
    assert local is not None
    assert local.hour == 4  # Los Angeles is UTC-8 in January


def test_office_local_time_is_none_for_an_unknown_zone(db: None) -> None:
    office = cast(Office, OfficeFactory(time_zone="Mars/Olympus_Mons"))
    assert office_local_time(office) is None


def test_it_shows_central_analysts_totals_per_country_but_not_officers(
    as_user, ana: User, alice: User, people: Network
) -> None:
    analyst_page = page(as_user(ana))
    officer_page = page(as_user(alice))
    assert 'id="card-countries"' in analyst_page
    assert "80.0 %" in analyst_page  # 8 of 10 people are registered in US offices
    assert 'id="card-network"' in analyst_page
    assert 'id="card-countries"' not in officer_page
    assert 'id="card-network"' not in officer_page


def test_network_summary_totals_people_per_country(ana: User, people: Network) -> None:
    actor = resolve_actor(ana, None)
    assert actor is not None
    summary = network_summary(actor)
    assert [(row.country, row.people) for row in summary.countries] == [("US", 8), ("MX", 2)]
    assert summary.people_total == 10
    assert summary.us_percent == pytest.approx(80.0)
    assert summary.office_count == 4


def test_network_summary_of_an_empty_network_has_no_share(ana: User) -> None:
    actor = resolve_actor(ana, None)
    assert actor is not None
    summary = network_summary(actor)
    assert summary.people_total == 0
    assert summary.us_percent == 0.0


def test_the_summaries_take_a_query_or_two_each(
    alice: User, ana: User, people: Network, django_assert_num_queries
) -> None:
    officer, analyst = resolve_actor(alice, None), resolve_actor(ana, None)
    assert officer is not None and analyst is not None
    with django_assert_num_queries(2):  # the office's people, and who is on duty
        office_summary(officer)
    with django_assert_num_queries(2):
        network_summary(analyst)


def test_the_page_needs_few_queries(
    as_user, ana: User, people: Network, django_assert_max_num_queries
) -> None:
    client = as_user(ana)
    with django_assert_max_num_queries(12):
        page(client)


def test_it_shows_auditors_the_audit_trail_and_hides_it_from_officers(
    as_user, aurora: User, alice: User
) -> None:
    auditor_page = page(as_user(aurora))
    assert 'id="card-audit"' in auditor_page
    assert f'href="{reverse("audit:records")}"' in auditor_page
    assert 'id="card-audit"' not in page(as_user(alice))


def test_auditors_and_lawyers_see_no_people_count(
    as_user, aurora: User, luis: User, people: Network
) -> None:
    assert 'id="card-people"' not in page(as_user(aurora))
    assert 'id="card-people"' not in page(as_user(luis))


def test_it_shows_hotline_operators_the_ciam_card(as_user, olga: User, alice: User) -> None:
    assert "520 623 7874" in page(as_user(olga))
    assert "520 623 7874" not in page(as_user(alice))


def test_it_marks_the_current_page_in_the_navigation(as_user, alice: User) -> None:
    html = page(as_user(alice))
    assert f'<a href="{HOME}" aria-current="page">' in html


def test_it_offers_the_office_switcher_only_with_several_memberships(
    as_user, alice: User, bob: User, network: Network
) -> None:
    MembershipFactory(user=alice, office=network.ciam, role=Role.HOTLINE_OPERATOR)
    alice_page = page(as_user(alice))
    bob_page = page(as_user(bob))
    assert 'id="membership-select"' in alice_page
    assert 'id="membership-select"' not in bob_page


def test_it_acts_under_the_chosen_membership(as_user, alice: User, network: Network) -> None:
    hotline = MembershipFactory(user=alice, office=network.ciam, role=Role.HOTLINE_OPERATOR)
    assert isinstance(hotline, Membership)
    html = page(as_user(alice, hotline))
    assert "Tucson" in html
    assert "520 623 7874" in html


def test_the_head_sees_who_is_on_duty_and_is_warned_when_nobody_is(
    as_user, alice: User, carla: User, network: Network
) -> None:
    empty = as_user(carla).get(reverse("dashboard:home")).content.decode()
    assert "Nadie está de guardia ahora" in empty
    assert reverse("notifications:roster") in empty  # the head can fix it from there
    shift_now(network.consulate_a, alice)
    staffed = as_user(carla).get(reverse("dashboard:home")).content.decode()
    assert "Nadie está de guardia ahora" not in staffed
    assert (alice.get_full_name() or alice.username) in staffed
    officer = as_user(alice).get(reverse("dashboard:home")).content.decode()
    assert "De guardia ahora" in officer and reverse("notifications:roster") not in officer


def test_auditors_start_with_the_latest_refused_accesses(
    as_user, alice: User, aurora: User, network: Network
) -> None:
    bob_case = open_case_as(_member("bobby", network.consulate_b, Role.CONSULAR_OFFICER))
    assert as_user(alice).get(reverse("cases:detail", args=[bob_case.pk])).status_code == 404
    page = as_user(aurora).get(reverse("dashboard:home")).content.decode()
    assert "Accesos rechazados recientes" in page
    assert reverse("audit:target", args=["cases.case", str(bob_case.pk)]) in page
    assert "Accesos rechazados recientes" not in as_user(alice).get(reverse("dashboard:home")).text
