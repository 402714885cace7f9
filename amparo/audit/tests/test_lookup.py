"""The auditors' record lookup: references to what a folio, a call number, a name or an
identifier names, within the offices whose trail the auditor reads, and audited."""

import pytest
from django.urls import reverse

from amparo.accounts.models import Role, User
from amparo.audit.lookup import audit_targets
from amparo.audit.models import AccessRecord
from amparo.cases.tests.factories import actor_for, open_case_as, person_in
from amparo.conftest import Network, _member
from amparo.hotline.tests.conftest import log_call


@pytest.fixture
def auditor_a(network: Network) -> User:
    return _member("auditor_a", network.consulate_a, Role.AUDITOR)


def test_a_folio_names_its_case(aurora: User, bob: User) -> None:
    case = open_case_as(bob)

    [target] = audit_targets(actor_for(aurora), case.folio.lower())

    assert (target.target_type, target.target_id) == ("cases.case", str(case.pk))
    assert (target.label, target.office_code) == (case.folio, "TB")


def test_a_misspelt_name_finds_the_person_and_their_cases(
    aurora: User, bob: User, network: Network
) -> None:
    person = person_in(network.consulate_b, given_names="Rosa Elena", first_surname="Martínez")
    case = open_case_as(bob, person=person)
    person_in(network.consulate_b, given_names="Pedro", first_surname="Ramírez")

    targets = audit_targets(actor_for(aurora), "rosa elena martines")

    assert [(t.target_type, t.target_id) for t in targets] == [
        ("people.person", str(person.pk)),
        ("cases.case", str(case.pk)),
    ]
    assert targets[0].label == person.full_name


def test_a_call_number_names_its_call(aurora: User, olga: User) -> None:
    call = log_call(olga)

    [target] = audit_targets(actor_for(aurora), f"llamada {call.pk}")

    assert (target.target_type, target.target_id) == ("hotline.call", str(call.pk))


def test_an_office_auditor_finds_only_records_of_their_office(
    auditor_a: User, alice: User, bob: User
) -> None:
    ours, theirs = open_case_as(alice), open_case_as(bob)

    assert [t.label for t in audit_targets(actor_for(auditor_a), ours.folio)] == [ours.folio]
    assert audit_targets(actor_for(auditor_a), theirs.folio) == []


def test_only_the_trail_readers_hold_the_lookup(alice: User, ana: User, bob: User) -> None:
    case = open_case_as(bob)
    assert audit_targets(actor_for(alice), case.folio) == []
    assert audit_targets(actor_for(ana), case.folio) == []  # analysts read data, not the trail


def test_every_lookup_is_in_the_trail_without_the_words_searched(aurora: User, bob: User) -> None:
    case = open_case_as(bob)
    audit_targets(actor_for(aurora), case.folio)
    record = AccessRecord.objects.filter(target_type="audit.lookup").get()
    assert record.username == "aurora"
    assert case.folio not in f"{record.reason} {record.target_id}"


def test_one_match_opens_its_trail_and_the_header_search_leads_auditors_here(
    as_user, aurora: User, bob: User
) -> None:
    case = open_case_as(bob)
    client = as_user(aurora)

    response = client.get(reverse("audit:lookup"), {"q": case.folio})
    assert response.status_code == 302
    assert response["Location"] == reverse("audit:target", args=["cases.case", case.pk])

    response = client.get(reverse("dashboard:search"), {"q": case.folio})
    assert response["Location"] == reverse("audit:lookup") + f"?q={case.folio}"

    page = client.get(reverse("audit:lookup"), {"q": "nadie se llama así"})
    assert "Ningún registro a su alcance coincide" in page.content.decode()


def test_people_who_do_not_read_the_trail_get_404(as_user, alice: User) -> None:
    assert as_user(alice).get(reverse("audit:lookup"), {"q": "x"}).status_code == 404


def test_the_api_looks_up_records_for_the_trails_readers(
    as_user, aurora: User, alice: User, bob: User
) -> None:
    case = open_case_as(bob)

    found = as_user(aurora).get("/api/v1/audit/lookup", {"q": case.folio}).json()

    assert found == [
        {"target_type": "cases.case", "target_id": str(case.pk), "kind": "Caso",
         "label": case.folio, "office_code": "TB"},
    ]  # fmt: skip
    assert as_user(alice).get("/api/v1/audit/lookup", {"q": case.folio}).status_code == 404
