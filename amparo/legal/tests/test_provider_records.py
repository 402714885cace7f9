"""What the office keeps about a provider (bar admissions, contacts) and a contract's
renewal: written by the head of office, refused with a reason and nothing written, read
only by the coordinating office; a renewal in force takes over the old contract's open
referrals, so the provider's lawyers keep them."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from amparo.accounts.models import User
from amparo.audit.models import AccessRecord
from amparo.cases.tests.factories import actor_for
from amparo.legal import provider_records
from amparo.legal.models import (
    BarAdmission,
    Contract,
    ContractStatus,
    Fee,
    ProviderContact,
    ReferralStatus,
    ServiceLevel,
)
from amparo.legal.renewals import contract_renew
from amparo.legal.selectors import referral_for
from amparo.legal.services import contract_set_status, referral_revoke
from amparo.legal.tests.conftest import Pale
from amparo.legal.tests.test_referrals import send


def test_the_head_records_and_verifies_bar_admissions(as_user, pale: Pale, carla: User) -> None:
    head = as_user(carla)
    add = reverse("legal:bar_admission_add", args=[pale.provider.pk])
    answer = head.post(add, {"bar-lawyer_name": "Ana Ruiz", "bar-region": "TX",
                             "bar-number": "24012345"}, follow=True)  # fmt: skip
    assert "Colegiación registrada" in answer.content.decode()
    admission = BarAdmission.objects.get()
    assert (admission.region, admission.verified_on) == ("TX", None)
    page = head.get(reverse("legal:provider", args=[pale.provider.pk])).content.decode()
    assert "Ana Ruiz · TX 24012345" in page and "sin verificar" in page

    verify = reverse("legal:bar_admission_verify", args=[admission.pk])
    future = head.post(verify, {f"verify-{admission.pk}-verified_on": "2026-04-01"}, follow=True)
    assert "no puede tener fecha futura" in future.content.decode()  # the clock: 10 Mar 2026
    head.post(verify, {f"verify-{admission.pk}-verified_on": "2026-03-09"})
    admission.refresh_from_db()
    assert admission.verified_on == date(2026, 3, 9) and admission.verified_by == carla
    assert AccessRecord.objects.filter(
        target_type="legal.baradmission", target_id=str(admission.pk), reason="verified"
    ).exists()

    again = head.post(add, {"bar-lawyer_name": "Ana Ruiz", "bar-region": "TX",
                            "bar-number": "24012345"}, follow=True)  # fmt: skip
    assert "ya está registrada" in again.content.decode() and BarAdmission.objects.count() == 1
    head.post(reverse("legal:bar_admission_remove", args=[admission.pk]))
    assert not BarAdmission.objects.exists()


def test_a_bar_admission_needs_a_known_state_or_province(pale: Pale, carla: User) -> None:
    with pytest.raises(ValidationError) as refused:
        provider_records.bar_admission_add(
            actor=actor_for(carla), provider=pale.provider, lawyer_name="Ana Ruiz", region="ZZ",
            number="1",
        )  # fmt: skip
    assert "provincia de Canadá" in str(refused.value) and not BarAdmission.objects.exists()
    provider_records.bar_admission_add(actor=actor_for(carla), provider=pale.provider,
                                       lawyer_name="Ana Ruiz", region="on", number="LSO-1")  # fmt: skip
    assert BarAdmission.objects.get().region == "ON"


def test_only_the_head_writes_and_only_the_office_reads_provider_records(
    as_user, pale: Pale, alice: User, bob: User, carla: User
) -> None:
    with pytest.raises(PermissionDenied):
        provider_records.contact_add(
            actor=actor_for(alice), provider=pale.provider, name="Luz", phone="512-555-0100"
        )
    contact = provider_records.contact_add(
        actor=actor_for(carla), provider=pale.provider, name="Luz Gómez", role="Socia",
        email="luz@ruiz.example",
    )  # fmt: skip
    officer = as_user(alice)
    assert (
        "Luz Gómez · Socia"
        in officer.get(reverse("legal:provider", args=[pale.provider.pk])).content.decode()
    )
    remove = reverse("legal:contact_remove", args=[contact.pk])
    assert officer.post(remove).status_code == 403
    assert as_user(bob).post(remove).status_code == 404
    assert as_user(pale.lawyer).get(f"/api/v1/legal/providers/{pale.provider.pk}/contacts").status_code == 404  # fmt: skip
    assert ProviderContact.objects.filter(pk=contact.pk).exists()


def test_a_contact_needs_a_way_to_reach_it(as_user, pale: Pale, carla: User) -> None:
    head = as_user(carla)
    add = reverse("legal:contact_add", args=[pale.provider.pk])
    answer = head.post(add, {"contact-name": "Luz Gómez"}, follow=True).content.decode()
    assert "Indique un teléfono o un correo" in answer
    answer = head.post(add, {"contact-name": "Luz", "contact-email": "luz@"}, follow=True)
    assert "Correo electrónico" in answer.content.decode()
    assert not ProviderContact.objects.exists()


def test_bar_admissions_and_contacts_in_the_api(as_user, pale: Pale, carla: User) -> None:
    head = as_user(carla)
    base = f"/api/v1/legal/providers/{pale.provider.pk}"
    created = head.post(f"{base}/bar-admissions", {"lawyer_name": "Ana Ruiz", "region": "CA",
                        "number": "301234"}, content_type="application/json")  # fmt: skip
    assert created.status_code == 201
    admission_id = created.json()["id"]
    bad = head.post(f"{base}/bar-admissions", {"lawyer_name": "X", "region": "XX", "number": "1"},
                    content_type="application/json")  # fmt: skip
    assert bad.status_code == 422 and "provincia" in bad.json()["detail"]
    verified = head.post(f"/api/v1/legal/bar-admissions/{admission_id}/verification",
                         {"verified_on": "2026-03-02"}, content_type="application/json")  # fmt: skip
    assert verified.json()["verified_on"] == "2026-03-02"
    assert [a["number"] for a in head.get(f"{base}/bar-admissions").json()] == ["301234"]
    assert head.delete(f"/api/v1/legal/bar-admissions/{admission_id}").status_code == 204

    contact = head.post(f"{base}/contacts", {"name": "Luz Gómez", "phone": "512-555-0100"},
                        content_type="application/json")  # fmt: skip
    assert contact.status_code == 201
    assert [c["name"] for c in head.get(f"{base}/contacts").json()] == ["Luz Gómez"]
    assert head.delete(f"/api/v1/legal/provider-contacts/{contact.json()['id']}").status_code == 204


def test_a_renewal_starts_as_a_draft_with_the_fee_schedule(pale: Pale, carla: User) -> None:
    contract = pale.contract
    Fee.objects.create(contract=contract, level=ServiceLevel.ADVICE, hourly=120_00,
                       materia_id=pale.case.materia_id)  # fmt: skip
    renewal = contract_renew(actor=actor_for(carla), contract=contract,
                             starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31),
                             ceiling=60_000_00, capacity=8)  # fmt: skip
    assert renewal.status == ContractStatus.DRAFT and renewal.renews == contract
    assert [(f.level, f.hourly) for f in renewal.fees.all()] == [("advice", 120_00)]
    assert renewal.approved_total == 0
    with pytest.raises(ValidationError, match="ya tiene una renovación"):
        contract_renew(actor=actor_for(carla), contract=contract, starts_on=date(2027, 1, 1),
                       ends_on=date(2027, 6, 30), ceiling=1_00, capacity=1)  # fmt: skip
    assert Contract.objects.filter(renews=contract).count() == 1


def test_a_renewal_must_start_after_and_renew_a_contract_that_ran(pale: Pale, carla: User) -> None:
    actor = actor_for(carla)
    with pytest.raises(ValidationError, match="después del contrato"):
        contract_renew(actor=actor, contract=pale.contract, starts_on=date(2025, 12, 1),
                       ends_on=date(2026, 12, 31), ceiling=1_000_00, capacity=1)  # fmt: skip
    contract_set_status(actor=actor, contract=pale.contract, status="terminated")
    with pytest.raises(ValidationError, match="vigente o vencido"):
        contract_renew(actor=actor, contract=pale.contract, starts_on=date(2027, 1, 1),
                       ends_on=date(2027, 12, 31), ceiling=1_000_00, capacity=1)  # fmt: skip
    assert not Contract.objects.filter(renews=pale.contract).exists()


def test_a_renewal_in_force_takes_over_the_open_referrals(
    as_user, pale: Pale, alice: User, carla: User
) -> None:
    kept, revoked = send(alice, pale), send(alice, pale)
    referral_revoke(actor=actor_for(alice), referral=revoked, reason="Ya tiene abogado.")
    head = as_user(carla)
    renew = reverse("legal:contract_renew", args=[pale.contract.pk])
    prefix = f"renew-{pale.contract.pk}"
    page = head.get(reverse("legal:provider", args=[pale.provider.pk])).content.decode()
    # The form offers the next period of the same length, ceiling and capacity.
    assert f'name="{prefix}-starts_on" value="2027-01-01"' in page
    assert f'name="{prefix}-ends_on" value="2027-12-31"' in page
    assert f'name="{prefix}-ceiling" value="50000"' in page
    answer = head.post(renew, {f"{prefix}-starts_on": "2027-01-01", f"{prefix}-ends_on": "2027-12-31",
                               f"{prefix}-ceiling": "60000", f"{prefix}-capacity": "8"},
                       follow=True)  # fmt: skip
    assert "Renovación registrada como borrador" in answer.content.decode()
    renewal = Contract.objects.get(renews=pale.contract)
    assert renewal.ceiling == 60_000_00

    head.post(reverse("legal:contract_status", args=[renewal.pk]), {"status": "in_force"})
    pale.contract.refresh_from_db()
    kept.refresh_from_db()
    revoked.refresh_from_db()
    assert pale.contract.status == ContractStatus.EXPIRED
    assert kept.contract == renewal and revoked.contract == pale.contract
    assert kept.status == ReferralStatus.SENT
    # The provider's lawyer keeps the referral: its contract is in force.
    assert referral_for(actor_for(pale.lawyer), kept.pk) == kept
    listed = head.get(f"/api/v1/legal/providers/{pale.provider.pk}/contracts").json()
    assert {(c["status"], c["renews_id"]) for c in listed} == {
        ("expired", None),
        ("in_force", pale.contract.pk),
    }


def test_the_renewal_in_the_api_and_the_end_warning_it_silences(
    as_user, pale: Pale, alice: User, carla: User
) -> None:
    Contract.objects.filter(pk=pale.contract.pk).update(ends_on="2026-03-31")
    warned = as_user(alice).get(reverse("legal:referrals")).content.decode()
    assert "vence en 21 días" in warned
    created = as_user(carla).post(
        f"/api/v1/legal/contracts/{pale.contract.pk}/renewal",
        {"starts_on": "2026-04-01", "ends_on": "2027-03-31", "ceiling": 50_000_00, "capacity": 5},
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["status"] == "draft"
    assert created.json()["renews_id"] == pale.contract.pk
    quiet = as_user(alice).get(reverse("legal:referrals")).content.decode()
    assert "vence en" not in quiet
    refused = as_user(alice).post(
        f"/api/v1/legal/contracts/{pale.contract.pk}/renewal",
        {"starts_on": "2026-04-01", "ends_on": "2027-03-31", "ceiling": 1_00, "capacity": 1},
        content_type="application/json",
    )
    assert refused.status_code == 403
