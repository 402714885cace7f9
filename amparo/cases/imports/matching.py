"""What the database already holds for a file of valid rows: references imported before
(those rows are skipped) and people to reuse instead of creating duplicates.

People are matched within the row's office, by CURP or by A-number (through its blind
index, since the number itself is encrypted). A CURP is unique across the network, so one
held by another office's record stops the row instead of creating a second holder.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from amparo.cases.imports.rows import ImportRow, RowError
from amparo.cases.models import CaseEvent, EventKind
from amparo.core.crypto import blind_index
from amparo.people.models import Person

REFERENCE_KEY = "import_reference"
CHUNK = 900  # below SQLite's limit of variables per statement


@dataclass(frozen=True, slots=True)
class SkippedRow:
    line: int
    reference: str


@dataclass
class Resolution:
    """Rows to write, each with its beneficiary: an existing person's id (int) or the
    position of a new person in `new_people` (a row holding that person's data)."""

    rows: list[ImportRow] = field(default_factory=list)
    beneficiaries: list[tuple[bool, int]] = field(default_factory=list)  # (is_new, id or index)
    new_people: list[ImportRow] = field(default_factory=list)
    reused_people: set[int] = field(default_factory=set)
    skipped: list[SkippedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _chunks[T](items: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def imported_references(office_ids: Iterable[int]) -> set[tuple[int, str]]:
    """(office id, external reference) of every case imported before into these offices."""
    events = CaseEvent.objects.filter(
        kind=EventKind.OPENED,
        case__office_id__in=sorted(set(office_ids)),
        payload__has_key=REFERENCE_KEY,
    ).values_list("case__office_id", f"payload__{REFERENCE_KEY}")
    return {(office_id, str(reference)) for office_id, reference in events}


def _people_by_curp(curps: list[str]) -> dict[str, tuple[int, int]]:
    """CURP → (person id to use, owning office id); a merged record points to its survivor."""
    found: dict[str, tuple[int, int]] = {}
    for chunk in _chunks(curps):
        rows = Person.objects.filter(curp__in=chunk).values_list(
            "curp", "pk", "merged_into_id", "office_id"
        )
        for curp, pk, merged_into_id, office_id in rows:
            found[curp] = (merged_into_id or pk, office_id)
    return found


def _people_by_a_number(indexes: list[str]) -> dict[tuple[int, str], int]:
    found: dict[tuple[int, str], int] = {}
    for chunk in _chunks(indexes):
        rows = (
            Person.objects.filter(a_number_index__in=chunk, merged_into__isnull=True)
            .order_by("pk")
            .values_list("office_id", "a_number_index", "pk")
        )
        for office_id, index, pk in rows:
            found.setdefault((office_id, index), pk)
    return found


def _curp_match(
    row: ImportRow,
    by_curp: dict[str, tuple[int, int]],
    seen_curp: dict[str, tuple[bool, int, int, int]],
) -> tuple[bool, int] | RowError | None:
    """The beneficiary a row's CURP points to: a person of the database, one met earlier
    in the file, nobody yet (None), or an error when the holder is in another office."""
    if not row.curp:
        return None
    if row.curp in by_curp:
        person_id, owner = by_curp[row.curp]
        if owner != row.office.pk:
            message = _(
                "La CURP ya pertenece a una persona registrada en otra representación; "
                "no puede importarse aquí."
            )
            return RowError(row.line, "curp", message)
        return (False, person_id)
    if row.curp in seen_curp:
        is_new, key, owner, line = seen_curp[row.curp]
        if owner != row.office.pk:
            message = _("La CURP ya aparece en la línea %(line)s con otra representación.")
            return RowError(row.line, "curp", message % {"line": line})
        return (is_new, key)
    return None


def resolve(rows: list[ImportRow]) -> Resolution:
    """Split valid rows into skipped ones and ones to write, and pick each beneficiary."""
    result = Resolution()
    done = imported_references(row.office.pk for row in rows if row.reference)
    indexes = {row.line: blind_index(row.a_number, "digits") for row in rows if row.a_number}
    by_curp = _people_by_curp(sorted({row.curp for row in rows if row.curp}))
    by_a_number = _people_by_a_number(sorted(set(indexes.values())))
    # Keys of beneficiaries met earlier in the file → (is_new, id or index, office, line).
    seen_curp: dict[str, tuple[bool, int, int, int]] = {}
    seen_a_number: dict[tuple[int, str], tuple[bool, int]] = {}
    for row in rows:
        office_id = row.office.pk
        if row.reference and (office_id, row.reference) in done:
            result.skipped.append(SkippedRow(row.line, row.reference))
            continue
        by_curp_match = _curp_match(row, by_curp, seen_curp)
        if isinstance(by_curp_match, RowError):
            result.errors.append(by_curp_match)
            continue
        chosen = by_curp_match
        index = indexes.get(row.line)
        if index:
            existing = by_a_number.get((office_id, index))
            earlier = seen_a_number.get((office_id, index))
            match = (False, existing) if existing is not None else earlier
            if match is not None and chosen is not None and match != chosen:
                result.errors.append(
                    RowError(
                        row.line,
                        "numero_a",
                        _("La CURP y el número A corresponden a personas distintas."),
                    )
                )
                continue
            chosen = chosen or match
        if chosen is None:
            chosen = (True, len(result.new_people))
            result.new_people.append(row)
        elif not chosen[0]:
            result.reused_people.add(chosen[1])
        if row.curp and row.curp not in seen_curp and row.curp not in by_curp:
            seen_curp[row.curp] = (*chosen, office_id, row.line)
        if index:
            seen_a_number.setdefault((office_id, index), chosen)
        result.rows.append(row)
        result.beneficiaries.append(chosen)
    return result
