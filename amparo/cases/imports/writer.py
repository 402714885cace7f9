"""The bulk writes of a valid import: new people, folio counters, cases and their timeline.

Call inside the import's transaction. Rows are written in batches with bulk_create (the
model fields still encrypt A-numbers and phones, and Person.refresh_derived_fields keeps
blind indexes and search names current); folios are taken per office and year with one
locked counter update each, in opening order.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone

from amparo.accounts.actor import Actor
from amparo.cases.folios import format_folio
from amparo.cases.imports.matching import REFERENCE_KEY, Resolution
from amparo.cases.imports.rows import ImportRow
from amparo.cases.models import Case, CaseEvent, CaseStatus, EventKind, FolioCounter
from amparo.people.models import Person

BATCH = 2000
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
) -> list[Case]:
    people = _create_people(resolution.new_people)
    cases = _build_cases(resolution, people, actor)
    _assign_folios(cases, resolution.rows, counters)
    Case.objects.bulk_create(cases, batch_size=BATCH)
    _require_ids(cases)
    CaseEvent.objects.bulk_create(
        _events(cases, resolution.rows, actor, batch), batch_size=BATCH
    )
    FolioCounter.objects.bulk_update(counters.values(), ["last_value"])
    return cases


def _create_people(rows: list[ImportRow]) -> list[Person]:
    people = [
        Person(office_id=row.office.pk, **{name: getattr(row, name) for name in PERSON_FIELDS})
        for row in rows
    ]
    Person.objects.bulk_create(people, batch_size=BATCH)
    _require_ids(people)
    return people


def _require_ids(objects: list[Any]) -> None:
    # PostgreSQL and SQLite >= 3.35 return ids from bulk inserts; nothing older is supported.
    if any(obj.pk is None for obj in objects):
        raise RuntimeError("The database returned no ids from a bulk insert.")


def _build_cases(resolution: Resolution, people: list[Person], actor: Actor) -> list[Case]:
    cases = []
    for row, (is_new, key) in zip(resolution.rows, resolution.beneficiaries, strict=True):
        beneficiary_id = people[key].pk if is_new else key
        cases.append(
            Case(
                office_id=row.office.pk,
                office_override_reason=row.override_reason,
                channel=row.channel,
                beneficiary_id=beneficiary_id,
                priority=row.priority,
                materia_id=row.materia_id,
                subtype_id=row.subtype_id,
                summary=row.summary,
                status=row.status,
                opened_at=row.opened_at,
                closed_at=row.closed_at,
                closure_reason=row.closure_reason,
                created_by=actor.user,
                **dict.fromkeys(row.flags, True),
            )
        )
    return cases


def _assign_folios(
    cases: list[Case], rows: list[ImportRow], counters: dict[tuple[int, int], FolioCounter]
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
) -> list[CaseEvent]:
    """The opening event case_open writes (plus the file's reference), and for a case that
    already moved on, the status change that brought it there."""
    events = []
    for case, row in zip(cases, rows, strict=True):
        opened: dict[str, Any] = {
            "after": {
                "status": str(CaseStatus.OPEN),
                "office": row.office.code,
                "channel": row.channel,
                "materia": row.materia_code,
                "subtype": row.subtype_code,
                "priority": row.priority,
                "assigned_to": None,
            },
            "import_batch": batch,
        }
        if row.reference:
            opened[REFERENCE_KEY] = row.reference
        events.append(_event(case, EventKind.OPENED, actor, row.opened_at, opened))
        if row.status != CaseStatus.OPEN:
            change = {
                "before": {"status": str(CaseStatus.OPEN), "closure_reason": ""},
                "after": {"status": row.status, "closure_reason": row.closure_reason},
                "import_batch": batch,
            }
            at = row.closed_at or row.opened_at
            events.append(_event(case, EventKind.STATUS_CHANGED, actor, at, change))
    return events


def _event(
    case: Case, kind: str, actor: Actor, at: datetime, payload: dict[str, Any]
) -> CaseEvent:
    return CaseEvent(case_id=case.pk, kind=kind, actor=actor.user, at=at, payload=payload)
