"""The bulk writes of a valid import: new people, folio counters, cases and their timeline.

Call inside the import's transaction. People, cases and events are built as model instances,
as case_open builds them, and written by the one bulk writer (core/bulk.py: encrypted fields
are still encrypted by their field, and Person.refresh_derived_fields fills blind indexes and
search names); folios are taken per office and year with one locked counter update each, in
opening order.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db.models import Q
from django.utils import timezone

from amparo.accounts.actor import Actor
from amparo.cases.event_payloads import FROM_OPEN, opened_payload, status_changed_payload
from amparo.cases.folios import format_folio
from amparo.cases.imports.matching import REFERENCE_KEY, Resolution
from amparo.cases.imports.rows import ImportRow
from amparo.cases.models import Case, CaseEvent, CaseStatus, EventKind, FolioCounter
from amparo.core.bulk import insert_objects
from amparo.people.models import Person

PERSON_FIELDS = (
    "given_names",
    "first_surname",
    "second_surname",
    "date_of_birth",
    "date_of_birth_is_approximate",
    "sex",
    "birth_state",
    "curp",
    "a_number",
    "phone",
    "email",
    "address_line",
    "address_city",
    "address_state",
    "address_county",
    "address_zip",
    "address_country",
    "languages",
)


def folio_key(row: ImportRow) -> tuple[int, int]:
    """(office id, year of the opening in the office's calendar), as folios.folio_year."""
    return row.office.pk, timezone.localtime(row.opened_at, row.office.zone).year


def lock_counters(keys: Iterable[tuple[int, int]]) -> dict[tuple[int, int], FolioCounter]:
    """Create missing counters and lock them (SELECT … FOR UPDATE) in a fixed order, so two
    imports into the same office wait for each other instead of sharing numbers."""
    keys = sorted(set(keys))
    if not keys:
        return {}
    FolioCounter.objects.bulk_create(
        [FolioCounter(office_id=office_id, year=year) for office_id, year in keys],
        ignore_conflicts=True,
    )
    wanted = Q()
    for office_id, year in keys:
        wanted |= Q(office_id=office_id, year=year)
    counters = FolioCounter.objects.select_for_update().filter(wanted).order_by("office_id", "year")
    return {(counter.office_id, counter.year): counter for counter in counters}


def write_import(
    *,
    resolution: Resolution,
    counters: dict[tuple[int, int], FolioCounter],
    actor: Actor,
    batch: str,
) -> int:
    """Write the resolution's people, cases and events; returns how many cases."""
    people = _create_people(resolution.new_people)
    cases = _build_cases(resolution, people, actor)
    _assign_folios(cases, resolution.rows, counters)
    insert_objects(cases)
    insert_objects(list(_events(cases, resolution.rows, actor, batch)))
    FolioCounter.objects.bulk_update(counters.values(), ["last_value"])
    return len(cases)


def _create_people(rows: list[ImportRow]) -> list[int]:
    """New people's ids (insert_objects derives blind indexes and search names as save())."""
    people = [
        Person(office_id=row.office.pk, **{name: getattr(row, name) for name in PERSON_FIELDS})
        for row in rows
    ]
    return [person.pk for person in insert_objects(people)]


def _build_cases(resolution: Resolution, people: list[int], actor: Actor) -> list[Case]:
    """The cases, as case_open builds them; flags not named take the field default."""
    return [
        Case(
            office_id=row.office.pk,
            office_override_reason=row.override_reason,
            channel=row.channel,
            beneficiary_id=people[key] if is_new else key,
            priority=row.priority,
            materia_id=row.materia_id,
            subtype_id=row.subtype_id,
            summary=row.summary,
            status=row.status,
            opened_at=row.opened_at,
            closed_at=row.closed_at,
            closure_reason=row.closure_reason,
            created_by_id=actor.user.pk,
            **dict.fromkeys(row.flags, True),
        )
        for row, (is_new, key) in zip(resolution.rows, resolution.beneficiaries, strict=True)
    ]


def _assign_folios(
    cases: list[Case],
    rows: list[ImportRow],
    counters: dict[tuple[int, int], FolioCounter],
) -> None:
    """Each office's sequence continues from its counter, in order of opening."""
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for position, row in enumerate(rows):
        groups[folio_key(row)].append(position)
    for key, positions in groups.items():
        counter = counters[key]
        positions.sort(key=lambda p: (rows[p].opened_at, rows[p].line))
        code = rows[positions[0]].office.code
        for position in positions:
            counter.last_value += 1
            cases[position].folio = format_folio(code, key[1], counter.last_value)


def _events(
    cases: list[Case], rows: list[ImportRow], actor: Actor, batch: str
) -> Iterator[CaseEvent]:
    """The opening event case_open writes (plus the file's reference), and for a case that
    already moved on, the status change that brought it there."""
    for case, row in zip(cases, rows, strict=True):
        opened = opened_payload(
            office_code=row.office.code,
            office_chosen_by="override" if row.override_reason else "address",
            channel=row.channel,
            materia_code=row.materia_code,
            subtype_code=row.subtype_code,
            priority=row.priority,
            assigned_to=None,
        )
        opened["import_batch"] = batch
        if row.reference:
            opened[REFERENCE_KEY] = row.reference
        yield CaseEvent(
            case=case, kind=EventKind.OPENED, actor=actor.user, at=row.opened_at, payload=opened
        )
        if row.status != CaseStatus.OPEN:
            change = status_changed_payload(
                before=FROM_OPEN, status=row.status, closure_reason=row.closure_reason
            )
            change["import_batch"] = batch
            at = row.closed_at or row.opened_at
            yield CaseEvent(
                case=case, kind=EventKind.STATUS_CHANGED, actor=actor.user, at=at, payload=change
            )
