"""The import file format: columns (Spanish headers) and the values each one accepts.

docs/import-format.md describes the same format for people; keep both in step."""

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from amparo.cases.models import CaseStatus, ClosureReason, IntakeChannel, Priority
from amparo.people.models import Sex


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False


# In the order the template and the sample file use.
COLUMNS: tuple[Column, ...] = (
    Column("referencia_externa"),
    Column("representacion"),
    Column("fecha_apertura", required=True),
    Column("canal", required=True),
    Column("materia", required=True),
    Column("subtipo", required=True),
    Column("prioridad"),
    Column("indicadores"),
    Column("resumen"),
    Column("estatus"),
    Column("motivo_cierre"),
    Column("fecha_cierre"),
    Column("nombres", required=True),
    Column("primer_apellido", required=True),
    Column("segundo_apellido"),
    Column("fecha_nacimiento"),
    Column("sexo"),
    Column("entidad_nacimiento"),
    Column("curp"),
    Column("numero_a"),
    Column("telefono"),
    Column("correo"),
    Column("domicilio"),
    Column("ciudad"),
    Column("estado"),
    Column("condado"),
    Column("codigo_postal"),
    Column("lenguas"),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)
REQUIRED_COLUMNS = frozenset(column.name for column in COLUMNS if column.required)


@lru_cache(maxsize=4096)  # a file repeats the same few words on every row
def vocabulary_key(value: str) -> str:
    """How a coded value is compared: no accents, lower case, spaces and dashes as "_"
    ("En gestión" → "en_gestion")."""
    text = unicodedata.normalize("NFKD", value.strip())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return "_".join(text.replace("-", " ").split())


def _with_codes(spanish: Mapping[str, str], codes: Iterable[str]) -> dict[str, str]:
    """The Spanish words, plus the stored codes themselves (what an export writes)."""
    return {**{str(code): str(code) for code in codes}, **{k: str(v) for k, v in spanish.items()}}


CHANNEL_WORDS = {
    "presencial": IntakeChannel.WALK_IN,
    "telefono": IntakeChannel.PHONE,
    "ciam": IntakeChannel.CIAM,
    "boton_alerta": IntakeChannel.ALERT_BUTTON,
    "autoridad": IntakeChannel.AUTHORITY,
    "visita_detencion": IntakeChannel.DETENTION_VISIT,
    "evento_preventivo": IntakeChannel.OUTREACH,
    "correo": IntakeChannel.EMAIL,
    "otro": IntakeChannel.OTHER,
}
CHANNELS = _with_codes(CHANNEL_WORDS, IntakeChannel.values)
PRIORITIES: dict[str, int] = {
    "baja": Priority.LOW,
    "normal": Priority.NORMAL,
    "alta": Priority.HIGH,
    "urgente": Priority.URGENT,
    **{str(value): value for value in Priority.values},
}
STATUS_WORDS = {
    "abierto": CaseStatus.OPEN,
    "en_gestion": CaseStatus.IN_PROGRESS,
    "referido": CaseStatus.REFERRED,
    "apoyo_en_tramite": CaseStatus.AWAITING_SUPPORT,
    "concluido": CaseStatus.CONCLUDED,
}
STATUSES = _with_codes(STATUS_WORDS, CaseStatus.values)
CLOSURE_WORDS = {
    "favorable": ClosureReason.FAVORABLE,
    "desfavorable": ClosureReason.UNFAVORABLE,
    "desistimiento": ClosureReason.WITHDRAWN,
    "sin_contacto": ClosureReason.NO_CONTACT,
    "transferido": ClosureReason.TRANSFERRED,
    "fuera_de_competencia": ClosureReason.OUTSIDE_COMPETENCE,
}
CLOSURE_REASONS = _with_codes(CLOSURE_WORDS, ClosureReason.values)
# Spanish flag words (domain.md §2) → Case boolean fields.
FLAGS = {
    "nna": "is_minor",
    "nna_no_acompanado": "is_unaccompanied_minor",
    "mujer_vaim": "is_vaim",
    "violencia_genero": "is_gender_violence",
    "pena_capital": "is_capital_case",
    "detenido": "is_detained",
    "vulnerable": "is_vulnerable",
    "lengua_indigena": "speaks_indigenous_language",
}
# "M" is left out on purpose: Spanish sources write it for "mujer", the database for "male".
SEXES = {
    "mujer": Sex.FEMALE,
    "f": Sex.FEMALE,
    "hombre": Sex.MALE,
    "h": Sex.MALE,
    "x": Sex.INTERSEX,
    "intersexual": Sex.INTERSEX,
    "no_binario": Sex.INTERSEX,
    "sin_dato": Sex.UNKNOWN,
    "u": Sex.UNKNOWN,
}
AMBIGUOUS_SEXES = frozenset({"m"})
LIST_SEPARATOR = ";"
