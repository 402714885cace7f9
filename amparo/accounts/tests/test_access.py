"""One test (or more) per numbered rule in amparo.accounts.access, each with two users."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.test import Client

from amparo.accounts import access
from amparo.accounts.access import Grant, Scope, get_for_actor, visible
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
def test_rule_6_external_lawyers_see_nothing_without_a_referral(
    luis: User, alice: User, people: dict[str, Person]
) -> None:
    assert readable(luis) == set()
    assert readable(alice) == {people["a"].pk}


def test_rule_6_external_lawyers_read_only_referred_records_and_change_none(
    luis: User, alice: User, people: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    referred = person(people["b"].office, given_names="Referida")
    monkeypatch.setitem(
        access.SCOPES,
        "people.Person",
        Scope(
            office="office_id",
            widened_by={Grant.PALE_REFERRAL: lambda actor: Q(given_names="Referida")},
        ),
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


# Rule 9 ---------------------------------------------------------------------------------------
def test_rule_9_missing_and_hidden_records_both_answer_404_and_only_hidden_is_traced(
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


def test_rule_9_garbage_keys_are_a_plain_404(alice: User, people: dict[str, Person]) -> None:
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


# Rule 3: bulk reads need a stated reason ---------------------------------------------------------
@pytest.mark.parametrize("path", ["/api/v1/cases", "/api/v1/people"])
def test_rule_3_an_analyst_pages_personal_data_only_with_a_stated_reason(
    as_user: AsUser, ana: User, alice: User, people: dict[str, Person], path: str
) -> None:
    refused = as_user(ana).get(path)
    assert refused.status_code == 422
    assert "motivo" in refused.json()["detail"]
    assert as_user(ana).get(path, {"reason": "Informe mensual"}).status_code == 200
    listed = AccessRecord.objects.get(username="ana", action="list")
    assert listed.reason == "Informe mensual"
    assert as_user(alice).get(path).status_code == 200  # an officer states no reason


# Rule 5: the hotline's two grants ----------------------------------------------------------------
def test_rule_5_ciam_staff_hold_the_nationwide_case_existence_grant_and_consulates_do_not(
    olga: User, carla: User, alice: User, ana: User
) -> None:
    assert access.holds(actor_of(olga), Grant.CASE_EXISTENCE_NATIONWIDE)
    assert access.holds(actor_of(ana), Grant.CASE_EXISTENCE_NATIONWIDE)
    assert not access.holds(actor_of(alice), Grant.CASE_EXISTENCE_NATIONWIDE)
    assert not access.holds(actor_of(carla), Grant.CASE_EXISTENCE_NATIONWIDE)  # a consulate head


def test_rule_5_an_escalation_grant_opens_one_office_to_the_operator_and_nothing_else(
    olga: User, alice: User, people: dict[str, Person], network: Network
) -> None:
    operator = actor_of(olga)
    assert not access.may_write_office(operator, network.consulate_b.pk)
    routed = access.delegate(operator, Grant.ESCALATION_TO_OFFICE, network.consulate_b)
    assert access.may_write_office(routed, network.consulate_b.pk)
    assert not access.may_write_office(routed, network.consulate_a.pk)
    writable_now = set(visible(routed, Person.objects.all(), write=True))
    assert people["b"] in writable_now and people["a"] not in writable_now
    assert routed.office_id == network.ciam.pk  # still the operator's own office
    with pytest.raises(PermissionDenied):
        access.delegate(actor_of(alice), Grant.ESCALATION_TO_OFFICE, network.consulate_b)


# Rule 8: records routed to an office -------------------------------------------------------------
def test_rule_8_a_record_routed_to_an_office_is_open_to_its_staff_as_if_owned(
    alice: User, bob: User, luis: User, people: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    routed = person(people["b"].office, given_names="Dirigida")
    monkeypatch.setitem(
        access.SCOPES,
        "people.Person",
        Scope(
            office="office_id",
            widened_by={
                Grant.ALERT_ROUTED_TO_OFFICE: lambda actor: (
                    Q(given_names="Dirigida", office__code="TB") & Q(pk__gt=0)
                    if actor.office.code == "TA"
                    else Q(pk__in=[])
                )
            },
        ),
    )
    assert routed.pk in readable(alice) and routed.pk in writable(alice)
    assert access.may_write(actor_of(alice), routed)
    assert readable(luis) == set()  # the grant is for office staff only
    assert routed.pk in readable(bob)  # its owner keeps it


# The rulebook stands alone ------------------------------------------------------------------------
def test_the_access_package_does_not_know_the_audit_app() -> None:
    from pathlib import Path

    package = Path(access.__file__).parent
    for module in package.glob("*.py"):
        assert "amparo.audit" not in module.read_text(), module.name


def test_every_scoped_model_names_a_real_office_lookup() -> None:
    for model in access.scoped_models():
        first = access.scope_for(model).office.split("__")[0]
        assert model._meta.get_field(first.removesuffix("_id"))
