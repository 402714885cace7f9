"""The PALE pages and API as their users walk them: the officer refers from the case with
consent and a minimal field set; the provider's lawyer sees only those fields, accepts,
records a hearing and an outcome; another provider's lawyer sees nothing."""

from django.urls import reverse

from amparo.accounts.models import User
from amparo.legal.models import Contract, Referral, ReferralStatus, ReferralUpdate
from amparo.legal.tests.conftest import Pale

JSON = "application/json"


def test_refer_from_the_case_and_answer_in_the_portal(as_user, pale: Pale, alice: User) -> None:
    officer = as_user(alice)
    assert (
        "Canalizar al PALE"
        in officer.get(reverse("cases:detail", args=[pale.case.pk])).content.decode()
    )
    url = reverse("legal:referral_create") + f"?case={pale.case.pk}"
    page = officer.get(url).content.decode()
    assert "Despacho Ruiz &amp; Asociados" in page and "atiende el condado" in page
    # The ranked list is the choice: one radio per eligible candidate, kept on an error.
    radio = f'<input type="radio" name="provider" value="{pale.provider.pk}"'
    assert page.count('type="radio" name="provider"') == 2 and f"{radio}>" in page
    unchosen = officer.post(url, {"share": ["name"], "consent": "verbal", "consent_detail": "T"})
    assert unchosen.status_code == 400 and 'id="id_provider_error"' in unchosen.content.decode()
    kept = officer.post(url, {"provider": pale.provider.pk, "share": ["name"]})
    assert kept.status_code == 400 and f"{radio} checked>" in kept.content.decode()
    sent = officer.post(url, {"provider": pale.provider.pk, "share": ["name", "materia"],
                              "consent": "verbal", "consent_detail": "Testigo: cónsul adscrito"})  # fmt: skip
    assert sent.status_code == 302, sent.content.decode()[:2000]
    referral = Referral.objects.get()

    lawyer = as_user(pale.lawyer)
    assert lawyer.get(reverse("legal:referrals")).status_code == 302  # to the portal
    portal = lawyer.get(reverse("legal:portal")).content.decode()
    assert "María Pérez" in portal
    detail = lawyer.get(reverse("legal:portal_referral", args=[referral.pk])).content.decode()
    assert 'data-field="name"' in detail and 'data-field="a_number"' not in detail
    assert pale.case.folio not in detail and "201555123" not in detail
    url = reverse("legal:portal_referral", args=[referral.pk])
    assert lawyer.post(url, {"step": "answer", "accept": "yes"}).status_code == 302
    assert lawyer.post(url, {"step": "report", "hearing_at": "2026-04-02T09:00"}).status_code == 302
    assert lawyer.post(url, {"step": "conclude", "outcome": "released_on_bond"}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CONCLUDED
    hearing = ReferralUpdate.objects.get().hearing_at
    assert (
        hearing is not None and hearing.isoformat() == "2026-04-02T14:00:00+00:00"
    )  # Chicago time

    rival = as_user(pale.rival_lawyer)
    assert rival.get(reverse("legal:portal_referral", args=[referral.pk])).status_code == 404
    assert "María" not in rival.get(reverse("legal:portal")).content.decode()


def test_the_api_refers_and_the_provider_answers(as_user, pale: Pale, alice: User) -> None:
    officer, lawyer = as_user(alice), as_user(pale.lawyer)
    ranked = officer.get(f"/api/v1/legal/cases/{pale.case.pk}/candidates").json()
    assert {c["provider_name"] for c in ranked} == {pale.provider.name, pale.rival.name}
    sent = officer.post("/api/v1/legal/referrals", {
        "case_id": pale.case.pk, "provider_id": pale.provider.pk, "consent": "signed_form",
        "consent_detail": "CP-17", "share": ["name"],
    }, content_type=JSON)  # fmt: skip
    assert sent.status_code == 201, sent.content
    referral_id = sent.json()["id"]
    assert sent.json()["case_folio"] == pale.case.folio
    seen = lawyer.get(f"/api/v1/legal/referrals/{referral_id}").json()
    assert seen["shared"] == {"name": "María Pérez"} and seen["case_folio"] is None
    answered = lawyer.post(
        f"/api/v1/legal/referrals/{referral_id}/answer", {"accept": True}, content_type=JSON
    )
    assert answered.json()["status"] == "accepted"
    revoked = officer.post(f"/api/v1/legal/referrals/{referral_id}/revocation",
                           {"reason": "Contrató abogado particular"}, content_type=JSON)  # fmt: skip
    assert revoked.json()["status"] == "revoked"
    assert lawyer.get(f"/api/v1/legal/referrals/{referral_id}").status_code == 404
    unknown = officer.post("/api/v1/legal/referrals", {
        "case_id": pale.case.pk, "provider_id": 999_999, "consent": "signed_form",
        "consent_detail": "CP-17", "share": ["name"],
    }, content_type=JSON)  # fmt: skip
    assert unknown.status_code == 422


def test_the_lawyer_bills_in_the_portal_and_the_office_approves(
    as_user, pale: Pale, alice: User, carla: User
) -> None:
    head = as_user(carla)
    contract_page = reverse("legal:fee_set", args=[pale.contract.pk])
    materia = pale.case.subtype.materia
    assert (
        head.post(
            contract_page, {"level": "advice", "materia": materia.pk, "hourly": "120.00"}
        ).status_code
        == 302
    )
    officer, lawyer = as_user(alice), as_user(pale.lawyer)
    officer.post(reverse("legal:referral_create") + f"?case={pale.case.pk}", {
        "provider": pale.provider.pk, "share": ["name"], "consent": "signed_form", "consent_detail": "CP-1",
    })  # fmt: skip
    referral = Referral.objects.get()
    portal = reverse("legal:portal_referral", args=[referral.pk])
    lawyer.post(portal, {"step": "answer", "accept": "yes"})
    billed = lawyer.post(portal, {"step": "invoice", "month": "2026-03", "level": "advice", "hours": "2",
                                  "description": "Entrevista y escrito"})  # fmt: skip
    assert billed.status_code == 302, billed.content.decode()[:2000]
    too_much = lawyer.post(portal, {"step": "invoice", "month": "2026-03", "level": "advice", "hours": "2",
                                    "amount": "500.00", "description": "Otra"})  # fmt: skip
    assert too_much.status_code == 400 and "tarifa" in too_much.content.decode()
    line = referral.invoice_lines.get()
    assert line.amount == 240_00
    decided = officer.post(reverse("legal:invoice_decide", args=[line.pk]), {"approve": "yes"})
    assert decided.status_code == 302
    line.refresh_from_db()
    assert line.status == "approved"
    ledes = head.get(reverse("legal:contract_ledes", args=[pale.contract.pk]), {"mes": "2026-03"})
    assert ledes.content.decode().startswith("LEDES1998B[]") and "240.00" in ledes.content.decode()


def test_the_public_directory_lists_providers_and_no_one_else(
    client, pale: Pale, alice: User
) -> None:
    page = client.get("/asesoria-legal/").content.decode()
    assert "Despacho Ruiz &amp; Asociados" in page and "María" not in page
    data = client.get("/asesoria-legal/directorio.json", {"consulado": "TA"}).json()
    assert {org["name"] for org in data} == {pale.provider.name, pale.rival.name}
    service = data[0]["services"][0]
    assert service["status"] == "active" and service["service_areas"] == [
        {"name": "Travis County, TX"}
    ]
    assert client.get("/asesoria-legal/directorio.json", {"consulado": "TB"}).json() == []


def test_the_office_is_warned_near_the_ceiling_and_the_end(
    as_user, pale: Pale, alice: User
) -> None:
    Contract.objects.filter(pk=pale.contract.pk).update(
        approved_total=41_000_00, ends_on="2026-03-31"
    )
    page = as_user(alice).get(reverse("legal:referrals")).content.decode()
    assert "82% del techo aprobado" in page and "vence en 21 días" in page


def test_the_portal_pages_by_fifty_newest_first_and_counts_them_all(
    as_user, pale: Pale, alice: User
) -> None:
    from datetime import timedelta

    from amparo.legal.tests.test_referrals import send

    first = send(alice, pale)
    Referral.objects.bulk_create(
        Referral(case=first.case, office=first.office, provider=first.provider,
                 contract=first.contract, shared=first.shared, consent=first.consent,
                 sent_by=first.sent_by, sent_at=first.sent_at - timedelta(minutes=n))
        for n in range(1, 52)
    )  # fmt: skip
    lawyer = as_user(pale.lawyer)
    page_one = lawyer.get(reverse("legal:portal")).content.decode()
    page_two = lawyer.get(reverse("legal:portal"), {"pagina": 2}).content.decode()
    assert page_one.count("<tr><td>") == 50 and page_two.count("<tr><td>") == 2
    assert f"n.º {first.pk}<" in page_one and f"n.º {first.pk}<" not in page_two
    listed = lawyer.get("/api/v1/legal/referrals", {"limit": 50, "offset": 50}).json()
    assert listed["count"] == 52 and len(listed["items"]) == 2
    assert listed["items"][-1]["sent_at"] < listed["items"][0]["sent_at"]


def test_the_portal_list_reads_its_first_page_and_count_in_one_statement(
    pale: Pale, alice: User, django_assert_num_queries
) -> None:
    from amparo.cases.tests.factories import actor_for
    from amparo.legal.selectors import PortalList
    from amparo.legal.tests.test_referrals import send

    lawyer = actor_for(pale.lawyer)
    empty = PortalList(lawyer)
    with django_assert_num_queries(1):
        assert empty.count() == 0 and empty[0:50] == []
    sent = [send(alice, pale), send(alice, pale)]
    listed = PortalList(lawyer)
    with django_assert_num_queries(1):  # Django's paginator: the count, then the first page
        assert listed.count() == 2
        assert [row.pk for row in listed[0:2]] == [sent[1].pk, sent[0].pk]
    past_the_end = PortalList(lawyer)
    with django_assert_num_queries(2):  # ninja's: the page, then (none on it) the count
        assert past_the_end[50:100] == [] and past_the_end.count() == 2


def test_the_portal_list_of_someone_who_may_read_no_referral_is_empty(
    pale: Pale, alice: User, aurora: User
) -> None:
    from amparo.cases.tests.factories import actor_for
    from amparo.legal.selectors import PortalList
    from amparo.legal.tests.test_referrals import send

    send(alice, pale)
    nothing = PortalList(actor_for(aurora))  # the auditor: the rulebook grants no referral
    assert nothing.count() == 0 and nothing[0:50] == []
