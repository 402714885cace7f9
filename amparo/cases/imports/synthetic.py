"""A valid import file of any size, the same for the same arguments (tests, benchmark).

    write_synthetic_csv(handle, 176_827, office_codes=["LAX", "CHI", "HOU"])

or from a shell (needs the office codes of the target database):

    .venv/bin/python -m amparo.cases.imports.make_synthetic 176827 var/casos.csv --offices LAX,CHI

About 40% of rows carry a CURP, 30% an A-number and 60% a phone; one row in twenty is a
second case of the previous row's person (same CURP, same office), so re-use is exercised.
External references are "SYN<seed>-<row>", so importing the file twice skips every row.
"""

import argparse
import csv
import random
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import IO

from amparo.cases.imports.columns import (
    CHANNEL_WORDS,
    CLOSURE_WORDS,
    COLUMN_NAMES,
    FLAGS,
)
from amparo.cases.taxonomy import CATALOG

GIVEN_FEMALE = ("María", "Guadalupe", "Juana", "Rosa", "Ana Laura", "Verónica", "Leticia", "Sofía")
GIVEN_MALE = ("José", "Juan", "Luis Ángel", "Miguel", "Francisco", "Jesús", "Pedro", "Óscar")
SURNAMES = (
    "Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez",
    "Ramírez", "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Jiménez", "Reyes", "Díaz",
    "Torres", "Gutiérrez", "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Castillo", "Chávez",
)  # fmt: skip
BIRTH_STATES = ("JAL", "MIC", "GUA", "OAX", "GRO", "PUE", "MEX", "ZAC", "VER", "CHH", "SLP")
CURP_STATES = {
    "JAL": "JC", "MIC": "MN", "GUA": "GT", "OAX": "OC", "GRO": "GR", "PUE": "PL", "MEX": "MC",
    "ZAC": "ZS", "VER": "VZ", "CHH": "CH", "SLP": "SP",
}  # fmt: skip
PLACES = (  # (city, state, area code)
    ("Los Angeles", "CA", "213"), ("Chicago", "IL", "312"), ("Houston", "TX", "713"),
    ("Phoenix", "AZ", "602"), ("Dallas", "TX", "214"), ("San Antonio", "TX", "210"),
    ("Denver", "CO", "303"), ("Atlanta", "GA", "404"), ("Fresno", "CA", "559"),
    ("Raleigh", "NC", "919"),
)  # fmt: skip
SUBTYPES = [(materia, code) for materia, _label, subtypes in CATALOG for code, _l in subtypes]
CONSONANTS = "BCDFGHJKLMNPQRSTVWXYZ"
CURP_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ"
PERSON_COLUMNS = COLUMN_NAMES[COLUMN_NAMES.index("nombres") :]
OPEN_STATUSES = ("abierto", "en_gestion", "referido", "apoyo_en_tramite")


def curp_check_digit(first17: str) -> str:
    total = sum(CURP_ALPHABET.index(ch) * (18 - i) for i, ch in enumerate(first17))
    return str((10 - total % 10) % 10)


def _initials(given: str, first: str, second: str) -> str:
    plain = str.maketrans("ÁÉÍÓÚÑ", "AEIOUX")
    first_up, second_up, given_up = (
        first.upper().translate(plain),
        (second or "X").upper().translate(plain),
        given.upper().translate(plain),
    )
    vowel = next((ch for ch in first_up[1:] if ch in "AEIOU"), "X")
    return first_up[0] + vowel + second_up[0] + given_up[0]


def synthetic_curp(
    index: int,
    *,
    given: str,
    first: str,
    second: str,
    born: date,
    sex: str,
    state: str,
) -> str:
    """A CURP of valid format and check digit, unique for index < 333,396."""
    code = index % (21**3 * 36)
    tail = CONSONANTS[code // 441 % 21] + CONSONANTS[code // 21 % 21] + CONSONANTS[code % 21]
    homoclave = CURP_ALPHABET.replace("&", "")[code // 9261 % 36]
    first17 = (
        _initials(given, first, second)
        + born.strftime("%y%m%d")
        + ("M" if sex == "mujer" else "H")
        + CURP_STATES[state]
        + tail
        + homoclave
    )
    return first17 + curp_check_digit(first17)


def synthetic_rows(
    count: int, *, office_codes: Sequence[str], seed: int = 2025, year: int = 2025
) -> Iterator[dict[str, str]]:
    """`count` rows ({column: value}); each depends only on (seed, row number, arguments)."""
    if not office_codes:
        raise ValueError("office_codes is empty")
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not a secret
    first_day = date(year, 1, 1)
    days = min((date(year, 12, 31) - first_day).days, (date.today() - first_day).days - 1)
    days = max(days, 0)
    channels, closures, flags = list(CHANNEL_WORDS), list(CLOSURE_WORDS), list(FLAGS)
    previous: dict[str, str] | None = None
    for index in range(count):
        opened = first_day + timedelta(days=rng.randint(0, days))
        materia, subtype = rng.choice(SUBTYPES)
        row = {
            "referencia_externa": f"SYN{seed}-{index:07d}",
            "representacion": rng.choice(office_codes),
            "fecha_apertura": opened.isoformat(),
            "canal": rng.choice(channels),
            "materia": materia,
            "subtipo": subtype,
            "prioridad": rng.choice(("baja", "normal", "normal", "normal", "alta", "urgente")),
            "indicadores": rng.choice(flags) if rng.random() < 0.2 else "",
            "resumen": f"Caso sintético {index} de {materia.lower()}.",
            "estatus": rng.choice(OPEN_STATUSES),
            "motivo_cierre": "",
            "fecha_cierre": "",
        }
        if rng.random() < 0.4:
            closed = opened + timedelta(days=rng.randint(0, days - (opened - first_day).days))
            row.update(estatus="concluido", motivo_cierre=rng.choice(closures))
            row["fecha_cierre"] = closed.isoformat()
        if previous is not None and index % 20 == 19 and previous["curp"]:
            row["representacion"] = previous["representacion"]
            row.update({column: previous[column] for column in PERSON_COLUMNS})
        else:
            row.update(_person(rng, index, opened))
        previous = row
        yield row


def _person(rng: random.Random, index: int, opened: date) -> dict[str, str]:
    sex = rng.choice(("mujer", "hombre"))
    given = rng.choice(GIVEN_FEMALE if sex == "mujer" else GIVEN_MALE)
    first, second = rng.choice(SURNAMES), rng.choice(SURNAMES) if rng.random() < 0.85 else ""
    born = date(rng.randint(1950, 2007), rng.randint(1, 12), rng.randint(1, 28))
    born = min(born, opened)
    state = rng.choice(BIRTH_STATES)
    city, region, area_code = rng.choice(PLACES)
    has_curp = rng.random() < 0.4
    return {
        "nombres": given,
        "primer_apellido": first,
        "segundo_apellido": second,
        "fecha_nacimiento": born.isoformat() if rng.random() < 0.9 else str(born.year),
        "sexo": sex,
        "entidad_nacimiento": state,
        "curp": synthetic_curp(
            index, given=given, first=first, second=second, born=born, sex=sex, state=state
        )
        if has_curp
        else "",
        "numero_a": str(200_000_000 + index) if rng.random() < 0.3 else "",
        "telefono": f"+1{area_code}{rng.randint(201, 989)}{rng.randint(0, 9999):04d}"
        if rng.random() < 0.6
        else "",
        "correo": f"persona{index}@example.com" if rng.random() < 0.2 else "",
        "domicilio": f"{rng.randint(100, 9999)} Main St",
        "ciudad": city,
        "estado": region,
        "condado": "",
        "codigo_postal": f"{rng.randint(10000, 99999)}",
        "lenguas": "es;mix" if rng.random() < 0.05 else "es",
    }


def write_synthetic_csv(
    target: IO[str],
    count: int,
    *,
    office_codes: Sequence[str],
    seed: int = 2025,
    year: int = 2025,
) -> int:
    """Write the header and `count` rows (UTF-8 text handle opened with newline="")."""
    writer = csv.DictWriter(target, fieldnames=COLUMN_NAMES)
    writer.writeheader()
    written = 0
    for row in synthetic_rows(count, office_codes=office_codes, seed=seed, year=year):
        writer.writerow(row)
        written += 1
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic case import file.")
    parser.add_argument("rows", type=int)
    parser.add_argument("output")
    parser.add_argument("--offices", required=True, help="comma-separated office codes")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--year", type=int, default=2025)
    args = parser.parse_args(argv)
    codes = [code.strip().upper() for code in args.offices.split(",") if code.strip()]
    with Path(args.output).open("w", encoding="utf-8", newline="") as handle:
        write_synthetic_csv(handle, args.rows, office_codes=codes, seed=args.seed, year=args.year)
    return 0
