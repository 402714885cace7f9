import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from amparo.cases.models import CaseStatus, CaseTransfer, EventKind, TransferStatus
from amparo.cases.services import (
    case_add_note,
    case_change_status,
    case_transfer_accept,
    case_transfer_cancel,
    case_transfer_refuse,
    case_transfer_request,
)
from amparo.cases.tests.factories import actor_for, open_case_as


@pytest.fixture
def pending(alice, network):  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    case_add_note(case=case, text="Nota confidencial de A", actor=actor_for(alice))
    return case_transfer_request(
        case=case, to_office=network.consulate_b, reason="Vive en Fresno", actor=actor_for(alice)
    )


def test_the_receiving_office_sees_the_request_but_not_the_case(pending, as_user, bob) -> None:  # type: ignore[no-untyped-def]
    client = as_user(bob)
    listing = client.get(reverse("cases:transfers"))
    assert pending.case.folio in listing.content.decode()
    detail = client.get(reverse("cases:transfer_detail", args=[pending.pk]))
    assert detail.status_code == 200
    assert "Vive en Fresno" in detail.content.decode()
    assert "Nota confidencial" not in detail.content.decode()
    assert client.get(reverse("cases:detail", args=[pending.case_id])).status_code == 404


def test_other_offices_do_not_see_someone_elses_transfer(pending, as_user, olga, alice) -> None:  # type: ignore[no-untyped-def]
    assert as_user(olga).get(reverse("cases:transfer_detail", args=[pending.pk])).status_code == 404
    # The sender follows its request from the case page, not from the receiver's inbox.
    response = as_user(alice).get(reverse("cases:transfer_detail", args=[pending.pk]))
    assert response.status_code == 404


def test_accepting_moves_ownership_and_visibility(pending, as_user, alice, bob, network) -> None:  # type: ignore[no-untyped-def]
    response = as_user(bob).post(reverse("cases:accept_transfer", args=[pending.pk]))
    assert response.status_code == 302
    case = pending.case
    case.refresh_from_db()
    assert case.office == network.consulate_b
    assert case.assigned_to is None
    assert as_user(bob).get(reverse("cases:detail", args=[case.pk])).status_code == 200
    assert as_user(alice).get(reverse("cases:detail", args=[case.pk])).status_code == 404
    pending.refresh_from_db()
    assert pending.status == TransferStatus.ACCEPTED and pending.decided_by == bob
    kinds = list(case.events.order_by("id").values_list("kind", flat=True))
    assert kinds[-2:] == [EventKind.TRANSFER_REQUESTED, EventKind.TRANSFER_ACCEPTED]


def test_refusing_needs_a_reason_and_keeps_the_owner(pending, as_user, bob, network) -> None:  # type: ignore[no-untyped-def]
    client = as_user(bob)
    response = client.post(reverse("cases:refuse_transfer", args=[pending.pk]), {"reason": ""})
    assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.status == TransferStatus.PENDING
    client.post(reverse("cases:refuse_transfer", args=[pending.pk]), {"reason": "No es de aquí"})
    pending.refresh_from_db()
    assert pending.status == TransferStatus.REFUSED
    assert pending.decision_reason == "No es de aquí"
    assert pending.case.office == network.consulate_a
    assert pending.case.events.filter(kind=EventKind.TRANSFER_REFUSED).exists()


def test_the_sender_cannot_decide_its_own_request(pending, alice) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        case_transfer_accept(transfer=pending, actor=actor_for(alice))


def test_only_one_transfer_can_be_pending(pending, alice, network) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="pendiente"):
        case_transfer_request(
            case=pending.case, to_office=network.ciam, reason="otra", actor=actor_for(alice)
        )
    assert CaseTransfer.objects.count() == 1


def test_a_decided_transfer_cannot_be_decided_again(pending, bob) -> None:  # type: ignore[no-untyped-def]
    case_transfer_refuse(transfer=pending, reason="No", actor=actor_for(bob))
    with pytest.raises(ValidationError):
        case_transfer_accept(transfer=pending, actor=actor_for(bob))


def test_the_sender_can_cancel_and_ask_again(pending, alice, network) -> None:  # type: ignore[no-untyped-def]
    case_transfer_cancel(transfer=pending, actor=actor_for(alice))
    again = case_transfer_request(
        case=pending.case, to_office=network.consulate_b, reason="De nuevo", actor=actor_for(alice)
    )
    assert again.status == TransferStatus.PENDING


def test_a_concluded_case_or_the_same_office_cannot_be_a_transfer(alice, network) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    with pytest.raises(ValidationError):
        case_transfer_request(
            case=case, to_office=network.consulate_a, reason="x", actor=actor_for(alice)
        )
    case_change_status(
        case=case, status=CaseStatus.CONCLUDED, closure_reason="favorable", actor=actor_for(alice)
    )
    with pytest.raises(ValidationError):
        case_transfer_request(
            case=case, to_office=network.consulate_b, reason="x", actor=actor_for(alice)
        )
    assert not CaseTransfer.objects.exists()
