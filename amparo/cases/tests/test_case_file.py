"""The printable case file: the case's data, notification, timeline and attachments list in
a PDF, with who printed it and when on every page, scoped and audited."""

import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from amparo.accounts.models import User
from amparo.audit.models import AccessRecord, Action
from amparo.cases.case_file import case_file
from amparo.cases.services.cases import case_add_note, case_record_notification
from amparo.cases.tests.factories import actor_for, open_case_as

PRINTED_AT = datetime(2026, 1, 15, 3, 30, tzinfo=UTC)  # 14 January 21:30 in Texas (CST)


@pytest.fixture(autouse=True)
def in_spanish() -> Iterator[None]:
    # Outside a request the active language is whatever the thread last used.
    with translation.override("es-mx"):
        yield


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_case_file_has_the_case_its_notification_and_timeline(alice: User) -> None:
    case = open_case_as(alice, summary="Detenida en Austin al salir del trabajo.")
    actor = actor_for(alice)
    case_record_notification(
        case=case, agency="ICE Austin", arrested_at=PRINTED_AT - timedelta(days=5),
        learned_at=PRINTED_AT - timedelta(days=1), channel="phone", actor=actor,
    )  # fmt: skip
    case_add_note(case=case, text="Se habló con la familia.", actor=actor)

    file = case_file(actor, case, now=PRINTED_AT)

    assert file.pdf.startswith(b"%PDF")
    assert file.filename == f"expediente-{case.folio}.pdf"
    text = " ".join(pages_text(file.pdf))
    for expected in (
        case.folio,
        case.beneficiary.full_name,
        "Detenida en Austin al salir del trabajo.",
        "ICE Austin",
        "más de 72 horas",  # four days between arrest and notice
        "Se habló con la familia.",
        "Sin documentos.",
    ):
        assert expected in text, expected


def test_every_page_says_who_printed_it_and_when_in_local_time(alice: User) -> None:
    case = open_case_as(alice)
    for number in range(60):  # a long timeline: several pages
        case_add_note(case=case, text=f"Nota de seguimiento {number}.", actor=actor_for(alice))

    pages = pages_text(case_file(actor_for(alice), case, now=PRINTED_AT).pdf)

    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        assert f"Impreso por {alice.get_full_name()} el 2026-01-14 21:30 CST" in text
        assert f"Página {number} de {len(pages)}" in text


def test_printing_is_an_audited_export_and_outsiders_get_404(
    as_user, alice: User, bob: User
) -> None:
    case = open_case_as(alice)

    response = as_user(alice).get(reverse("cases:case_file", args=[case.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    record = AccessRecord.objects.get(action=Action.EXPORT, target_id=str(case.pk))
    assert (record.username, record.reason) == ("alice", "case_file_pdf")
    assert as_user(bob).get(reverse("cases:case_file", args=[case.pk])).status_code == 404
    api = as_user(bob).get(f"/api/v1/cases/{case.pk}/file.pdf")
    assert api.status_code == 404
