"""The rules table: how far each role reads and writes, and the named grants that make
the few exceptions. Both the queryset filter (checkpoint.visible) and the yes/no
predicates below are built from these two tables, so a rule is written once."""

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from amparo.accounts.actor import Actor, Delegation
from amparo.accounts.models import Role
from amparo.network.models import Office, OfficeKind


class Reach(StrEnum):
    EVERY_OFFICE = "every_office"
    OWN_OFFICE = "own_office"
    GRANTED = "granted"  # only the records a grant opens (e.g. PALE referrals)
    NOTHING = "nothing"


@dataclass(frozen=True)
class RoleRule:
    read: Reach
    write: Reach


RULES: dict[str, RoleRule] = {
    Role.CENTRAL_ADMIN: RoleRule(read=Reach.EVERY_OFFICE, write=Reach.EVERY_OFFICE),
    Role.CENTRAL_ANALYST: RoleRule(read=Reach.EVERY_OFFICE, write=Reach.NOTHING),
    Role.HEAD_OF_OFFICE: RoleRule(read=Reach.OWN_OFFICE, write=Reach.OWN_OFFICE),
    Role.CONSULAR_OFFICER: RoleRule(read=Reach.OWN_OFFICE, write=Reach.OWN_OFFICE),
    Role.HOTLINE_OPERATOR: RoleRule(read=Reach.OWN_OFFICE, write=Reach.OWN_OFFICE),
    Role.EXTERNAL_LAWYER: RoleRule(read=Reach.GRANTED, write=Reach.NOTHING),
    Role.AUDITOR: RoleRule(read=Reach.NOTHING, write=Reach.NOTHING),
}
NO_ACCESS = RoleRule(read=Reach.NOTHING, write=Reach.NOTHING)

# Central analysts read personal data in bulk (exports, paged API lists) only with a
# stated reason, which goes to the access trail.
STATED_REASON_ROLES = frozenset({Role.CENTRAL_ANALYST})


class Grant(StrEnum):
    # Standing: the hotline sees nationwide THAT a case exists (folio, office, status).
    CASE_EXISTENCE_NATIONWIDE = "case_existence_nationwide"
    # Delegated: an escalation writes into the routed office on the operator's behalf.
    ESCALATION_TO_OFFICE = "escalation_to_office"
    # Per record (scopes.Scope.widened_by): a PALE referral opens a case to its provider.
    PALE_REFERRAL = "pale_referral"
    # Per record: an alert routed to an office opens it to that office's staff.
    ALERT_ROUTED_TO_OFFICE = "alert_routed_to_office"
    # Per record: the CIAM's live board reads every active alert (and acknowledges it when
    # the alert climbs to the CIAM's supervision).
    ALERT_BOARD_NATIONWIDE = "alert_board_nationwide"
    # Standing: the trail's readers turn a folio, call number, name or identifier into the
    # record's reference (kind, id, a short label) to ask who accessed it; never its content.
    AUDIT_RECORD_LOOKUP = "audit_record_lookup"


@dataclass(frozen=True)
class GrantRule:
    holders: frozenset[Role]
    writes: bool = False
    # Office roles hold the grant only when they work at an office of this kind.
    office_roles_only_at: OfficeKind | None = None


OFFICE_ROLES = frozenset({Role.HEAD_OF_OFFICE, Role.CONSULAR_OFFICER, Role.HOTLINE_OPERATOR})
CENTRAL_ROLES = frozenset({Role.CENTRAL_ADMIN, Role.CENTRAL_ANALYST})

GRANTS: dict[Grant, GrantRule] = {
    Grant.CASE_EXISTENCE_NATIONWIDE: GrantRule(
        holders=frozenset({Role.HOTLINE_OPERATOR, Role.HEAD_OF_OFFICE}) | CENTRAL_ROLES,
        office_roles_only_at=OfficeKind.CONTACT_CENTER,
    ),
    Grant.ESCALATION_TO_OFFICE: GrantRule(
        holders=frozenset({Role.HOTLINE_OPERATOR, Role.HEAD_OF_OFFICE, Role.CENTRAL_ADMIN}),
        writes=True,
        office_roles_only_at=OfficeKind.CONTACT_CENTER,
    ),
    Grant.PALE_REFERRAL: GrantRule(holders=frozenset({Role.EXTERNAL_LAWYER})),
    Grant.ALERT_ROUTED_TO_OFFICE: GrantRule(holders=OFFICE_ROLES, writes=True),
    Grant.ALERT_BOARD_NATIONWIDE: GrantRule(
        holders=frozenset({Role.HOTLINE_OPERATOR, Role.HEAD_OF_OFFICE}),
        writes=True,
        office_roles_only_at=OfficeKind.CONTACT_CENTER,
    ),
    Grant.AUDIT_RECORD_LOOKUP: GrantRule(holders=frozenset({Role.AUDITOR, Role.CENTRAL_ADMIN})),
}


def rule_for(actor: Actor | None) -> RoleRule:
    if actor is None:
        return NO_ACCESS
    return RULES.get(actor.role, NO_ACCESS)


def _reaches(reach: Reach, actor: Actor, office_id: int | None) -> bool:
    if reach == Reach.EVERY_OFFICE:
        return True
    return reach == Reach.OWN_OFFICE and office_id is not None and actor.office_id == office_id


def _delegated(actor: Actor, office_id: int | None, *, write: bool) -> bool:
    return any(
        d.office_id == office_id and (GRANTS[Grant(d.grant)].writes or not write)
        for d in actor.delegations
    )


def may_read_office(actor: Actor | None, office_id: int | None) -> bool:
    """May the actor read records owned by this office (grants per record aside)?"""
    if actor is None:
        return False
    return _reaches(rule_for(actor).read, actor, office_id) or _delegated(
        actor, office_id, write=False
    )


def may_write_office(actor: Actor | None, office_id: int | None) -> bool:
    """May the actor create or change records owned by this office?"""
    if actor is None:
        return False
    return _reaches(rule_for(actor).write, actor, office_id) or _delegated(
        actor, office_id, write=True
    )


def holds(actor: Actor | None, grant: Grant) -> bool:
    if actor is None:
        return False
    rule = GRANTS[grant]
    if actor.role not in rule.holders:
        return False
    if rule.office_roles_only_at is not None and actor.role in OFFICE_ROLES:
        return actor.office.kind == rule.office_roles_only_at
    return True


def delegate(actor: Actor, grant: Grant, office: Office) -> Actor:
    """The same actor, also allowed what `grant` opens in `office` (e.g. an escalation's
    writes in the routed consulate). PermissionDenied if the actor does not hold it."""
    if not holds(actor, grant):
        raise PermissionDenied(_("No tiene permiso para esta operación."))
    return actor.with_delegation(Delegation(grant=grant, office_id=office.pk))


def bulk_read_needs_reason(actor: Actor | None) -> bool:
    return actor is not None and actor.role in STATED_REASON_ROLES
