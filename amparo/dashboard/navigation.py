"""The main navigation, filtered by the acting role. Each app adds its entries here."""

from dataclasses import dataclass
from functools import cache

from django.urls import ResolverMatch, get_script_prefix, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from amparo.accounts.actor import Actor
from amparo.accounts.models import Role
from amparo.guidance.permissions import READER_ROLES as GUIDANCE_READER_ROLES
from amparo.outreach.permissions import READER_ROLES as OUTREACH_READER_ROLES

ALL_ROLES = frozenset(Role)


@cache
def _href(url_name: str, script_prefix: str) -> str:
    """reverse() once per entry (and prefix), not on every page: it costs ~70 µs a call."""
    return reverse(url_name)


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    roles: frozenset[str]

    @property
    def href(self) -> str:
        return _href(self.url_name, get_script_prefix())

    @property
    def namespace(self) -> str:
        """The URL namespace ("people" for "people:list"): pages under it mark the entry."""
        return self.url_name.rpartition(":")[0]


ENTRIES: list[NavEntry] = [
    NavEntry(_("Inicio"), "dashboard:home", ALL_ROLES),
    NavEntry(_("Red consular"), "network:offices", ALL_ROLES),
    NavEntry(
        _("Usuarios"), "accounts:user_list", frozenset({Role.CENTRAL_ADMIN, Role.HEAD_OF_OFFICE})
    ),
    NavEntry(
        _("Personas"),
        "people:list",
        frozenset(
            {
                Role.CENTRAL_ADMIN,
                Role.CENTRAL_ANALYST,
                Role.HEAD_OF_OFFICE,
                Role.CONSULAR_OFFICER,
                Role.HOTLINE_OPERATOR,
            }
        ),
    ),
    NavEntry(
        _("Casos"),
        "cases:list",
        frozenset(
            {
                Role.CENTRAL_ADMIN,
                Role.CENTRAL_ANALYST,
                Role.HEAD_OF_OFFICE,
                Role.CONSULAR_OFFICER,
                Role.HOTLINE_OPERATOR,
            }
        ),
    ),
    NavEntry(
        _("Línea CIAM"),
        "hotline:home",
        frozenset(
            {
                Role.CENTRAL_ADMIN,
                Role.CENTRAL_ANALYST,
                Role.HEAD_OF_OFFICE,
                Role.CONSULAR_OFFICER,
                Role.HOTLINE_OPERATOR,
            }
        ),
    ),
    NavEntry(
        _("Alertas"),
        "alerts:board",
        frozenset(
            {
                Role.CENTRAL_ADMIN,
                Role.CENTRAL_ANALYST,
                Role.HEAD_OF_OFFICE,
                Role.CONSULAR_OFFICER,
                Role.HOTLINE_OPERATOR,
            }
        ),
    ),
    NavEntry(_("Prevención"), "outreach:list", OUTREACH_READER_ROLES),
    NavEntry(
        _("Detención"),
        "detention:overview",
        frozenset(
            {Role.CENTRAL_ADMIN, Role.CENTRAL_ANALYST, Role.HEAD_OF_OFFICE, Role.CONSULAR_OFFICER}
        ),
    ),
    NavEntry(
        _("PALE"),
        "legal:referrals",
        frozenset(
            {Role.CENTRAL_ADMIN, Role.CENTRAL_ANALYST, Role.HEAD_OF_OFFICE, Role.CONSULAR_OFFICER}
        ),
    ),
    NavEntry(_("Mis canalizaciones"), "legal:portal", frozenset({Role.EXTERNAL_LAWYER})),
    NavEntry(
        _("Apoyos económicos"),
        "support:requests",
        frozenset(
            {Role.CENTRAL_ADMIN, Role.CENTRAL_ANALYST, Role.HEAD_OF_OFFICE, Role.CONSULAR_OFFICER}
        ),
    ),
    NavEntry(_("Bitácora"), "audit:records", frozenset({Role.AUDITOR, Role.CENTRAL_ADMIN})),
    NavEntry(_("Avisos"), "notifications:inbox", ALL_ROLES),
    NavEntry(_("Guías"), "guidance:list", GUIDANCE_READER_ROLES),
    NavEntry(_("Fusiones de personas"), "people:merges", frozenset({Role.CENTRAL_ADMIN})),
]


def entries_for(actor: Actor | None) -> list[NavEntry]:
    if actor is None:
        return []
    return [entry for entry in ENTRIES if actor.role in entry.roles]


@dataclass(frozen=True)
class NavLink:
    """An entry as the header draws it."""

    href: str
    label: str
    current: str  # aria-current: "page" on the entry's own page, "true" under its namespace


def links_for(actor: Actor | None, match: ResolverMatch | None) -> list[NavLink]:
    """The acting role's entries, the one for the page being shown marked."""
    view_name, namespace = (match.view_name, match.namespace) if match else ("", "")
    links = []
    for entry in entries_for(actor):
        if view_name == entry.url_name:
            current = "page"
        elif entry.namespace and namespace == entry.namespace:
            current = "true"
        else:
            current = ""
        links.append(NavLink(entry.href, str(entry.label), current))
    return links
