"""The header's search box: one query, whatever it is — a case folio, a person's name (typos
and accents forgiven, people.search), an A-number, document or phone, or a call number. Every
read goes through the access rules and is audited like the page it would otherwise take."""

from dataclasses import dataclass, field

from amparo.accounts.access import visible
from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.folios import typed_folio
from amparo.cases.models import Case
from amparo.hotline.call_numbers import may_be_an_identifier, typed_call_number
from amparo.hotline.models import Call
from amparo.hotline.permissions import can_use_hotline
from amparo.people.permissions import can_see_people
from amparo.people.search import SearchHit
from amparo.people.selectors import people_search

PEOPLE_SHOWN = 20


@dataclass
class Found:
    cases: list[Case] = field(default_factory=list)
    people: list[SearchHit] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)

    @property
    def only(self) -> Case | Call | None:
        """The one record found by its own number (a folio, a call number), if that is all."""
        records: list[Case | Call] = [*self.cases, *self.calls]
        return records[0] if len(records) == 1 and not self.people else None


def find_anything(actor: Actor, query: str) -> Found:
    found = Found()
    query = (query or "").strip()[:120]
    if not query:
        return found
    folio = typed_folio(query)
    if folio is not None:
        found.cases = list(
            visible(actor, Case.objects.select_related("office")).filter(folio=folio)
        )
        audit_record(actor=actor, action=Action.LIST, target_type="cases.case", reason="search")
        return found
    call_number = typed_call_number(query)
    if call_number is not None and can_use_hotline(actor):
        found.calls = list(
            visible(actor, Call.objects.select_related("office")).filter(pk=call_number)
        )
        audit_record(actor=actor, action=Action.LIST, target_type="hotline.call", reason="search")
    if can_see_people(actor) and may_be_an_identifier(query):
        found.people = people_search(actor, query, limit=PEOPLE_SHOWN)
    return found
