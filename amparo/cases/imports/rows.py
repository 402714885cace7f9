"""Reading an import file and checking every row, without writing anything.

`read_rows` decodes the CSV and yields (line number, values); `RowValidator` turns each row
into an `ImportRow` or a list of `RowError`s using lookups read once (offices, catalog,
jurisdiction map), so 176,827 rows cost one pass of plain Python and no query per row.
"""

import codecs
import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import IO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.cases.imports.columns import (
    AMBIGUOUS_SEXES,
    CHANNEL_WORDS,
    CHANNELS,
    CLOSURE_REASONS,
    CLOSURE_WORDS,
    COLUMN_NAMES,
    FLAGS,
    LIST_SEPARATOR,
    PRIORITIES,
    REQUIRED_COLUMNS,
    SEXES,
    STATUS_WORDS,
    STATUSES,
    vocabulary_key,
)
from amparo.cases.models import CaseStatus, Priority
from amparo.network.areas import CA_REGIONS, US_REGIONS
from amparo.network.jurisdiction import JurisdictionMap, Place, office_covering
from amparo.people.models import (
    CURP_PATTERN,
    INDIGENOUS_LANGUAGES,
    ZIP_PATTERNS,
    BirthState,
    Language,
    Sex,
    normalize_a_number,
    normalize_phone,
)

MAX_REFERENCE = 100
MAX_SUMMARY = 10_000
EARLIEST_OPENING = date(1980, 1, 1)
EARLIEST_BIRTH = date(1900, 1, 1)
# Person field → longest value the column may hold (the model's max_length).
MAX_LENGTHS = {
    "nombres": 120,
    "primer_apellido": 80,
    "segundo_apellido": 80,
    "correo": 254,
    "domicilio": 200,
    "ciudad": 120,
    "condado": 120,
}
BIRTH_STATES = frozenset(BirthState.values)
COLUMN_ORDER = {name: position for position, name in enumerate(COLUMN_NAMES)}
LANGUAGES = {
    **{code: code for code in Language.values},
    **{vocabulary_key(str(label)).split("_(")[0]: code for code, label in Language.choices},
}


class FileFormatError(Exception):
    """The file as a whole cannot be read (encoding, header); nothing else is checked."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    column: str
    message: str


@dataclass(frozen=True, slots=True)
class OfficeInfo:
    pk: int
    code: str
    zone: ZoneInfo


@dataclass(frozen=True, slots=True)
class SubtypeInfo:
    materia_id: int
    subtype_id: int
    retired: bool


@dataclass(frozen=True)
class Lookups:
    """Everything a row is checked against, read once per import."""

    offices: dict[str, OfficeInfo]
    materias: dict[str, bool]  # code → retired
    subtypes: dict[tuple[str, str], SubtypeInfo]
    jurisdiction: JurisdictionMap
    can_import_into: Callable[[int], bool]
    default_office: OfficeInfo | None = None
    now: datetime = field(default_factory=timezone.now)
    subtype_codes: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "subtype_codes", frozenset(code for _m, code in self.subtypes))


@dataclass(slots=True)
class ImportRow:
    """A row that passed every check: a case and its beneficiary, ready to write."""

    line: int
    reference: str
    office: OfficeInfo
    override_reason: str
    opened_at: datetime
    channel: str
    materia_id: int
    subtype_id: int
    materia_code: str
    subtype_code: str
    priority: int
    flags: tuple[str, ...]
    summary: str
    status: str
    closure_reason: str
    closed_at: datetime | None
    given_names: str
    first_surname: str
    second_surname: str
    date_of_birth: date | None
    date_of_birth_is_approximate: bool
    sex: str
    birth_state: str
    curp: str
    a_number: str
    phone: str
    email: str
    address_line: str
    address_city: str
    address_state: str
    address_county: str
    address_zip: str
    address_country: str
    languages: list[str]


def read_rows(stream: IO[bytes]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line where the record starts, {column: value}) for every non-blank record.
    UTF-8 with or without BOM, comma-separated, header first. FileFormatError on a bad
    encoding or header; a record with the wrong number of fields comes back with the
    column "" holding "<fields found>/<fields expected>"."""
    lines = _decoded_lines(stream)
    reader = csv.reader(lines)
    try:
        header = next(reader, None)
        if header is None:
            raise FileFormatError(1, _("El archivo está vacío."))
        columns = _check_header(header)
        line = reader.line_num + 1
        for record in reader:
            if not any(value.strip() for value in record):
                line = reader.line_num + 1
                continue
            if len(record) != len(columns):
                yield line, {"": f"{len(record)}/{len(columns)}"}
            else:
                yield line, dict(zip(columns, record, strict=True))
            line = reader.line_num + 1
    except csv.Error as error:
        raise FileFormatError(
            reader.line_num, _("El archivo no es un CSV válido: %(error)s") % {"error": error}
        ) from error


def _decoded_lines(stream: IO[bytes]) -> Iterator[str]:
    """Physical lines as text. Decoding line by line (a newline byte is never part of a
    multi-byte UTF-8 character) lets a bad byte be reported with its line number."""
    for number, raw in enumerate(stream, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise FileFormatError(number, _("El archivo no está codificado en UTF-8.")) from error
        yield text.removeprefix("\ufeff") if number == 1 else text


def _check_header(header: list[str]) -> list[str]:
    columns = [name.strip().lower() for name in header]
    unknown = [name for name in columns if name not in COLUMN_NAMES]
    if unknown:
        raise FileFormatError(
            1, _("Columnas desconocidas: %(columns)s.") % {"columns": ", ".join(unknown)}
        )
    repeated = sorted({name for name in columns if columns.count(name) > 1})
    if repeated:
        raise FileFormatError(
            1, _("Columnas repetidas: %(columns)s.") % {"columns": ", ".join(repeated)}
        )
    missing = sorted(REQUIRED_COLUMNS - set(columns))
    if missing:
        raise FileFormatError(
            1, _("Faltan columnas obligatorias: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    return columns


def is_utf8(sample: bytes) -> bool:
    """Cheap pre-check for uploads: does the start of the file decode as UTF-8?"""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


class RowValidator:
    """Checks rows one at a time; remembers external references to catch repeats."""

    def __init__(self, lookups: Lookups) -> None:
        self.lookups = lookups
        self._references: dict[tuple[int, str], int] = {}

    def validate(self, line: int, values: dict[str, str]) -> ImportRow | list[RowError]:
        if "" in values:
            found, expected = values[""].split("/")
            message = _("La fila tiene %(found)s columnas y el encabezado %(expected)s.")
            return [RowError(line, "", message % {"found": found, "expected": expected})]
        check = _RowCheck(line, values, self.lookups)
        row = check.run()
        if row is not None:
            self._check_reference(check, row)
        if check.errors:
            return sorted(check.errors, key=lambda error: COLUMN_ORDER.get(error.column, -1))
        assert row is not None
        return row

    def _check_reference(self, check: "_RowCheck", row: ImportRow) -> None:
        if not row.reference:
            return
        key = (row.office.pk, row.reference)
        first = self._references.get(key)
        if first is not None:
            check.error(
                "referencia_externa",
                _(
                    "La referencia externa se repite en el archivo (ya aparece en la línea %(line)s)."
                )
                % {"line": first},
            )
        else:
            self._references[key] = check.line


class _RowCheck:
    """One row's checks; every failure is collected, not just the first."""

    def __init__(self, line: int, values: dict[str, str], lookups: Lookups) -> None:
        self.line = line
        self.values = values
        self.lookups = lookups
        self.errors: list[RowError] = []

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.line, column, message))

    def text(self, column: str, *, required: bool = False) -> str:
        value = " ".join((self.values.get(column) or "").split())
        if required and not value:
            self.error(column, _("Falta el dato obligatorio «%(column)s».") % {"column": column})
        limit = MAX_LENGTHS.get(column)
        if limit is not None and len(value) > limit:
            self.error(column, _("El texto pasa de %(limit)s caracteres.") % {"limit": limit})
            return value[:limit]
        return value

    def coded(
        self, column: str, vocabulary: dict[str, str], words: Iterable[str], default: str = ""
    ) -> str:
        raw = (self.values.get(column) or "").strip()
        if not raw:
            return default
        value = vocabulary.get(vocabulary_key(raw))
        if value is None:
            self.error(
                column,
                _("Valor no reconocido «%(value)s»; se acepta: %(allowed)s.")
                % {"value": raw[:40], "allowed": ", ".join(words)},
            )
            return default
        return str(value)

    def run(self) -> ImportRow | None:
        reference = self.text("referencia_externa")
        if len(reference) > MAX_REFERENCE:
            self.error(
                "referencia_externa",
                _("La referencia externa pasa de %(limit)s caracteres.") % {"limit": MAX_REFERENCE},
            )
        person = self._person()
        office, override_reason = self._office(person)
        zone = office.zone if office else ZoneInfo("UTC")
        opened_at = self._moment("fecha_apertura", zone, required=True)
        if opened_at is not None and opened_at.date() < EARLIEST_OPENING:
            self.error("fecha_apertura", _("La fecha de apertura es anterior a 1980."))
        channel = self.coded("canal", CHANNELS, CHANNEL_WORDS)
        if not (self.values.get("canal") or "").strip():
            self.error("canal", _("Falta el dato obligatorio «%(column)s».") % {"column": "canal"})
        taxonomy = self._taxonomy()
        priority_raw = (self.values.get("prioridad") or "").strip()
        priority = PRIORITIES.get(vocabulary_key(priority_raw), 0) if priority_raw else 0
        if priority_raw and not priority:
            self.error(
                "prioridad",
                _("Valor no reconocido «%(value)s»; se acepta: baja, normal, alta, urgente.")
                % {"value": priority_raw[:40]},
            )
        flags = self._flags(person["languages"])
        summary = (self.values.get("resumen") or "").strip()
        if len(summary) > MAX_SUMMARY:
            self.error(
                "resumen", _("El resumen pasa de %(limit)s caracteres.") % {"limit": MAX_SUMMARY}
            )
        status, closure_reason, closed_at = self._status(zone, opened_at)
        born = person["date_of_birth"]
        if born is not None and opened_at is not None and born > opened_at.date():
            self.error(
                "fecha_nacimiento", _("La fecha de nacimiento es posterior a la apertura del caso.")
            )
        if self.errors or office is None or opened_at is None or taxonomy is None:
            return None
        return ImportRow(
            line=self.line,
            reference=reference,
            office=office,
            override_reason=override_reason,
            opened_at=opened_at,
            channel=channel,
            materia_id=taxonomy[0].materia_id,
            subtype_id=taxonomy[0].subtype_id,
            materia_code=taxonomy[1],
            subtype_code=taxonomy[2],
            priority=priority or Priority.NORMAL,
            flags=flags,
            summary=summary,
            status=status,
            closure_reason=closure_reason,
            closed_at=closed_at,
            **person,
        )

    # --- the case ------------------------------------------------------------------------

    def _office(self, person: dict) -> tuple[OfficeInfo | None, str]:
        lookups = self.lookups
        code = (self.values.get("representacion") or "").strip().upper()
        by_address = self._jurisdiction_office(person)
        office: OfficeInfo | None = None
        if code:
            office = lookups.offices.get(code)
            if office is None:
                self.error(
                    "representacion",
                    _("Clave de representación desconocida «%(code)s».") % {"code": code[:20]},
                )
                return None, ""
            default = lookups.default_office
            if default is not None and office.pk != default.pk:
                self.error(
                    "representacion",
                    _("La fila es de %(code)s, pero el archivo se importa en %(default)s.")
                    % {"code": office.code, "default": default.code},
                )
                return None, ""
        elif lookups.default_office is not None:
            office = lookups.default_office
        elif by_address is not None:
            office = by_address
        else:
            self.error(
                "representacion",
                _(
                    "Indique la representación, o un domicilio (estado y condado, o código "
                    "postal) que permita determinarla."
                ),
            )
            return None, ""
        if not lookups.can_import_into(office.pk):
            self.error(
                "representacion",
                _("No puede importar casos en la representación %(code)s.") % {"code": office.code},
            )
            return None, ""
        reason = ""
        if by_address is not None and by_address.pk != office.pk:
            reason = _(
                "Importación: el archivo asigna el caso a %(office)s; por domicilio "
                "correspondería a %(expected)s."
            ) % {"office": office.code, "expected": by_address.code}
        return office, reason

    def _jurisdiction_office(self, person: dict) -> OfficeInfo | None:
        place = Place(
            state=person["address_state"],
            county=person["address_county"],
            zip_code=person["address_zip"],
            country=person["address_country"] or "US",
        )
        covering = office_covering(place, jurisdiction=self.lookups.jurisdiction)
        return None if covering is None else self.lookups.offices.get(covering.office_code.upper())

    def _taxonomy(self) -> tuple[SubtypeInfo, str, str] | None:
        lookups = self.lookups
        materia = (self.values.get("materia") or "").strip().upper()
        subtype = (self.values.get("subtipo") or "").strip().upper()
        if not materia:
            self.error(
                "materia", _("Falta el dato obligatorio «%(column)s».") % {"column": "materia"}
            )
        if not subtype:
            self.error(
                "subtipo", _("Falta el dato obligatorio «%(column)s».") % {"column": "subtipo"}
            )
        if not materia or not subtype:
            return None
        if materia not in lookups.materias:
            self.error("materia", _("Materia desconocida «%(code)s».") % {"code": materia[:40]})
            return None
        if lookups.materias[materia]:
            self.error("materia", _("La materia %(code)s ya no está vigente.") % {"code": materia})
            return None
        info = lookups.subtypes.get((materia, subtype))
        if info is None:
            if subtype in lookups.subtype_codes:
                message = _("El subtipo %(subtype)s no pertenece a la materia %(materia)s.")
            else:
                message = _("Subtipo desconocido «%(subtype)s».")
            self.error("subtipo", message % {"subtype": subtype[:40], "materia": materia})
            return None
        if info.retired:
            self.error("subtipo", _("El subtipo %(code)s ya no está vigente.") % {"code": subtype})
            return None
        return info, materia, subtype

    def _flags(self, languages: list[str]) -> tuple[str, ...]:
        names: set[str] = set()
        for raw in (self.values.get("indicadores") or "").split(LIST_SEPARATOR):
            if not raw.strip():
                continue
            word = vocabulary_key(raw)
            name = FLAGS.get(word) or (word if word in FLAGS.values() else None)
            if name is None:
                self.error(
                    "indicadores",
                    _("Indicador no reconocido «%(value)s»; se acepta: %(allowed)s.")
                    % {"value": raw.strip()[:40], "allowed": ", ".join(FLAGS)},
                )
            else:
                names.add(name)
        if INDIGENOUS_LANGUAGES.intersection(languages):
            names.add("speaks_indigenous_language")
        return tuple(sorted(names))

    def _status(
        self, zone: ZoneInfo, opened_at: datetime | None
    ) -> tuple[str, str, datetime | None]:
        status = self.coded("estatus", STATUSES, STATUS_WORDS, default=CaseStatus.OPEN)
        reason = self.coded("motivo_cierre", CLOSURE_REASONS, CLOSURE_WORDS)
        closed_at = self._moment("fecha_cierre", zone)
        if status == CaseStatus.CONCLUDED:
            if not reason and not (self.values.get("motivo_cierre") or "").strip():
                self.error("motivo_cierre", _("Un caso concluido necesita el motivo de cierre."))
            if closed_at is None and not (self.values.get("fecha_cierre") or "").strip():
                self.error("fecha_cierre", _("Un caso concluido necesita la fecha de cierre."))
            if closed_at is not None and opened_at is not None and closed_at < opened_at:
                if closed_at.date() < opened_at.date():
                    self.error(
                        "fecha_cierre", _("La fecha de cierre es anterior a la de apertura.")
                    )
                closed_at = opened_at
        else:
            if (self.values.get("motivo_cierre") or "").strip():
                self.error("motivo_cierre", _("Solo un caso concluido lleva motivo de cierre."))
            if (self.values.get("fecha_cierre") or "").strip():
                self.error("fecha_cierre", _("Solo un caso concluido lleva fecha de cierre."))
            reason, closed_at = "", None
        return status, reason, closed_at

    def _moment(self, column: str, zone: ZoneInfo, *, required: bool = False) -> datetime | None:
        """A date (noon in the office's time zone) or a date and time; never in the future."""
        raw = (self.values.get(column) or "").strip()
        if not raw:
            if required:
                self.error(
                    column, _("Falta el dato obligatorio «%(column)s».") % {"column": column}
                )
            return None
        now = self.lookups.now
        try:
            if len(raw) == 10:
                day = date.fromisoformat(raw)
                moment = datetime.combine(day, time(12), tzinfo=zone)
                if moment > now and day <= now.astimezone(zone).date():
                    moment = now  # today, before noon
            else:
                moment = datetime.fromisoformat(raw.replace(" ", "T", 1))
                if moment.tzinfo is None:
                    moment = moment.replace(tzinfo=zone)
        except ValueError:
            self.error(
                column,
                _("Fecha no válida «%(value)s»; use AAAA-MM-DD.") % {"value": raw[:30]},
            )
            return None
        if moment > now:
            self.error(column, _("La fecha no puede estar en el futuro."))
            return None
        return moment.astimezone(UTC)

    # --- the beneficiary -----------------------------------------------------------------

    def _person(self) -> dict:
        state = self.text("estado").upper()
        country = "CA" if state in CA_REGIONS else "US"
        if state and state not in US_REGIONS | CA_REGIONS:
            self.error(
                "estado",
                _("Use la clave de dos letras de un estado de EUA o provincia de Canadá."),
            )
            state = ""
        zip_code = self.text("codigo_postal").upper()
        if zip_code and not ZIP_PATTERNS[country].match(zip_code):
            self.error("codigo_postal", _("El código postal no es válido."))
            zip_code = ""
        born, approximate = self._birth()
        return {
            "given_names": self.text("nombres", required=True),
            "first_surname": self.text("primer_apellido", required=True),
            "second_surname": self.text("segundo_apellido"),
            "date_of_birth": born,
            "date_of_birth_is_approximate": approximate,
            "sex": self._sex(),
            "birth_state": self._birth_state(),
            "curp": self._curp(),
            "a_number": self._normalized("numero_a", normalize_a_number),
            "phone": self._normalized("telefono", normalize_phone),
            "email": self._email(),
            "address_line": self.text("domicilio"),
            "address_city": self.text("ciudad"),
            "address_state": state,
            "address_county": self.text("condado"),
            "address_zip": zip_code,
            "address_country": country,
            "languages": self._languages(),
        }

    def _birth(self) -> tuple[date | None, bool]:
        raw = (self.values.get("fecha_nacimiento") or "").strip()
        if not raw:
            return None, False
        try:
            if len(raw) == 4 and raw.isdigit():
                born, approximate = date(int(raw), 7, 1), True
            elif len(raw) == 10:
                born, approximate = date.fromisoformat(raw), False
            else:
                raise ValueError(raw)
        except ValueError:
            self.error(
                "fecha_nacimiento",
                _("Fecha de nacimiento no válida «%(value)s»; use AAAA-MM-DD o el año (AAAA).")
                % {"value": raw[:30]},
            )
            return None, False
        if born < EARLIEST_BIRTH:
            self.error("fecha_nacimiento", _("La fecha de nacimiento es anterior a 1900."))
            return None, False
        today = self.lookups.now.date()
        if born.year > today.year or (not approximate and born > today):
            self.error("fecha_nacimiento", _("La fecha de nacimiento no puede estar en el futuro."))
            return None, False
        return born, approximate

    def _sex(self) -> str:
        raw = (self.values.get("sexo") or "").strip()
        if not raw:
            return Sex.UNKNOWN
        key = vocabulary_key(raw)
        if key in AMBIGUOUS_SEXES:
            self.error("sexo", _("«M» es ambiguo (¿mujer o masculino?); escriba mujer u hombre."))
            return Sex.UNKNOWN
        sex = SEXES.get(key)
        if sex is None:
            self.error(
                "sexo",
                _("Valor no reconocido «%(value)s»; se acepta: mujer, hombre, x, sin_dato.")
                % {"value": raw[:20]},
            )
            return Sex.UNKNOWN
        return str(sex)

    def _birth_state(self) -> str:
        raw = (self.values.get("entidad_nacimiento") or "").strip().upper()
        code = raw.removeprefix("MX-")
        if code and code not in BIRTH_STATES:
            self.error(
                "entidad_nacimiento",
                _(
                    "Entidad desconocida «%(value)s»; use la clave ISO 3166-2:MX, p. ej. JAL o MX-JAL."
                )
                % {"value": raw[:10]},
            )
            return ""
        return code

    def _curp(self) -> str:
        curp = (self.values.get("curp") or "").strip().upper()
        if curp and not CURP_PATTERN.match(curp):
            self.error("curp", _("La CURP no tiene un formato válido."))
            return ""
        return curp

    def _normalized(self, column: str, normalize: Callable[[str], str]) -> str:
        raw = (self.values.get(column) or "").strip()
        if not raw:
            return ""
        try:
            return normalize(raw)
        except ValidationError as error:
            self.error(column, " ".join(error.messages))
            return ""

    def _email(self) -> str:
        email = self.text("correo")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.error("correo", _("El correo electrónico no es válido."))
                return ""
        return email

    def _languages(self) -> list[str]:
        codes: list[str] = []
        for raw in (self.values.get("lenguas") or "").split(LIST_SEPARATOR):
            if not raw.strip():
                continue
            code = LANGUAGES.get(vocabulary_key(raw))
            if code is None:
                self.error(
                    "lenguas",
                    _("Lengua no reconocida «%(value)s»; use su clave, p. ej. es, nah, mix, zap.")
                    % {"value": raw.strip()[:30]},
                )
            elif code not in codes:
                codes.append(code)
        return codes


def office_zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")
