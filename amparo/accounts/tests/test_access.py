"""One test (or more) per numbered rule in amparo.accounts.access, each with two users."""

import pytest
from django.db.models import Model, Q
from django.http import Http404
from django.test import Client

from amparo.accounts import access
from amparo.accounts.access import Scope, get_for_actor, visible
from amparo.accounts.actor import Actor, resolve_actor
from amparo.accounts.models import Membership, User
from amparo.accounts.tests.codes import AsUser
from amparo.audit.models import AccessRecord, Outcome
from amparo.conftest import Network
from amparo.network.models import Office
from amparo.people.models import Person


def person(office: Office, given_names: str = "Juana") -> Person:
    return Person.objects.create(office=office, given_names=given_names, first_surname="García")


def actor_of(user: User) -> Actor:
    actor = resolve_actor(user, None)
    assert actor is not None
    return actor


def readable(user: User) -> set[int]:
    return set(visible(actor_of(user), Person.objects.all()).values_list("pk", flat=True))


def writable(user: User) -> set[int]:
    return set(
        visible(actor_of(user), Person.objects.all(), write=True).values_list("pk", flat=True)
    )


@pytest.fixture
def people(network: Network) -> dict[str, Person]:
    return {
        "a": person(network.consulate_a),
        "b": person(network.consulate_b),
        "ciam": person(network.ciam),
        "hq": person(network.headquarters),
    }


# Rule 1 ---------------------------------------------------------------------------------------
def test_rule_1_anonymous_reaches_no_sensitive_data(people: dict[str, Person]) -> None:
    assert not visible(None, Person.objects.all()).exists()
    with pytest.raises(Http404):
        get_for_actor(None, Person.objects.all(), people["a"].pk)


def test_rule_1_a_user_whose_membership_ended_reaches_nothing_while_a_colleague_still_does(
    alice: User, carla: User, people: dict[str, Person], as_user: AsUser
) -> None:
    Membership.objects.filter(user=alice).update(is_active=False)

    assert resolve_actor(alice, None) is None
    assert people["a"].pk in readable(carla)
    response = as_user(alice).get("/")
    assert response.status_code == 403
    assert "Sin membresía vigente" in response.content.decode()
    assert as_user(carla).get("/").status_code == 200


def test_rule_1_an_anonymous_browser_is_sent_to_sign_in(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/cuenta/entrar/")


# Rule 2 ---------------------------------------------------------------------------------------
def test_rule_2_central_administration_reads_and_changes_every_office(
    adan: User, alice: User, people: dict[str, Person]
) -> None:
    everyone = {p.pk for p in people.values()}
    assert readable(adan) == everyone
    assert writable(adan) == everyone
    assert writable(alice) == {people["a"].pk}


# Rule 3 ---------------------------------------------------------------------------------------
def test_rule_3_central_analysis_reads_every_office_and_changes_none(
    ana: User, adan: User, people: dict[str, Person]
) -> None:
    assert readable(ana) == {p.pk for p in people.values()}
    assert writable(ana) == set()
    assert writable(adan) == {p.pk for p in people.values()}
    with pytest.raises(Http404):
        get_for_actor(actor_of(ana), Person.objects.all(), people["a"].pk, write=True)


# Rule 4 ---------------------------------------------------------------------------------------
def test_rule_4_consular_officers_read_and_change_only_their_own_office(
    alice: User, bob: User, people: dict[str, Person]
) -> None:
    assert readable(alice) == writable(alice) == {people["a"].pk}
    assert readable(bob) == writable(bob) == {people["b"].pk}


def test_rule_4_a_head_of_office_reads_and_changes_only_their_own_office(
    carla: User, bob: User, people: dict[str, Person]
) -> None:
    assert readable(carla) == writable(carla) == {people["a"].pk}
    with pytest.raises(Http404):
        get_for_actor(actor_of(carla), Person.objects.all(), people["b"].pk)
    assert get_for_actor(actor_of(bob), Person.objects.all(), people["b"].pk) == people["b"]


# Rule 5 ---------------------------------------------------------------------------------------
def test_rule_5_hotline_operators_read_and_change_only_their_own_office(
    olga: User, alice: User, people: dict[str, Person]
) -> None:
    assert readable(olga) == writable(olga) == {people["ciam"].pk}
    assert people["ciam"].pk not in readable(alice)


# Rule 6 ---------------------------------------------------------------------------------------
def test_rule_6_external_lawyers_see_nothing_without_a_referral_filter(
    luis: User, alice: User, people: dict[str, Person]
) -> None:
    assert readable(luis) == set()
    assert readable(alice) == {people["a"].pk}


def test_rule_6_external_lawyers_read_only_referred_records_and_change_none(
    luis: User, alice: User, people: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    referred = person(people["b"].office, given_names="Referida")
    scopes: dict[type[Model], Scope] = access._SCOPES
    person_model: type[Model] = Person
    monkeypatch.setitem(
        scopes,
        person_model,
        Scope(office_lookup="office_id", referral_filter=lambda actor: Q(given_names="Referida")),
    )

    assert readable(luis) == {referred.pk}
    assert writable(luis) == set()
    assert referred.pk not in readable(alice)  # other office, even though referred


# Rule 7 ---------------------------------------------------------------------------------------
def test_rule_7_auditors_read_no_personal_data(
    aurora: User, ana: User, people: dict[str, Person]
) -> None:
    assert readable(aurora) == set()
    assert writable(aurora) == set()
    assert readable(ana) == {p.pk for p in people.values()}  # another central role does


# Rule 8 ---------------------------------------------------------------------------------------
def test_rule_8_missing_and_hidden_records_both_answer_404_and_only_hidden_is_traced(
    alice: User, bob: User, people: dict[str, Person]
) -> None:
    hidden_pk = people["b"].pk
    missing_pk = max(p.pk for p in people.values()) + 100

    with pytest.raises(Http404):
        get_for_actor(actor_of(alice), Person.objects.all(), missing_pk)
    assert not AccessRecord.objects.exists()

    with pytest.raises(Http404):
        get_for_actor(actor_of(alice), Person.objects.all(), hidden_pk)
    denied = AccessRecord.objects.get()
    assert denied.outcome == Outcome.DENIED
    assert denied.username == "alice"
    assert denied.target_id == str(hidden_pk)
    assert denied.target_office_id == people["b"].office_id

    assert get_for_actor(actor_of(bob), Person.objects.all(), hidden_pk) == people["b"]


def test_rule_8_garbage_keys_are_a_plain_404(alice: User, people: dict[str, Person]) -> None:
    with pytest.raises(Http404):
        get_for_actor(actor_of(alice), Person.objects.all(), "no-es-un-id")
    assert not AccessRecord.objects.exists()


# Memberships are scoped through the same rules ---------------------------------------------------
def test_memberships_are_scoped_by_office_like_any_record(
    carla: User, bob: User, adan: User
) -> None:
    carla_sees = set(
        visible(actor_of(carla), Membership.objects.all()).values_list("user__username", flat=True)
    )
    assert carla_sees == {"carla"}
    assert "bob" in set(
        visible(actor_of(adan), Membership.objects.all()).values_list("user__username", flat=True)
    )
