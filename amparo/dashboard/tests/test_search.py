"""The header's search box: folios, names, identifiers and call numbers, scoped and audited."""

from datetime import date

import pytest
from django.urls import reverse

from amparo.accounts.models import User
from amparo.audit.models import AccessRecord, Action
from amparo.cases.tests.factories import open_case_as
from amparo.conftest import Network
from amparo.hotline.tests.conftest import log_call
from amparo.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_folio_opens_its_case_however_it_is_typed(as_user, alice: User) -> None:
    case = open_case_as(alice)
    client = as_user(alice)
    code, year, number = case.folio.split("-")
    for typed in (case.folio, f" {code.lower()}-{year}-{int(number)} "):
        response = client.get(reverse("dashboard:search"), {"q": typed})
        assert response.status_code == 302 and response["Location"] == reverse(
            "cases:detail", args=[case.pk]
        )
    assert AccessRecord.objects.filter(
        user=alice, action=Action.LIST, target_type="cases.case", reason="search"
    ).exists()


def test_another_offices_folio_finds_nothing(as_user, alice: User, bob: User) -> None:
    theirs = open_case_as(bob)
    page = as_user(alice).get(reverse("dashboard:search"), {"q": theirs.folio}).content.decode()
    assert "Nada a su alcance coincide" in page
    assert reverse("cases:detail", args=[theirs.pk]) not in page


def test_names_and_identifiers_find_people_in_scope(as_user, alice: User, network: Network) -> None:
    maria = PersonFactory.create(
        office=network.consulate_a,
        given_names="María",
        first_surname="García",
        date_of_birth=date(1990, 5, 17),
        a_number="A012345678",
    )
    PersonFactory.create(office=network.consulate_b, given_names="María", first_surname="García")
    client = as_user(alice)
    for typed in ("maria garcia", "Mria Grcia", "A012345678"):
        response = client.get(reverse("dashboard:search"), {"q": typed})
        assert [hit.person for hit in response.context["found"].people] == [maria], typed


def test_a_call_number_is_for_those_who_read_calls(as_user, olga: User, alice: User) -> None:
    call = log_call(olga)
    for typed in (str(call.pk), f"llamada n.º {call.pk}", f"#{call.pk}"):
        response = as_user(olga).get(reverse("dashboard:search"), {"q": typed})
        assert response["Location"] == reverse("hotline:call_detail", args=[call.pk]), typed
    officer = as_user(alice).get(reverse("dashboard:search"), {"q": str(call.pk)})
    assert officer.status_code == 200 and officer.context["found"].calls == []


def test_the_box_is_in_every_signed_in_header(as_user, alice: User, client) -> None:
    page = as_user(alice).get(reverse("dashboard:home")).content.decode()
    assert 'role="search"' in page and f'action="{reverse("dashboard:search")}"' in page
    client.logout()
    assert 'role="search"' not in client.get(reverse("accounts:login")).content.decode()
