"""The PALE lists that the bench times, written in Python — a measured shortcut
(docs/decisions.md), as the case list's rows are: the provider portal's rows (as template
code, 50 rows cost a reverse(), a translation and two time-zone conversions each) and the
ranked candidates (a dozen lookups and filters each). Every value is escaped with
html.escape before the rows are marked safe."""

from collections.abc import Iterable
from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from amparo.core.templatetags.local_time import office_time
from amparo.core.url_maker import url_maker
from amparo.legal.candidates import Candidate
from amparo.legal.models import ReferralStatus
from amparo.legal.selectors import PortalRow

register = template.Library()


@register.simple_tag
def portal_rows(rows: Iterable[PortalRow]) -> SafeString:
    # What is the same on every row is escaped once: the link, the number's words, the labels.
    url_of = url_maker("legal:portal_referral")
    number = escape(gettext("n.º %(number)s"))
    labels = {status: escape(str(label)) for status, label in ReferralStatus.choices}
    written = []
    for row in rows:
        pk = int(row.pk)
        due = row.answer_due
        written.append(
            f'<tr><td><a href="{escape(url_of(pk))}">{number % {"number": pk}}</a></td>'
            f"<td>{escape(str(row.fields.get('name') or '—'))}</td><td>{labels[row.status]}</td>"
            f"<td>{escape(office_time(row.sent_at, row.office))}</td>"
            f"<td>{escape(office_time(due, row.office)) if due else '—'}</td></tr>"
        )
    return mark_safe("\n".join(written))  # noqa: S308 - every value above went through escape()


@register.simple_tag
def candidate_items(candidates: Iterable[Candidate], chosen: object = None) -> SafeString:
    """The ranked list is the referral form's choice: each eligible candidate is a radio
    button (name "provider", checked when `chosen`), labelled with its name."""
    load = gettext("%(open)s de %(capacity)s abiertas")
    chosen = str(chosen or "")
    written = []
    for candidate in candidates:
        offer = candidate.offer
        pk = offer.provider_id
        reasons = f" · {escape('; '.join(candidate.reasons))}" if candidate.reasons else ""
        refusals = (
            f" · <strong>{escape(' '.join(candidate.refusals))}</strong>"
            if candidate.refusals
            else ""
        )
        opened = load % {"open": offer.open_referrals, "capacity": offer.capacity}
        name = f"<strong>{escape(offer.provider_name)}</strong>"
        if candidate.eligible:
            checked = " checked" if chosen == str(pk) else ""
            name = (
                f'<label><input type="radio" name="provider" value="{pk}"{checked}> {name}</label>'
            )
        written.append(
            f'<li data-provider="{pk}" data-eligible="{"yes" if candidate.eligible else "no"}">'
            f"{name} · {escape(opened)}{reasons}{refusals}</li>"
        )
    return mark_safe("\n".join(written))  # noqa: S308 - every value above went through escape()
