"""What follows a referral: the provider's two business days to answer (office time zone,
US federal holidays) with a reminder and then a reassignment request; the case's timeline
and the officer's calendar; documents both ways; the end of a contract ending access;
capital cases' dates with escalating reminders; ceiling left; the yearly report."""

import io
from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse
from openpyxl import load_workbook

from amparo.accounts.access import get_for_actor, visible
from amparo.accounts.models import User
from amparo.cases.models import Case, CaseAttachment, EventKind
from amparo.cases.services import case_add_attachment
from amparo.cases.tests.factories import actor_for
from amparo.cases.timeline import describe_event
from amparo.detention.calendar import officer_feed
from amparo.legal import capital, documents
from amparo.legal.candidates import candidates_for
from amparo.legal.deadlines import add_business_days, answer_due, reassign_due
from amparo.legal.models import CapitalDeadline, Contract, ContractDocument, ReferralDocument
from amparo.legal.reminders import send_answer_reminders
from amparo.legal.reports import report
from amparo.legal.selectors import referral_for
from amparo.legal.services import (
    contract_create,
    contract_set_status,
    provider_create,
    referral_answer,
    referral_conclude,
    referral_report,
)
from amparo.legal.tests.conftest import Pale
from amparo.legal.tests.test_referrals import send
from amparo.notifications.models import Notification

PDF = b"%PDF-1.4 Orden de la corte"


def test_two_business_days_skip_weekends_and_us_federal_holidays(pale: Pale) -> None:
    assert add_business_days(date(2026, 7, 2), 2, "US") == date(2026, 7, 7)  # 3 July observed
    assert add_business_days(date(2026, 11, 25), 2, "US") == date(2026, 11, 30)  # Thanksgiving
    office = pale.case.office  # Chicago
    friday_night = datetime(2026, 3, 7, 4, 30, tzinfo=UTC)  # 22:30 on Friday in Chicago
    # Monday and Tuesday; clocks change on Sunday 8 March, so the end is at 05:00 UTC.
    assert answer_due(friday_night, office) == datetime(2026, 3, 11, 5, 0, tzinfo=UTC)
    assert reassign_due(friday_night, office) == datetime(2026, 3, 12, 5, 0, tzinfo=UTC)


def test_an_unanswered_referral_reminds_the_provider_then_asks_the_officer_to_reassign(
    pale: Pale, alice: User, fixed_clock
) -> None:
    referral = send(alice, pale)  # Tuesday 10 March: due at the end of Thursday 12
    assert send_answer_reminders() == (0, 0)
    fixed_clock.move_to(datetime(2026, 3, 13, 4, 59, tzinfo=UTC))  # 23:59 Thursday, Chicago
    assert send_answer_reminders() == (0, 0)
    fixed_clock.move_to(datetime(2026, 3, 13, 15, 0, tzinfo=UTC))
    assert send_answer_reminders() == (1, 0)
    reminder = Notification.objects.get(kind="pale_answer_due")
    assert reminder.recipient == pale.lawyer and "María" not in reminder.subject
    fixed_clock.move_to(datetime(2026, 3, 16, 15, 0, tzinfo=UTC))  # Monday
    assert send_answer_reminders() == (0, 1)
    assert Notification.objects.get(kind="pale_reassign").recipient == alice
    assert send_answer_reminders() == (0, 0)  # each once
    referral.refresh_from_db()
    assert referral.reminded_at and referral.reassign_asked_at


def test_an_answered_referral_is_never_chased(pale: Pale, alice: User, fixed_clock) -> None:
    referral = send(alice, pale)
    referral_answer(actor=actor_for(pale.lawyer), referral=referral, accept=True)
    fixed_clock.move_to(datetime(2026, 3, 20, 15, 0, tzinfo=UTC))
    assert send_answer_reminders() == (0, 0)


def test_each_step_and_the_hearing_reach_the_case_timeline_and_the_officer_calendar(
    pale: Pale, alice: User
) -> None:
    referral = send(alice, pale)
    lawyer = actor_for(pale.lawyer)
    referral_answer(actor=lawyer, referral=referral, accept=True)
    hearing = datetime(2026, 4, 2, 14, 0, tzinfo=UTC)  # 09:00 in Chicago
    referral_report(actor=lawyer, referral=referral, hearing_at=hearing)
    referral_conclude(actor=lawyer, referral=referral, outcome="relief_granted")
    lines = [
        describe_event(e) for e in pale.case.events.filter(kind=EventKind.PALE).order_by("at", "id")
    ]
    assert lines == [
        f"PALE: canalización enviada a {pale.provider.name}.",
        f"PALE: {pale.provider.name} aceptó la canalización.",
        f"PALE: {pale.provider.name} informa una audiencia el 2 de abril de 2026 09:00.",
        f"PALE: {pale.provider.name} concluyó: Alivio migratorio otorgado.",
    ]  # fmt: skip


def test_a_reported_hearing_is_in_the_officer_calendar(pale: Pale, alice: User) -> None:
    Case.objects.filter(pk=pale.case.pk).update(assigned_to=alice)
    referral = send(alice, pale)
    lawyer = actor_for(pale.lawyer)
    referral_answer(actor=lawyer, referral=referral, accept=True)
    referral_report(
        actor=lawyer, referral=referral, hearing_at=datetime(2026, 4, 2, 14, 0, tzinfo=UTC)
    )
    feed = officer_feed(alice).decode()
    assert "SUMMARY:Audiencia (PALE\\, Despacho Ruiz & Asociados): caso" in feed
    assert "DTSTART;TZID=America/Chicago:20260402T090000" in feed
    assert "María" not in feed


def test_documents_go_both_ways_and_only_to_the_provider_of_the_referral(
    pale: Pale, alice: User, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    referral = send(alice, pale)
    upload = SimpleUploadedFile("orden.pdf", PDF, content_type="application/pdf")
    mine = documents.document_upload(actor=actor_for(pale.lawyer), referral=referral,
                                     upload=upload, kind="court_document")  # fmt: skip
    assert mine.attachment.case == pale.case  # it joins the case's documents
    private = case_add_attachment(
        case=pale.case, kind="id_document", actor=actor_for(alice),
        upload=SimpleUploadedFile("pasaporte.pdf", b"%PDF-1.4 Pasaporte", content_type="application/pdf"),
    )  # fmt: skip
    lawyer = actor_for(pale.lawyer)
    assert list(visible(lawyer, ReferralDocument.objects.all())) == [mine]
    with pytest.raises(Http404):
        get_for_actor(actor_for(pale.rival_lawyer), ReferralDocument.objects.all(), mine.pk)
    with pytest.raises(Http404):  # a case document not shared stays the office's
        get_for_actor(lawyer, CaseAttachment.objects.all(), private.pk)
    shared = documents.document_share(actor=actor_for(alice), referral=referral, attachment=private)
    assert set(visible(lawyer, ReferralDocument.objects.all())) == {mine, shared}
    with pytest.raises(ValidationError, match="ya está compartido"):
        documents.document_share(actor=actor_for(alice), referral=referral, attachment=private)


def test_the_portal_uploads_and_the_lawyer_downloads(
    as_user, pale: Pale, alice: User, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    referral = send(alice, pale)
    lawyer = as_user(pale.lawyer)
    upload = SimpleUploadedFile("orden.pdf", PDF, content_type="application/pdf")
    done = lawyer.post(reverse("legal:document_upload", args=[referral.pk]),
                       {"kind": "court_document", "file": upload})  # fmt: skip
    assert done.status_code == 302
    document = ReferralDocument.objects.get()
    page = lawyer.get(reverse("legal:portal_referral", args=[referral.pk])).content.decode()
    assert "orden.pdf" in page and "Responda a más tardar" in page
    download = lawyer.get(reverse("legal:document", args=[document.pk]))
    assert b"".join(download.streaming_content) == PDF
    rival = as_user(pale.rival_lawyer)
    assert rival.get(reverse("legal:document", args=[document.pk])).status_code == 404
    api = lawyer.get(f"/api/v1/legal/referrals/{referral.pk}/documents").json()
    assert [d["name"] for d in api] == ["orden.pdf"]


def test_ending_the_contract_ends_the_provider_access_at_the_next_request(
    pale: Pale, alice: User, carla: User
) -> None:
    referral = send(alice, pale)
    lawyer = actor_for(pale.lawyer)
    assert referral_for(lawyer, referral.pk) == referral
    contract_set_status(actor=actor_for(carla), contract=pale.contract, status="terminated")
    with pytest.raises(Http404):
        referral_for(lawyer, referral.pk)


def test_a_contract_without_ceiling_left_is_refused_with_the_reason(pale: Pale) -> None:
    Contract.objects.filter(pk=pale.contract.pk).update(approved_total=pale.contract.ceiling)
    mine = next(c for c in candidates_for(pale.case) if c.offer.provider_id == pale.provider.pk)
    assert mine.refusals == ["El contrato ya no tiene techo disponible."]
    other = next(c for c in candidates_for(pale.case) if c.offer.provider_id == pale.rival.pk)
    assert "le queda 100% del techo" in other.reasons


def test_capital_dates_remind_the_officer_then_the_head_then_headquarters(
    pale: Pale, alice: User, carla: User, adan: User, fixed_clock
) -> None:
    with pytest.raises(ValidationError, match="pena capital"):
        capital.deadline_add(actor=actor_for(alice), case=pale.case, kind="trial",
                             due_on=date(2026, 9, 1))  # fmt: skip
    Case.objects.filter(pk=pale.case.pk).update(is_capital_case=True, assigned_to=alice)
    pale.case.refresh_from_db()
    deadline = capital.deadline_add(actor=actor_for(alice), case=pale.case, kind="execution",
                                    due_on=date(2026, 7, 1), court="Texas CCA")  # fmt: skip
    assert capital.send_capital_reminders() == 0  # 113 days ahead

    def told() -> set[str]:
        return set(
            Notification.objects.filter(kind="pale_capital_deadline").values_list(
                "recipient__username", flat=True
            )
        )

    fixed_clock.move_to(datetime(2026, 4, 5, 15, 0, tzinfo=UTC))  # 87 days
    assert capital.send_capital_reminders() == 1 and told() == {"alice"}
    assert capital.send_capital_reminders() == 0
    fixed_clock.move_to(datetime(2026, 6, 26, 15, 0, tzinfo=UTC))  # 5 days: straight to level 3
    assert capital.send_capital_reminders() == 1
    assert told() == {"alice", "carla", "adan"}
    deadline.refresh_from_db()
    assert deadline.reminded_level == 3
    assert CapitalDeadline.objects.count() == 1


def test_a_capital_case_reaches_the_national_program(
    pale: Pale, alice: User, adan: User, network, areas
) -> None:
    hq = actor_for(adan)
    program = provider_create(
        actor=hq, office=network.headquarters, name="MCLAP", kind="capital",
        materias=[pale.case.subtype.materia], counties=[],
    )  # fmt: skip
    contract = contract_create(actor=hq, provider=program, office=network.headquarters,
                               starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31),
                               ceiling=100_000_00, capacity=50)  # fmt: skip
    contract_set_status(actor=hq, contract=contract, status="in_force")
    assert program.pk not in [c.offer.provider_id for c in candidates_for(pale.case)]
    Case.objects.filter(pk=pale.case.pk).update(is_capital_case=True)
    pale.case.refresh_from_db()
    ranked = candidates_for(pale.case)
    assert ranked[0].offer.provider_id == program.pk and ranked[0].eligible


def test_the_report_counts_use_matter_outcome_and_answers(
    as_user, pale: Pale, alice: User, carla: User
) -> None:
    referral = send(alice, pale)
    referral_answer(actor=actor_for(pale.lawyer), referral=referral, accept=True)
    referral_conclude(actor=actor_for(pale.lawyer), referral=referral, outcome="charges_dismissed")
    data = report(actor_for(carla), 2026)
    use = {row[1]: row for row in data.contracts}
    assert use[pale.provider.name][4] == 1 and use[pale.rival.name][4] == 0
    assert [row[2:] for row in data.by_matter] == [["Cargos retirados", 1]]
    assert data.answers[0][1:5] == [pale.provider.name, 1, 1, 0]
    head = as_user(carla)
    page = head.get(reverse("legal:report")).content.decode()
    assert "Uso de contratos" in page and "Cargos retirados" in page
    xlsx = head.get(reverse("legal:report_file", args=["xlsx"]) + "?anio=2026")
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Uso de contratos", "Por materia y resultado", "Tiempo de respuesta"]
    csv = head.get(reverse("legal:report_file", args=["csv"]) + "?anio=2026").content.decode()
    assert "Cargos retirados" in csv
    assert head.get("/api/v1/legal/report?year=2026").json()["by_matter"][0][3] == 1


def test_the_ledes_file_is_in_the_api(as_user, pale: Pale, alice: User, carla: User) -> None:
    response = as_user(carla).get(f"/api/v1/legal/contracts/{pale.contract.pk}/ledes?month=2026-03")
    assert response.status_code == 200 and response.content.startswith(b"LEDES1998B[]")
    bad = as_user(carla).get(f"/api/v1/legal/contracts/{pale.contract.pk}/ledes?month=2026-13")
    assert bad.status_code == 422


def test_capital_page_and_api(as_user, pale: Pale, alice: User) -> None:
    Case.objects.filter(pk=pale.case.pk).update(is_capital_case=True)
    officer = as_user(alice)
    added = officer.post(reverse("legal:capital"), {"case": pale.case.pk, "kind": "trial",
                                                      "due_on": "2026-05-04", "court": "Travis County"})  # fmt: skip
    assert added.status_code == 302
    page = officer.get(reverse("legal:capital")).content.decode()
    assert pale.case.folio in page and "Juicio" in page
    listed = officer.get("/api/v1/legal/capital-deadlines").json()
    assert [d["due_on"] for d in listed] == ["2026-05-04"]
    refused = officer.post("/api/v1/legal/capital-deadlines", {"case_id": pale.case.pk,
                           "kind": "nonsense", "due_on": "2026-05-04"}, content_type="application/json")  # fmt: skip
    assert refused.status_code == 422 and CapitalDeadline.objects.count() == 1


def test_the_ranking_reads_each_provider_history(pale: Pale, alice: User) -> None:
    referral = send(alice, pale)
    referral_answer(actor=actor_for(pale.lawyer), referral=referral, accept=True)
    referral_conclude(actor=actor_for(pale.lawyer), referral=referral, outcome="relief_granted")
    mine = next(c for c in candidates_for(pale.case) if c.offer.provider_id == pale.provider.pk)
    assert "aceptó 1 de 1" in mine.reasons and "responde en menos de un día" in mine.reasons
    assert "1 de 1 concluidas con resultado favorable" in mine.reasons
    other = next(c for c in candidates_for(pale.case) if c.offer.provider_id == pale.rival.pk)
    assert not any("aceptó" in reason for reason in other.reasons)


def test_the_head_of_office_keeps_a_contract_documents(
    as_user, pale: Pale, alice: User, carla: User, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    head = as_user(carla)
    url = reverse("legal:contract_document_add", args=[pale.contract.pk])
    signed = SimpleUploadedFile(
        "contrato.pdf", b"%PDF-1.4 Contrato firmado", content_type="application/pdf"
    )
    assert head.post(url, {"title": "Contrato firmado", "file": signed}).status_code == 302
    document = ContractDocument.objects.get()
    assert document.title == "Contrato firmado" and document.storage_path.startswith("contracts/")
    page = head.get(reverse("legal:provider", args=[pale.provider.pk])).content.decode()
    assert "Contrato firmado" in page
    download = head.get(reverse("legal:contract_document", args=[document.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 Contrato firmado"
    bad = SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    refused = head.post(url, {"title": "Otro", "file": bad}, follow=True).content.decode()
    assert "Tipo de archivo no permitido" in refused and ContractDocument.objects.count() == 1
    officer = as_user(alice)  # reads it, may not add to it
    assert officer.get(reverse("legal:contract_document", args=[document.pk])).status_code == 200
    again = SimpleUploadedFile("otro.pdf", b"%PDF-1.4 Otro", content_type="application/pdf")
    assert officer.post(url, {"title": "Otro", "file": again}).status_code == 403
    lawyer = as_user(pale.lawyer)
    assert lawyer.get(reverse("legal:contract_document", args=[document.pk])).status_code == 404
    listed = head.get(f"/api/v1/legal/contracts/{pale.contract.pk}/documents").json()
    assert [d["title"] for d in listed] == ["Contrato firmado"]


def test_the_orphan_sweep_keeps_contract_documents_and_removes_lost_files(
    as_user, pale: Pale, carla: User, settings, tmp_path
) -> None:
    import os
    import time

    from django.core.management import call_command

    from amparo.cases import attachment_storage

    settings.MEDIA_ROOT = tmp_path
    url = reverse("legal:contract_document_add", args=[pale.contract.pk])
    signed = SimpleUploadedFile("contrato.pdf", b"%PDF-1.4 Firmado", content_type="application/pdf")
    as_user(carla).post(url, {"title": "Contrato firmado", "file": signed})
    kept = tmp_path / ContractDocument.objects.get().storage_path
    folder = f"contracts/{pale.contract.pk}"
    lost = tmp_path / attachment_storage.store_in(io.BytesIO(b"lost"), folder=folder)
    two_days_ago = time.time() - 48 * 3600  # the process's clock, as the sweep's test says
    for path in (kept, lost):
        os.utime(path, (two_days_ago, two_days_ago))

    call_command("remove_orphan_attachments", stdout=io.StringIO())
    assert kept.exists() and not lost.exists()
