"""From what people know to "who accessed this record?": an auditor types a case folio, a
call number, a person's name (typos forgiven, as people.search), an A-number, a document
number or a phone, and gets references to the records it names.

This is the standing grant AUDIT_RECORD_LOOKUP (access rule 7). It stays narrow because:
only the trail's readers hold it; it returns references (kind, id and a short label: a folio,
a call number, a person's name with the owning office's code), never a record's content; it reaches the same offices as the trail the actor reads (audit.selectors
rule 3); and every lookup is written to the trail (without the words searched)."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from amparo.accounts.access import Grant, holds
from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.folios import typed_folio
from amparo.cases.models import Case
from amparo.hotline.call_numbers import may_be_an_identifier, typed_call_number
from amparo.hotline.models import Call
from amparo.network.models import OfficeKind
from amparo.people.models import Person
from amparo.people.search import search_people_in

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
    folio = typed_folio(query)
    if folio is not None:
        return _cases(_reach(actor, Case.objects.all()).filter(folio=folio))
    targets: list[AuditTarget] = []
    call_number = typed_call_number(query)
    if call_number is not None:
        targets += _calls(_reach(actor, Call.objects.all()).filter(pk=call_number))
    if may_be_an_identifier(query):
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
