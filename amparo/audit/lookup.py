"""From what people know to "who accessed this record?": an auditor types a case folio, a
call number, a person's name (typos forgiven, as people.search), an A-number, a document
number or a phone, and gets references to the records it names.

This is the standing grant AUDIT_RECORD_LOOKUP (access rule 7). It stays narrow because:
only the trail's readers hold it; it returns references (kind, id and a short label: a folio,
a call number, a person's name with the owning office's code), never a record's content; it reaches the same offices as the trail the actor reads (audit.selectors
rule 3); and every lookup is written to the trail (without the words searched)."""

import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from amparo.accounts.access import Grant, holds
from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.folios import format_folio
from amparo.cases.models import Case
from amparo.hotline.models import Call
from amparo.network.models import OfficeKind
from amparo.people.models import Person
from amparo.people.search import search_people_in

FOLIO = re.compile(r"^\s*([A-Za-z]{2,8})-(\d{4})-(\d{1,6})\s*$")
CALL_NUMBER = re.compile(r"^\s*(?:#|llamada\s+)?(?:n\.?\s*[ºo°]?\s*)?(\d{1,7})\s*$", re.IGNORECASE)
PEOPLE_SHOWN = 10
CASES_PER_PERSON = 10


@dataclass(frozen=True)
class AuditTarget:
    target_type: str
    target_id: str
    kind: str
    label: str
    office_code: str


def audit_targets(actor: Actor | None, query: str) -> list[AuditTarget]:
    """References to the records `query` names, for the trail's "who accessed it" page."""
    query = (query or "").strip()[:120]
    if actor is None or not query or not holds(actor, Grant.AUDIT_RECORD_LOOKUP):
        return []
    audit_record(actor=actor, action=Action.LIST, target_type="audit.lookup", reason="lookup")
    folio = FOLIO.match(query)
    if folio:
        code, year, number = folio.groups()
        cases = _reach(actor, Case.objects.all()).filter(
            folio=format_folio(code, int(year), int(number))
        )
        return _cases(cases)
    targets: list[AuditTarget] = []
    call = CALL_NUMBER.match(query)
    if call:
        targets += _calls(_reach(actor, Call.objects.all()).filter(pk=int(call.group(1))))
    if call is None or len(call.group(1)) >= 5:  # five digits or more: maybe a document
        hits = search_people_in(_reach(actor, Person.objects.all()), query, limit=PEOPLE_SHOWN)
        for hit in hits:
            person = hit.person
            targets.append(
                AuditTarget(
                    "people.person", str(person.pk), _("Persona"), person.full_name,
                    person.office.code,
                )
            )  # fmt: skip
            targets += _cases(
                _reach(actor, Case.objects.filter(beneficiary=person))[:CASES_PER_PERSON]
            )
    return targets


def _reach[M: (Case, Call, Person)](actor: Actor, records: QuerySet[M]) -> QuerySet[M]:
    """The offices whose trail the actor reads: every office from headquarters, else its own."""
    if actor.office.kind == OfficeKind.HEADQUARTERS:
        return records
    return records.filter(Q(office_id=actor.office_id))


def _cases(cases: QuerySet[Case]) -> list[AuditTarget]:
    return [
        AuditTarget("cases.case", str(pk), _("Caso"), folio, office)
        for pk, folio, office in cases.values_list("pk", "folio", "office__code")
    ]


def _calls(calls: QuerySet[Call]) -> list[AuditTarget]:
    return [
        AuditTarget(
            "hotline.call",
            str(pk),
            _("Llamada"),
            _("Llamada n.º %(number)s") % {"number": pk},
            office,
        )
        for pk, office in calls.values_list("pk", "office__code")
    ]
