"""The auditors' pages over HTTP, each permission checked with two users."""

import csv
import io

import pytest
from django.urls import reverse

from amparo.accounts.actor import resolve_actor
from amparo.accounts.models import User
from amparo.audit.models import AccessRecord, Action, Outcome
from amparo.audit.services import audit_record
from amparo.conftest import Network
from amparo.people.models import Person
from amparo.people.tests.factories import PersonFactory


@pytest.fixture
def person_a(network: Network) -> Person:
    return PersonFactory.create(office=network.consulate_a)


@pytest.fixture
def alice_read_it(alice: User, person_a: Person) -> AccessRecord:
    return audit_record(actor=resolve_actor(alice, None), action=Action.VIEW, target=person_a)


def _csv(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_the_trail_is_hidden_from_officers_and_analysts_but_open_to_the_auditor(
    as_user, alice: User, ana: User, aurora: User, alice_read_it: AccessRecord
) -> None:
    url = reverse("audit:records")
    assert as_user(alice).get(url).status_code == 404
    assert as_user(ana).get(url).status_code == 404
    assert as_user(alice).get(reverse("audit:export")).status_code == 404
    response = as_user(aurora).get(url)
    assert response.status_code == 200
    assert alice_read_it in response.context["records"]
    assert "alice" in response.content.decode()


def test_filters_apply_and_bad_dates_are_a_400(
    as_user, aurora: User, bob: User, alice_read_it: AccessRecord
) -> None:
    audit_record(actor=resolve_actor(bob, None), action=Action.LIST, target_type="people.person")
    client = as_user(aurora)

    only_bob = client.get(reverse("audit:records"), {"username": "bob"})
    assert [r.username for r in only_bob.context["records"]] == ["bob"]

    reversed_range = client.get(
        reverse("audit:records"), {"since": "2026-02-01", "until": "2026-01-01"}
    )
    assert reversed_range.status_code == 400
    assert "anterior a la inicial" in reversed_range.content.decode()
    assert client.get(reverse("audit:records"), {"since": "ayer"}).status_code == 400


def test_pages_follow_the_keyset_cursor(as_user, aurora: User, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("amparo.audit.views.PAGE_SIZE", 2)
    made = [audit_record(actor=None, action=Action.LOGIN_FAILED) for _ in range(5)]
    client = as_user(aurora)

    first = client.get(reverse("audit:records"))
    assert [r.pk for r in first.context["records"]] == [made[4].pk, made[3].pk]
    second = client.get(reverse("audit:records"), {"before": first.context["next_cursor"]})
    assert [r.pk for r in second.context["records"]] == [made[2].pk, made[1].pk]
    third = client.get(reverse("audit:records"), {"before": second.context["next_cursor"]})
    assert [r.pk for r in third.context["records"]] == [made[0].pk]
    assert third.context["next_cursor"] is None


def test_the_export_is_filtered_scoped_and_itself_recorded(
    as_user, aurora: User, bob: User, alice_read_it: AccessRecord, network: Network
) -> None:
    audit_record(actor=resolve_actor(bob, None), action=Action.LIST, target_type="people.person")

    response = as_user(aurora).get(reverse("audit:export"), {"username": "alice"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert rows[0][1] == "Cuenta"
    assert [row[1] for row in rows[1:]] == ["alice"]
    assert rows[1][6] == str(alice_read_it.target_id)
    export = AccessRecord.objects.get(action=Action.EXPORT)
    assert export.username == "aurora"
    assert export.reason == "username=alice"


def test_the_export_neutralises_spreadsheet_formulas(as_user, aurora: User) -> None:
    audit_record(actor=None, action=Action.LOGIN_FAILED, reason="=HYPERLINK(1)")
    rows = _csv(as_user(aurora).get(reverse("audit:export")))
    assert "'=HYPERLINK(1)" in [row[11] for row in rows[1:]]


def test_who_consulted_this_record_lists_every_access_to_it(
    as_user, aurora: User, olga: User, person_a: Person, alice_read_it: AccessRecord
) -> None:
    denied = audit_record(
        actor=resolve_actor(olga, None),
        action=Action.VIEW,
        target=person_a,
        outcome=Outcome.DENIED,
    )
    other = PersonFactory.create(office=person_a.office)
    audit_record(actor=None, action=Action.VIEW, target=other)
    url = reverse("audit:target", args=["people.person", person_a.pk])

    response = as_user(aurora).get(url)

    assert response.status_code == 200
    assert [r.pk for r in response.context["records"]] == [denied.pk, alice_read_it.pk]
    assert "¿Quién consultó este registro?" in response.content.decode()


def test_an_office_auditor_sees_only_their_office_in_the_target_page(
    as_user, network: Network, bob: User
) -> None:
    from amparo.accounts.models import Role
    from amparo.accounts.tests.factories import MembershipFactory, UserFactory

    auditor_a = UserFactory.create(username="auditora_a")
    MembershipFactory(user=auditor_a, office=network.consulate_a, role=Role.AUDITOR)
    person_b = PersonFactory.create(office=network.consulate_b)
    audit_record(actor=resolve_actor(bob, None), action=Action.VIEW, target=person_b)
    url = reverse("audit:target", args=["people.person", person_b.pk])

    assert list(as_user(auditor_a).get(url).context["records"]) == []
    assert as_user(bob).get(url).status_code == 404
