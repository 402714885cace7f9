"""Every check of an import row, reported with the file's line number (the header is
line 1) and the column, and nothing written."""

import io
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from amparo.accounts.models import User
from amparo.cases.imports.services import cases_import
from amparo.cases.models import Case, Subtype
from amparo.cases.tests.factories import actor_for
from amparo.cases.tests.test_import_service import CURP, csv_bytes, row
from amparo.network.selectors import invalidate_jurisdiction
from amparo.network.tests.factories import JurisdictionAreaFactory

TOMORROW = (timezone.localdate() + timedelta(days=2)).isoformat()


def errors_of(user: User, data: bytes) -> list[tuple[int, str, str]]:
    report = cases_import(
        actor=actor_for(user), source=io.BytesIO(data), file_name="f.csv", dry_run=False
    )
    assert not report.written and not Case.objects.exists()
    return [(e.line, e.column, e.message) for e in report.errors]


BAD_ROWS: list[tuple[dict[str, str], str, str]] = [
    ({"representacion": "XYZ"}, "representacion", "Clave de representación desconocida «XYZ»."),
    ({"subtipo": "NO_EXISTE"}, "subtipo", "Subtipo desconocido «NO_EXISTE»."),
    (
        {"subtipo": "CUSTODIA"},
        "subtipo",
        "El subtipo CUSTODIA no pertenece a la materia MIGRATORIO.",
    ),
    ({"materia": "FISCAL"}, "materia", "Materia desconocida «FISCAL»."),
    ({"materia": ""}, "materia", "Falta el dato obligatorio «materia»."),
    (
        {"fecha_apertura": "10/03/2025"},
        "fecha_apertura",
        "Fecha no válida «10/03/2025»; use AAAA-MM-DD.",
    ),
    (
        {"fecha_apertura": "2025-02-30"},
        "fecha_apertura",
        "Fecha no válida «2025-02-30»; use AAAA-MM-DD.",
    ),
    ({"fecha_apertura": TOMORROW}, "fecha_apertura", "La fecha no puede estar en el futuro."),
    ({"fecha_apertura": ""}, "fecha_apertura", "Falta el dato obligatorio «fecha_apertura»."),
    (
        {"fecha_apertura": "1975-01-01"},
        "fecha_apertura",
        "La fecha de apertura es anterior a 1980.",
    ),
    (
        {"canal": "fax"},
        "canal",
        "Valor no reconocido «fax»; se acepta: presencial, telefono, ciam, boton_alerta, autoridad, visita_detencion, evento_preventivo, correo, otro.",
    ),
    ({"canal": ""}, "canal", "Falta el dato obligatorio «canal»."),
    (
        {"prioridad": "maxima"},
        "prioridad",
        "Valor no reconocido «maxima»; se acepta: baja, normal, alta, urgente.",
    ),
    (
        {"indicadores": "detenido;volador"},
        "indicadores",
        "Indicador no reconocido «volador»; se acepta: nna, nna_no_acompanado, mujer_vaim, violencia_genero, pena_capital, detenido, vulnerable, lengua_indigena.",
    ),
    (
        {"estatus": "cerrado"},
        "estatus",
        "Valor no reconocido «cerrado»; se acepta: abierto, en_gestion, referido, apoyo_en_tramite, concluido.",
    ),
    (
        {"estatus": "concluido", "fecha_cierre": "2025-04-01"},
        "motivo_cierre",
        "Un caso concluido necesita el motivo de cierre.",
    ),
    (
        {"estatus": "concluido", "motivo_cierre": "favorable"},
        "fecha_cierre",
        "Un caso concluido necesita la fecha de cierre.",
    ),
    (
        {"estatus": "concluido", "motivo_cierre": "ganado", "fecha_cierre": "2025-04-01"},
        "motivo_cierre",
        "Valor no reconocido «ganado»; se acepta: favorable, desfavorable, desistimiento, sin_contacto, transferido, fuera_de_competencia.",
    ),
    (
        {"estatus": "concluido", "motivo_cierre": "favorable", "fecha_cierre": "2025-03-01"},
        "fecha_cierre",
        "La fecha de cierre es anterior a la de apertura.",
    ),
    (
        {"estatus": "abierto", "motivo_cierre": "favorable"},
        "motivo_cierre",
        "Solo un caso concluido lleva motivo de cierre.",
    ),
    (
        {"fecha_cierre": "2025-04-01"},
        "fecha_cierre",
        "Solo un caso concluido lleva fecha de cierre.",
    ),
    ({"nombres": ""}, "nombres", "Falta el dato obligatorio «nombres»."),
    ({"primer_apellido": " "}, "primer_apellido", "Falta el dato obligatorio «primer_apellido»."),
    ({"nombres": "A" * 121}, "nombres", "El texto pasa de 120 caracteres."),
    (
        {"fecha_nacimiento": "85-01-01"},
        "fecha_nacimiento",
        "Fecha de nacimiento no válida «85-01-01»; use AAAA-MM-DD o el año (AAAA).",
    ),
    (
        {"fecha_nacimiento": "2025-05-01"},
        "fecha_nacimiento",
        "La fecha de nacimiento es posterior a la apertura del caso.",
    ),
    (
        {"fecha_nacimiento": "1850"},
        "fecha_nacimiento",
        "La fecha de nacimiento es anterior a 1900.",
    ),
    ({"sexo": "M"}, "sexo", "«M» es ambiguo (¿mujer o masculino?); escriba mujer u hombre."),
    (
        {"sexo": "otro"},
        "sexo",
        "Valor no reconocido «otro»; se acepta: mujer, hombre, x, sin_dato.",
    ),
    (
        {"entidad_nacimiento": "JALISCO"},
        "entidad_nacimiento",
        "Entidad desconocida «JALISCO»; use la clave ISO 3166-2:MX, p. ej. JAL o MX-JAL.",
    ),
    ({"curp": "HEGM850101"}, "curp", "La CURP no tiene un formato válido."),
    ({"numero_a": "A-1234"}, "numero_a", "El número A (A-number) debe tener 8 o 9 dígitos."),
    ({"telefono": "123"}, "telefono", "El teléfono no es válido."),
    ({"correo": "maria@"}, "correo", "El correo electrónico no es válido."),
    (
        {"estado": "ZZ"},
        "estado",
        "Use la clave de dos letras de un estado de EUA o provincia de Canadá.",
    ),
    ({"codigo_postal": "9001"}, "codigo_postal", "El código postal no es válido."),
    (
        {"lenguas": "es;klingon"},
        "lenguas",
        "Lengua no reconocida «klingon»; use su clave, p. ej. es, nah, mix, zap.",
    ),
    (
        {"representacion": "", "estado": "TX"},
        "representacion",
        "Indique la representación, o un domicilio (estado y condado, o código postal) que permita determinarla.",
    ),
    (
        {"referencia_externa": "R" * 101},
        "referencia_externa",
        "La referencia externa pasa de 100 caracteres.",
    ),
]


@pytest.mark.parametrize(("values", "column", "message"), BAD_ROWS)
def test_each_bad_value_is_reported_with_its_line(
    alice: User, values: dict[str, str], column: str, message: str
) -> None:
    data = csv_bytes(row(), row(nombres="Juan"), row(**values), row(nombres="Rosa"))
    assert errors_of(alice, data) == [(4, column, message)]


def test_a_retired_subtype_is_refused(alice: User) -> None:
    Subtype.objects.filter(code="DETENCION_DEPORTACION").update(retired_at=timezone.now())
    assert errors_of(alice, csv_bytes(row())) == [
        (2, "subtipo", "El subtipo DETENCION_DEPORTACION ya no está vigente.")
    ]


def test_every_error_of_every_row_is_reported(alice: User) -> None:
    data = csv_bytes(row(curp="X", sexo="M"), row(), row(telefono="1", canal="fax"))
    assert [(line, column) for line, column, _m in errors_of(alice, data)] == [
        (2, "sexo"),
        (2, "curp"),
        (4, "canal"),
        (4, "telefono"),
    ]


def test_line_numbers_count_physical_lines_of_multiline_fields(alice: User) -> None:
    data = csv_bytes(row(resumen="primera línea\nsegunda línea"), row(curp="X"))
    assert errors_of(alice, data) == [(4, "curp", "La CURP no tiene un formato válido.")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "El archivo está vacío."),
        (
            b"fecha_apertura,canal\n",
            "Faltan columnas obligatorias: materia, nombres, primer_apellido, subtipo.",
        ),
        (b"folio,fecha_apertura\n", "Columnas desconocidas: folio."),
        (b"nombres,nombres\n", "Columnas repetidas: nombres."),
    ],
)
def test_a_bad_header_is_reported_on_line_one(alice: User, data: bytes, message: str) -> None:
    assert errors_of(alice, data) == [(1, "", message)]


def test_a_file_not_in_utf8_is_refused(alice: User) -> None:
    ascii_row = row(nombres="Juan", primer_apellido="Lopez", segundo_apellido="")
    data = csv_bytes(ascii_row, row(nombres="José")).decode().encode("latin-1")
    errors = errors_of(alice, data)
    assert errors == [(3, "", "El archivo no está codificado en UTF-8.")]


def test_a_row_with_missing_fields_is_reported(alice: User) -> None:
    data = csv_bytes(row()) + b"TA,2025-01-01\n"
    assert errors_of(alice, data)[0][:2] == (3, "")


def test_the_office_comes_from_the_county_and_an_override_is_explained(
    adan: User, network: Any
) -> None:
    JurisdictionAreaFactory.create(
        code="US-CA-FRESNO",
        country="US",
        region="CA",
        name="Fresno County",
        latitude=36.76,
        longitude=-119.65,
        office=network.consulate_b,
    )
    invalidate_jurisdiction()
    try:
        data = csv_bytes(
            row(representacion="", estado="CA", condado="fresno"),
            row(representacion="TA", estado="CA", condado="Fresno County", referencia_externa="Z"),
        )
        report = cases_import(
            actor=actor_for(adan), source=io.BytesIO(data), file_name="f.csv", dry_run=False
        )
        assert report.written, report.errors
        by_county, overridden = Case.objects.order_by("opened_at", "folio")
        assert {by_county.office.code, overridden.office.code} == {"TA", "TB"}
        moved = Case.objects.get(office__code="TA")
        assert "TB" in moved.office_override_reason
        assert not Case.objects.get(office__code="TB").office_override_reason
    finally:
        invalidate_jurisdiction()


def test_accents_case_and_iso_prefixes_are_accepted(alice: User) -> None:
    data = csv_bytes(
        row(
            canal="Teléfono",
            estatus="En gestión",
            prioridad="URGENTE",
            sexo="Mujer",
            entidad_nacimiento="mx-jal",
            curp=CURP.lower(),
            lenguas="es;Náhuatl",
            fecha_nacimiento="1985",
            fecha_apertura="2025-03-10 09:30",
        ),
    )
    report = cases_import(
        actor=actor_for(alice), source=io.BytesIO(data), file_name="f.csv", dry_run=False
    )
    assert report.written, report.errors
    case = Case.objects.select_related("beneficiary").get()
    assert case.channel == "phone" and case.status == "in_progress" and case.priority == 4
    assert case.speaks_indigenous_language
    person = case.beneficiary
    assert person.birth_state == "JAL" and person.curp == CURP and person.languages == ["es", "nah"]
    assert person.date_of_birth_is_approximate
    assert person.date_of_birth is not None and person.date_of_birth.year == 1985
