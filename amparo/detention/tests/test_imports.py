"""Detentions from CSV: every line checked, errors with their line number, all or nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from amparo.accounts.models import User
from amparo.cases.tests.factories import actor_for, open_case_as
from amparo.detention.imports import COLUMNS, detentions_import
from amparo.detention.models import Detention, Facility

HEADER = ",".join(COLUMNS) + "\n"


def test_a_file_of_detentions_is_recorded(facilities: dict[str, Facility], alice: User) -> None:
    first, second = open_case_as(alice), open_case_as(alice)
    content = HEADER + (
        f"{first.folio},T Don Hutto Residential Center,ice,2026-02-01,,2026-03-20 09:30\n"
        f"{second.folio.lower()},FRESNO COUNTY JAIL,police,,Conducir sin licencia,\n"
    )
    result = detentions_import(actor=actor_for(alice), content=content.encode())
    assert (result.created, result.errors) == (2, [])
    hearing = Detention.objects.get(case=first).next_hearing_at
    assert hearing is not None and hearing.isoformat() == "2026-03-20T14:30:00+00:00"  # Chicago


def test_an_unknown_facility_imports_nothing_and_says_which_line(
    facilities: dict[str, Facility], alice: User, bob: User
) -> None:
    mine, theirs = open_case_as(alice), open_case_as(bob)
    content = HEADER + (
        f"{mine.folio},T DON HUTTO RESIDENTIAL CENTER,ice,2026-02-01,,\n"
        f"{mine.folio},CENTRO QUE NO EXISTE,ice,,,\n"
        f"{theirs.folio},FRESNO COUNTY JAIL,ice,,,\n"
        f"{mine.folio},FRESNO COUNTY JAIL,ice,2026-03-11,,\n"
    )
    result = detentions_import(actor=actor_for(alice), content=content.encode())
    assert [(e.line, e.message.split(":")[0]) for e in result.errors] == [
        (3, "centro desconocido"),
        (4, f"no hay un caso de su representación con el folio {theirs.folio}"),
        (5, "la fecha de detención está en el futuro"),
    ]
    assert not Detention.objects.exists()


def test_the_import_page_shows_the_lines_to_correct(
    as_user, facilities: dict[str, Facility], alice: User
) -> None:
    content = HEADER + "XYZ-2026-000001,CENTRO QUE NO EXISTE,ice,,,\n"
    page = as_user(alice).post(
        reverse("detention:detention_import"),
        {"file": SimpleUploadedFile("detenciones.csv", content.encode(), "text/csv")},
    )
    assert page.status_code == 400
    assert "Línea 2: centro desconocido: CENTRO QUE NO EXISTE" in page.content.decode()
