"""Exporting the filtered case list: scope, formats, audit and the analyst's reason."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from amparo.audit.models import AccessRecord, Action
from amparo.cases.tests.factories import actor_for, open_case_as, person_in

API = "/api/v1/cases"


def csv_rows(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def test_the_csv_export_has_the_columns_and_only_the_officers_office(  # type: ignore[no-untyped-def]
    as_user, alice, bob
) -> None:
    mine = open_case_as(alice, flags={"is_detained": True})
    theirs = open_case_as(bob)
    response = as_user(alice).get(reverse("cases:export"), {"export_format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    header, *rows = csv_rows(response)
    assert header[0] == "Folio" and header[-1] == "Persona beneficiaria"
    assert [row[0] for row in rows] == [mine.folio]
    assert rows[0][1] == "TA"
    assert rows[0][7] == "Persona detenida"
    assert rows[0][-1] == mine.beneficiary.full_name
    assert theirs.folio not in str(rows)


def test_bobs_export_has_none_of_alices_cases(as_user, alice, bob) -> None:  # type: ignore[no-untyped-def]
    alices = [open_case_as(alice) for _ in range(3)]
    bobs = open_case_as(bob)
    client = as_user(bob)
    _, *rows = csv_rows(client.get(reverse("cases:export"), {"export_format": "csv"}))
    assert [row[0] for row in rows] == [bobs.folio]
    api = client.get(f"{API}/export", {"format": "csv"})
    _, *api_rows = csv_rows(api)
    assert {row[0] for row in api_rows}.isdisjoint({case.folio for case in alices})


def test_the_export_follows_the_list_filters(as_user, alice) -> None:  # type: ignore[no-untyped-def]
    minor = open_case_as(alice, flags={"is_minor": True})
    open_case_as(alice)
    response = as_user(alice).get(
        reverse("cases:export"), {"export_format": "csv", "flags": "is_minor"}
    )
    _, *rows = csv_rows(response)
    assert [row[0] for row in rows] == [minor.folio]
    record = AccessRecord.objects.get(user=alice, action=Action.EXPORT)
    assert "flags=is_minor" in record.reason and "csv" in record.reason


def test_the_xlsx_export_opens_with_the_same_rows(as_user, alice) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    response = as_user(alice).get(reverse("cases:export"), {"export_format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0][0] == "Folio"
    assert rows[1][0] == case.folio
    assert rows[1][-1] == case.beneficiary.full_name


def test_cells_that_would_run_as_formulas_are_defused(as_user, alice) -> None:  # type: ignore[no-untyped-def]
    person = person_in(actor_for(alice).office, given_names="=HYPERLINK(x)")
    open_case_as(alice, person=person)
    response = as_user(alice).get(reverse("cases:export"), {"export_format": "csv"})
    _, row = csv_rows(response)
    assert row[-1].startswith("'=")
    response = as_user(alice).get(reverse("cases:export"), {"export_format": "xlsx"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.active.cell(row=2, column=12).data_type == "s"  # type: ignore[union-attr]


def test_an_analyst_export_without_a_reason_is_refused(as_user, alice, ana) -> None:  # type: ignore[no-untyped-def]
    open_case_as(alice)
    client = as_user(ana)
    response = client.get(reverse("cases:export"), {"export_format": "csv", "status": "open"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "motivo" in page
    # The analyst stays on the filtered list, the export panel open on what is missing.
    assert '<details class="case-export" open>' in page and response.context["page"] is not None
    assert 'name="status" value="open"' in page
    api = client.get(f"{API}/export", {"format": "csv", "reason": "   "})
    assert api.status_code == 422
    assert "motivo" in api.json()["detail"]
    assert not AccessRecord.objects.filter(action=Action.EXPORT).exists()


def test_an_analyst_export_with_a_reason_is_audited_with_it(as_user, alice, bob, ana) -> None:  # type: ignore[no-untyped-def]
    open_case_as(alice)
    open_case_as(bob)
    response = as_user(ana).get(
        reverse("cases:export"),
        {"export_format": "csv", "reason": "Informe trimestral a la DGPME", "status": "open"},
    )
    assert response.status_code == 200
    assert len(csv_rows(response)) == 3  # analysts read every office
    record = AccessRecord.objects.get(user=ana, action=Action.EXPORT)
    assert record.reason.startswith("Informe trimestral a la DGPME")
    assert "status=open" in record.reason


def test_an_officer_needs_no_reason_and_a_bad_format_is_refused(as_user, alice) -> None:  # type: ignore[no-untyped-def]
    client = as_user(alice)
    assert client.get(reverse("cases:export"), {"export_format": "csv"}).status_code == 200
    assert client.get(reverse("cases:export"), {"export_format": "pdf"}).status_code == 400
    response = client.get(f"{API}/export", {"format": "pdf"})
    assert response.status_code == 422
    assert response.json()["detail"]
