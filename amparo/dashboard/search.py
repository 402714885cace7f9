"""The header's search box: one query, whatever it is — a case folio, a person's name (typos
and accents forgiven, people.search), an A-number, document or phone, or a call number. Every
read goes through the access rules and is audited like the page it would otherwise take."""

import re
from dataclasses import dataclass, field

from amparo.accounts.access import visible
from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.folios import format_folio
from amparo.cases.models import Case
from amparo.hotline.models import Call
from amparo.hotline.permissions import can_use_hotline
from amparo.people.permissions import can_see_people
from amparo.people.search import SearchHit
from amparo.people.selectors import people_search

FOLIO = re.compile(r"^\s*([A-Za-z]{2,8})-(\d{4})-(\d{1,6})\s*$")
# "2026", "#2026", "n.º 2026", "llamada 2026", "llamada n.º 2026"
CALL_NUMBER = re.compile(r"^\s*(?:#|llamada\s+)?(?:n\.?\s*[ºo°]?\s*)?(\d{1,7})\s*$", re.IGNORECASE)
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
    folio = FOLIO.match(query)
    if folio:
        code, year, number = folio.groups()
        number_folio = format_folio(code, int(year), int(number))
        found.cases = list(
            visible(actor, Case.objects.select_related("office")).filter(folio=number_folio)
        )
        audit_record(actor=actor, action=Action.LIST, target_type="cases.case", reason="search")
        return found
    call = CALL_NUMBER.match(query)
    if call and can_use_hotline(actor):
        found.calls = list(
            visible(actor, Call.objects.select_related("office")).filter(pk=int(call.group(1)))
        )
        audit_record(actor=actor, action=Action.LIST, target_type="hotline.call", reason="search")
    # A short number is a call's; five digits or more may also be a document or phone.
    if can_see_people(actor) and (call is None or len(call.group(1)) >= 5):
        found.people = people_search(actor, query, limit=PEOPLE_SHOWN)
    return found
