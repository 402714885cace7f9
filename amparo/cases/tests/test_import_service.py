"""Import of cases from CSV: dry run, all-or-nothing real run, re-imports, people reuse,
scope. Files are built in memory with the same columns as docs/import-format.md."""

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from amparo.accounts.models import User
from amparo.audit.models import AccessRecord
from amparo.cases.imports.columns import COLUMN_NAMES
from amparo.cases.imports.services import ImportReport, cases_import
from amparo.cases.imports.synthetic import write_synthetic_csv
from amparo.cases.models import Case, CaseEvent, CaseStatus, EventKind, FolioCounter
from amparo.cases.tests.factories import actor_for, person_in
from amparo.core.crypto import blind_index
from amparo.network.seed import load_network_seed
from amparo.network.selectors import invalidate_jurisdiction
from amparo.people.models import Person

CURP = "HEGM850101MJCRRR04"


def row(**values: str) -> dict[str, str]:
    base = {
        "representacion": "TA",
        "fecha_apertura": "2025-03-10",
        "canal": "presencial",
        "materia": "MIGRATORIO",
        "subtipo": "DETENCION_DEPORTACION",
        "nombres": "María",
        "primer_apellido": "Hernández",
        "segundo_apellido": "García",
    }
    base.update(values)
    return base


def csv_bytes(*rows: dict[str, str], bom: bool = False) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMN_NAMES)
    writer.writeheader()
    for values in rows:
        writer.writerow(values)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode()


def run(user: User, data: bytes, *, dry_run: bool = False, **kwargs: Any) -> ImportReport:
    return cases_import(
        actor=actor_for(user),
        source=io.BytesIO(data),
        file_name="casos.csv",
        dry_run=dry_run,
        **kwargs,
    )


def messages(report: ImportReport) -> list[tuple[int, str, str]]:
    return [(e.line, e.column, e.message) for e in report.errors]


def test_a_valid_file_writes_cases_people_folios_and_events(alice: User) -> None:
    data = csv_bytes(
        row(referencia_externa="R1", curp=CURP, numero_a="A012-345-678", telefono="(213) 555-0123"),
        row(
            referencia_externa="R2",
            nombres="Juan",
            estatus="concluido",
            motivo_cierre="favorable",
            fecha_cierre="2025-04-01",
            indicadores="detenido;vulnerable",
        ),
        bom=True,
    )
    report = run(alice, data)
    assert report.ok, messages(report)
    assert report.written and report.cases == 2 and report.new_people == 2
    cases = list(Case.objects.order_by("folio"))
    assert [c.folio for c in cases] == ["TA-2025-000001", "TA-2025-000002"]
    assert FolioCounter.objects.get(office__code="TA", year=2025).last_value == 2
    person = Person.objects.get(curp=CURP)
    assert person.a_number == "012345678" and person.phone == "+12135550123"
    assert person.a_number_index == blind_index("012345678", "digits")
    with connection.cursor() as cursor:
        cursor.execute("SELECT a_number, phone FROM people_person WHERE id = %s", [person.pk])
        stored = cursor.fetchone()
    assert "012345678" not in stored[0] and "2135550123" not in stored[1]
    closed = Case.objects.get(status=CaseStatus.CONCLUDED)
    assert closed.is_detained and closed.is_vulnerable and closed.closure_reason == "favorable"
    assert CaseEvent.objects.filter(kind=EventKind.OPENED).count() == 2
    assert CaseEvent.objects.filter(kind=EventKind.STATUS_CHANGED, case=closed).count() == 1
    record = AccessRecord.objects.get(target_type="cases.import")
    assert record.target_id == report.batch and "2 casos" in record.reason


def test_synthetic_file_of_2000_rows_imports(alice: User) -> None:
    buffer = io.StringIO()
    write_synthetic_csv(buffer, 2000, office_codes=["TA"])
    report = run(alice, buffer.getvalue().encode())
    assert report.ok, messages(report)[:5]
    assert Case.objects.count() == 2000
    assert 1900 < report.new_people < 2000  # one row in twenty repeats a person
    assert Person.objects.count() == report.new_people
    assert len({c.folio for c in Case.objects.all()}) == 2000


def test_a_dry_run_reports_and_writes_nothing(alice: User) -> None:
    report = run(alice, csv_bytes(row(), row(nombres="Juan")), dry_run=True)
    assert report.ok and report.cases == 2 and report.new_people == 2 and not report.written
    assert not Case.objects.exists() and not Person.objects.exists()
    assert not FolioCounter.objects.exists()
    assert not AccessRecord.objects.filter(target_type="cases.import").exists()


def test_one_bad_row_among_good_ones_writes_nothing(alice: User) -> None:
    data = csv_bytes(row(), row(subtipo="NO_EXISTE"), row(nombres="Juan"))
    for dry_run in (True, False):
        report = run(alice, data, dry_run=dry_run)
        assert [(e.line, e.column) for e in report.errors] == [(3, "subtipo")]
        assert not report.written
    assert not Case.objects.exists() and not Person.objects.exists()
    assert not FolioCounter.objects.exists()


def test_a_reimport_skips_rows_whose_reference_was_imported_into_that_office(
    alice: User, adan: User, network: Any
) -> None:
    first = run(alice, csv_bytes(row(referencia_externa="X-1")))
    assert first.written
    data = csv_bytes(
        row(referencia_externa="X-1"),
        row(referencia_externa="X-2"),
        row(referencia_externa="X-1", representacion="TB"),  # same reference, other office
    )
    dry = run(adan, data, dry_run=True)
    real = run(adan, data)
    for report in (dry, real):
        assert report.ok, messages(report)
        assert [(s.line, s.reference) for s in report.skipped] == [(2, "X-1")]
        assert report.cases == 2
    assert Case.objects.count() == 3
    assert Case.objects.filter(office=network.consulate_b).count() == 1


def test_a_reference_repeated_in_the_file_is_an_error(alice: User) -> None:
    report = run(alice, csv_bytes(row(referencia_externa="R"), row(referencia_externa="R")))
    assert messages(report) == [
        (
            3,
            "referencia_externa",
            "La referencia externa se repite en el archivo (ya aparece en la línea 2).",
        )
    ]


def test_an_existing_person_of_the_office_is_reused_by_curp_or_a_number(
    alice: User, network: Any
) -> None:
    by_curp = person_in(network.consulate_a, curp=CURP)
    by_a_number = person_in(network.consulate_a, a_number="87654321")
    data = csv_bytes(
        row(curp=CURP, nombres="Otra forma del nombre"),
        row(numero_a="A-087-654-321"),
        row(curp=CURP),
    )
    report = run(alice, data)
    assert report.ok, messages(report)
    assert report.new_people == 0 and report.reused_people == 2
    assert Person.objects.count() == 2
    assert Case.objects.filter(beneficiary=by_curp).count() == 2
    assert Case.objects.filter(beneficiary=by_a_number).count() == 1


def test_a_person_of_another_office_is_not_reused_and_a_shared_curp_is_refused(
    alice: User, network: Any
) -> None:
    person_in(network.consulate_b, curp=CURP, a_number="87654321")
    report = run(alice, csv_bytes(row(numero_a="87654321"), row(curp=CURP)))
    assert [(e.line, e.column) for e in report.errors] == [(3, "curp")]
    assert not Case.objects.exists()
    report = run(alice, csv_bytes(row(numero_a="87654321")))
    assert report.written and report.new_people == 1


def test_rows_repeating_a_new_person_create_it_once(alice: User) -> None:
    report = run(
        alice,
        csv_bytes(
            row(curp=CURP), row(curp=CURP), row(numero_a="12345678"), row(numero_a="012345678")
        ),
    )
    assert report.written and report.new_people == 2 and report.cases == 4


def test_bob_cannot_import_into_alices_office(bob: User, alice: User, network: Any) -> None:
    report = run(bob, csv_bytes(row(), row(representacion="TB")))
    assert messages(report) == [
        (2, "representacion", "No puede importar casos en la representación TA.")
    ]
    assert not report.written and not Case.objects.exists()
    report = run(bob, csv_bytes(row(representacion="")), office_code="TA")
    assert report.errors[0].line == 0 and not Case.objects.exists()


def test_the_office_option_applies_to_rows_without_one(alice: User, adan: User) -> None:
    report = run(
        adan, csv_bytes(row(representacion=""), row(representacion="TB")), office_code="ta"
    )
    assert messages(report) == [
        (3, "representacion", "La fila es de TB, pero el archivo se importa en TA.")
    ]
    report = run(adan, csv_bytes(row(representacion="")), office_code="TA")
    assert report.written and Case.objects.get().office.code == "TA"


@pytest.mark.parametrize("name", ["luis", "ana", "olga", "aurora"])
def test_roles_that_do_not_open_cases_cannot_import(name: str, request: Any) -> None:
    user = request.getfixturevalue(name)
    with pytest.raises(PermissionDenied):
        run(user, csv_bytes(row()), dry_run=True)


SAMPLE = Path(__file__).resolve().parents[3] / "docs" / "samples" / "cases-import-sample.csv"


def test_the_documented_sample_file_passes_a_dry_run(adan: User) -> None:
    load_network_seed()
    invalidate_jurisdiction()
    try:
        with SAMPLE.open("rb") as source:
            report = cases_import(
                actor=actor_for(adan), source=source, file_name=SAMPLE.name, dry_run=True
            )
    finally:
        invalidate_jurisdiction()
    assert report.ok, messages(report)
    assert report.rows == report.cases == 20 and not Case.objects.exists()
