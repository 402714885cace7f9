"""Referrals: ranked candidates with reasons, consent, the minimum shared, the provider's
steps, and access that ends when the referral is revoked."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from amparo.accounts.access.scopes import PALE_OPEN_TO_PROVIDER
from amparo.accounts.models import User
from amparo.cases.tests.factories import actor_for, open_case_as, person_in
from amparo.legal.candidates import candidates_for
from amparo.legal.models import OPEN_TO_PROVIDER, Referral, ReferralStatus
from amparo.legal.selectors import referral_for, referrals_for
from amparo.legal.services import (
    Consent,
    referral_answer,
    referral_conclude,
    referral_report,
    referral_revoke,
    referral_send,
    shared_fields,
)
from amparo.legal.tests.conftest import Pale

SIGNED = Consent("signed_form", "Formato CP-17 firmado el 9 de marzo")


def send(alice: User, pale: Pale, share: list[str] | None = None) -> Referral:
    return referral_send(actor=actor_for(alice), case=pale.case, provider=pale.provider,
                         consent=SIGNED, share=share or ["name", "materia"])  # fmt: skip


def test_the_rulebook_and_the_app_agree_on_what_a_provider_sees() -> None:
    assert set(PALE_OPEN_TO_PROVIDER) == {str(s) for s in OPEN_TO_PROVIDER}


def test_candidates_are_ranked_with_their_reasons(pale: Pale, alice: User) -> None:
    send(alice, pale)  # the first provider now has one open referral
    ranked = candidates_for(pale.case)
    assert [c.provider for c in ranked] == [
        pale.rival,
        pale.provider,
    ]  # rotation: less loaded first
    assert all(c.eligible for c in ranked)
    assert "atiende el condado" in ranked[0].reasons and "atiende la materia" in ranked[0].reasons


def test_a_provider_without_coverage_or_capacity_is_refused_with_the_reason(
    pale: Pale, alice: User
) -> None:
    far = person_in(pale.case.office, address_state="CA", address_county="Fresno County")
    elsewhere = open_case_as(alice, person=far, office_override_reason="Atendida en Austin")
    with pytest.raises(ValidationError, match="No atiende el condado"):
        referral_send(actor=actor_for(alice), case=elsewhere, provider=pale.provider,
                      consent=SIGNED, share=["name"])  # fmt: skip
    pale.contract.capacity = 1
    pale.contract.save()
    send(alice, pale)
    with pytest.raises(ValidationError, match="capacidad"):
        send(alice, pale)
    assert Referral.objects.count() == 1


def test_only_the_chosen_fields_are_shared(pale: Pale, alice: User) -> None:
    referral = send(alice, pale, share=["name", "summary"])
    assert shared_fields(referral) == {
        "name": "María Pérez", "summary": "Detenida en Austin; audiencia pendiente.",
    }  # fmt: skip
    assert "201555123" not in referral.shared  # stored encrypted, and not chosen anyway


def test_without_consent_only_the_head_of_office_may_refer(
    pale: Pale, alice: User, carla: User
) -> None:
    override = Consent("override", "Menor de edad sin tutor localizable")
    with pytest.raises(ValidationError, match="titular"):
        referral_send(actor=actor_for(alice), case=pale.case, provider=pale.provider,
                      consent=override, share=["name"])  # fmt: skip
    referral_send(actor=actor_for(carla), case=pale.case, provider=pale.provider,
                  consent=override, share=["name"])  # fmt: skip
    with pytest.raises(ValidationError) as error:
        referral_send(actor=actor_for(alice), case=pale.case, provider=pale.provider,
                      consent=Consent("verbal", " "), share=["name"])  # fmt: skip
    assert "consent_detail" in error.value.message_dict


def test_the_provider_answers_reports_and_concludes(pale: Pale, alice: User) -> None:
    referral = send(alice, pale)
    lawyer = actor_for(pale.lawyer)
    with pytest.raises(PermissionDenied):
        referral_answer(actor=actor_for(alice), referral=referral, accept=True)
    referral = referral_answer(actor=lawyer, referral=referral, accept=True)
    referral_report(
        actor=lawyer, referral=referral, hearing_at=datetime(2026, 4, 2, 15, tzinfo=UTC)
    )
    referral = referral_conclude(actor=lawyer, referral=referral, outcome="released_on_bond")
    assert referral.status == ReferralStatus.CONCLUDED
    with pytest.raises(ValidationError):
        referral_conclude(actor=lawyer, referral=referral, outcome="acquitted")


def test_a_lawyer_sees_only_their_providers_referrals_and_loses_them_when_revoked(
    pale: Pale, alice: User
) -> None:
    referral = send(alice, pale)
    lawyer, rival = actor_for(pale.lawyer), actor_for(pale.rival_lawyer)
    assert list(referrals_for(lawyer)) == [referral]
    assert list(referrals_for(rival)) == []
    with pytest.raises(Http404):
        referral_for(rival, referral.pk)
    with pytest.raises(PermissionDenied):
        referral_revoke(actor=lawyer, referral=referral, reason="no")
    referral_revoke(actor=actor_for(alice), referral=referral, reason="La persona contrató abogado")
    with pytest.raises(Http404):
        referral_for(lawyer, referral.pk)  # the very next request
    assert list(referrals_for(lawyer)) == []


def test_a_declined_referral_needs_a_reason_and_closes(pale: Pale, alice: User) -> None:
    referral = send(alice, pale)
    lawyer = actor_for(pale.lawyer)
    with pytest.raises(ValidationError):
        referral_answer(actor=lawyer, referral=referral, accept=False, reason="")
    referral_answer(actor=lawyer, referral=referral, accept=False, reason="Conflicto de interés")
    with pytest.raises(Http404):
        referral_for(lawyer, referral.pk)
