"""The main navigation, filtered by the acting role. Each app adds its entries here."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from amparo.accounts.actor import Actor
from amparo.accounts.models import Role

ALL_ROLES = frozenset(Role)


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    roles: frozenset[str]


ENTRIES: list[NavEntry] = [
    NavEntry(_("Inicio"), "dashboard:home", ALL_ROLES),
]


def entries_for(actor: Actor | None) -> list[NavEntry]:
    if actor is None:
        return []
    return [entry for entry in ENTRIES if actor.role in entry.roles]
