"""Referrals: ranked candidates with reasons, consent, the minimum shared, the provider's
steps, and access that ends when the referral is revoked."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from amparo.accounts.access.scopes import PALE_OPEN_TO_PROVIDER
from amparo.accounts.models import User
from amparo.audit.models import AccessRecord
from amparo.cases.tests.factories import actor_for, open_case_as, person_in
from amparo.detention.models import Facility, FollowUp
from amparo.detention.services import detention_record
from amparo.detention.visits import SeenEntry, visit_log, visit_plan
from amparo.legal.candidates import OFFERS_SQL, candidates_for
from amparo.legal.models import (
    OPEN_STATUSES,
    OPEN_TO_PROVIDER,
    ContractStatus,
    ProviderKind,
    Referral,
    ReferralStatus,
)
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


def test_the_ranking_statement_names_the_models_choices() -> None:
    opened = ", ".join(f"'{status}'" for status in OPEN_STATUSES)
    assert f"r.status IN ({opened})" in OFFERS_SQL
    assert f"c.status = '{ContractStatus.IN_FORCE}'" in OFFERS_SQL
    assert OFFERS_SQL.count(f"p.kind = '{ProviderKind.CAPITAL}'") == 1
    assert OFFERS_SQL.count(f"p.kind <> '{ProviderKind.CAPITAL}'") == 1


def test_candidates_are_ranked_with_their_reasons(pale: Pale, alice: User) -> None:
    send(alice, pale)  # the first provider now has one open referral
    ranked = candidates_for(pale.case)
    assert [c.offer.provider_id for c in ranked] == [
        pale.rival.pk,
        pale.provider.pk,
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


def test_a_referral_meets_the_wish_for_a_lawyer_recorded_on_a_visit(
    pale: Pale, alice: User
) -> None:
    actor = actor_for(alice)
    facility = Facility.objects.create(name="T DON HUTTO", kind="ice", address="1001 Welch St",
                                       city="Taylor", state="TX", zip_code="76574",
                                       office=actor.office)  # fmt: skip
    detention = detention_record(actor=actor, case=pale.case, facility=facility, authority="ice",
                                 detained_on=date(2026, 2, 1))  # fmt: skip
    visit = visit_plan(actor=actor, office=actor.office, facility=facility,
                       planned_on=date(2026, 3, 9), officers=[alice])  # fmt: skip
    visit_log(actor=actor, visit=visit, done_on=date(2026, 3, 9), entries=[
        SeenEntry(detention=detention, checklist={"wants_pale_referral": True,
                                                  "wants_family_contact": True}),
    ])  # fmt: skip
    send(alice, pale)
    assert dict(FollowUp.objects.values_list("kind", "done_at")) == {
        "pale_referral": datetime(2026, 3, 10, 16, 0, tzinfo=UTC),  # met by the referral
        "family_contact": None,
    }
    assert AccessRecord.objects.filter(target_type="detention.followup", reason="met").count() == 1


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
