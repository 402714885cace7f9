"""The access trail takes the address and path of the web request being served from
audit.origin; services never see the HTTP request, and outside a request both stay empty."""

from django.test import Client

from amparo.accounts.actor import resolve_actor
from amparo.accounts.models import User
from amparo.accounts.tests.codes import AsUser
from amparo.audit.models import AccessRecord, Action
from amparo.audit.origin import current_origin
from amparo.audit.services import audit_record


def test_a_web_request_leaves_its_address_and_path_but_not_its_query(
    as_user: AsUser, alice: User
) -> None:
    client: Client = as_user(alice)
    client.get("/personas/?q=Garcia", REMOTE_ADDR="203.0.113.9")
    listed = AccessRecord.objects.get(action=Action.LIST, target_type="people.person")
    assert (listed.ip_address, listed.path) == ("203.0.113.9", "/personas/")


def test_outside_a_request_the_origin_is_empty(alice: User) -> None:
    assert current_origin() is None
    record = audit_record(actor=resolve_actor(alice, None), action=Action.VIEW, target=alice)
    assert (record.ip_address, record.path) == (None, "")


def test_the_origin_does_not_outlive_its_request(as_user: AsUser, alice: User) -> None:
    as_user(alice).get("/personas/")
    assert current_origin() is None
