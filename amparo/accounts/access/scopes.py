"""Which models hold sensitive data, and how each reaches the office that owns it. One
table, so a reader sees every scoped model in one place; a new module adds its lines here.

`office` is the lookup from the model to its owning office id. `widened_by` names the
grants (rules.Grant) that open a record to someone outside that office, with the filter
that picks the records each grant opens for an actor."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models

from amparo.accounts.access.rules import Grant
from amparo.accounts.actor import Actor


@dataclass(frozen=True)
class Scope:
    office: str
    widened_by: Mapping[Grant, Callable[[Actor], models.Q]] = field(default_factory=dict)


# legal.models.OPEN_TO_PROVIDER and ContractStatus.IN_FORCE, spelled out here: the
# rulebook imports no app's models.
PALE_OPEN_TO_PROVIDER = ("sent", "accepted", "in_progress", "concluded")
PALE_CONTRACT_IN_FORCE = "in_force"
# alerts.models.ACTIVE, spelled out here for the same reason.
ALERTS_ACTIVE = ("received", "acknowledged", "help")


def _routed_here(prefix: str = "") -> Callable[[Actor], models.Q]:
    """Alerts (or what hangs from them) routed to the actor's office."""
    return lambda actor: models.Q(**{f"{prefix}office_id": actor.office_id})


def _active_alert(prefix: str = "") -> Callable[[Actor], models.Q]:
    """Active alerts (or what hangs from them), for the CIAM's live board."""
    return lambda actor: models.Q(**{f"{prefix}status__in": ALERTS_ACTIVE})


def _alert_scope(prefix: str = "") -> "Scope":
    """An alert belongs to its registrant's office; the office it was routed to acts on
    it, and the CIAM's board follows it while it is active."""
    return Scope(
        office=f"{prefix}home_office_id",
        widened_by={
            Grant.ALERT_ROUTED_TO_OFFICE: _routed_here(prefix),
            Grant.ALERT_BOARD_NATIONWIDE: _active_alert(prefix),
        },
    )


def _referred_to(actor: Actor, prefix: str = "") -> models.Q:
    """Referrals (or what hangs from them) open to a provider the actor is a lawyer of,
    under a contract still in force: ending the contract ends the access."""
    # The actor's providers as a subquery, not a join through the lawyers: one row per
    # referral, and PostgreSQL reads the referrals by provider.
    lawyers = apps.get_model("legal", "ProviderLawyer")._default_manager
    return models.Q(**{
        f"{prefix}provider__in": lawyers.filter(user=actor.user).values("provider"),
        f"{prefix}status__in": PALE_OPEN_TO_PROVIDER,
        f"{prefix}contract__status": PALE_CONTRACT_IN_FORCE,
    })  # fmt: skip


SCOPES: dict[str, Scope] = {
    # Memberships are scoped like any office record: a head manages their own office's.
    "accounts.Membership": Scope(office="office_id"),
    "people.Person": Scope(office="office_id"),
    "people.IdentityDocument": Scope(office="person__office_id"),
    "people.Contact": Scope(office="person__office_id"),
    "people.PersonMerge": Scope(office="survivor__office_id"),
    "cases.Case": Scope(office="office_id"),
    "cases.CaseAttachment": Scope(office="case__office_id"),
    # A transfer belongs to the office that must decide on it: the receiving office sees
    # the pending request (never the case itself) until it accepts.
    "cases.CaseTransfer": Scope(office="to_office_id"),
    "hotline.Call": Scope(office="office_id"),
    "hotline.Callback": Scope(office="call__office_id"),
    # The receiving consulate sees (and acknowledges) the escalation, never the call.
    "hotline.Escalation": Scope(office="office_id"),
    "hotline.HotlineShift": Scope(office="office_id"),
    "hotline.TelephonyEvent": Scope(office="office_id"),
    # Supervisors see their office's notices; the inbox itself is scoped by recipient.
    "notifications.Notification": Scope(office="office_id"),
    "notifications.OnDutyShift": Scope(office="office_id"),
    # Preventive outreach: an event and everything recorded about it belong to the office
    # that holds it. Published events are also on the public pages, which show no
    # personal data (outreach.selectors.public_events).
    "outreach.Event": Scope(office="office_id"),
    "outreach.EventReport": Scope(office="event__office_id"),
    "outreach.HeadcountCell": Scope(office="report__event__office_id"),
    "outreach.Registration": Scope(office="event__office_id"),
    "outreach.Feedback": Scope(office="event__office_id"),
    # Economic support: a fund, its accounts and its ledger belong to the office that
    # administers the fund (headquarters, for the national funds).
    "support.Fund": Scope(office="office_id"),
    "support.Account": Scope(office="fund__office_id"),
    "support.Posting": Scope(office="fund__office_id"),
    "support.Transfer": Scope(office="fund__office_id"),
    # A request belongs to the office of its case; the fund's office (headquarters)
    # decides on it through its own role (central administration reads every office).
    "support.SupportRequest": Scope(office="office_id"),
    "support.CoFunder": Scope(office="request__office_id"),
    "support.Approval": Scope(office="request__office_id"),
    "support.LogisticsItem": Scope(office="request__office_id"),
    # Detention: a facility belongs to the office whose jurisdiction holds it (its pages
    # show who is held there); its name and address are public, offered to every office
    # in choices (detention.selectors.facility_choices). A detention, a visit, a follow-up
    # and an advisory belong to the office that records them.
    "detention.Facility": Scope(office="office_id"),
    "detention.Detention": Scope(office="office_id"),
    "detention.Stay": Scope(office="detention__office_id"),
    "detention.Visit": Scope(office="office_id"),
    "detention.Seen": Scope(office="visit__office_id"),
    "detention.FollowUp": Scope(office="office_id"),
    "detention.Advisory": Scope(office="office_id"),
    # PALE: providers, their lawyers and contracts belong to the office that coordinates or
    # signs them. A referral belongs to the office of its case; while it is open to the
    # provider (sent, accepted, in progress, concluded: legal.models.OPEN_TO_PROVIDER) the
    # provider's lawyers read it and its updates — revoked or declined, nothing.
    "legal.Provider": Scope(office="office_id"),
    "legal.ProviderLawyer": Scope(office="provider__office_id"),
    "legal.BarAdmission": Scope(office="provider__office_id"),
    "legal.ProviderContact": Scope(office="provider__office_id"),
    "legal.Contract": Scope(office="office_id"),
    "legal.ContractDocument": Scope(office="contract__office_id"),
    "legal.Referral": Scope(office="office_id", widened_by={Grant.PALE_REFERRAL: _referred_to}),
    "legal.Fee": Scope(office="contract__office_id"),
    "legal.InvoiceLine": Scope(
        office="office_id",
        widened_by={Grant.PALE_REFERRAL: lambda a: _referred_to(a, "referral__")},
    ),
    "legal.ReferralUpdate": Scope(
        office="referral__office_id",
        widened_by={Grant.PALE_REFERRAL: lambda a: _referred_to(a, "referral__")},
    ),
    # The provider reads the documents of its referrals that are shared with it (its own
    # uploads are).
    "legal.ReferralDocument": Scope(
        office="referral__office_id",
        widened_by={
            Grant.PALE_REFERRAL: lambda a: (
                _referred_to(a, "referral__") & models.Q(shared_with_provider=True)
            )
        },
    ),
    "legal.CapitalDeadline": Scope(office="office_id"),
    # The alert button: a registrant, their contacts and phones belong to the office that
    # enrolled them; alerts as _alert_scope says.
    "alerts.Registrant": Scope(office="office_id"),
    "alerts.TrustedContact": Scope(office="registrant__office_id"),
    "alerts.Device": Scope(office="registrant__office_id"),
    "alerts.DevicePushSubscription": Scope(office="device__registrant__office_id"),
    "alerts.ProvisioningCode": Scope(office="registrant__office_id"),
    "alerts.Alert": _alert_scope(),
    "alerts.AlertPosition": _alert_scope("alert__"),
    "alerts.AlertEvent": _alert_scope("alert__"),
    "alerts.FamilyAccess": Scope(office="alert__home_office_id"),
    "alerts.OfficePolicy": Scope(office="office_id"),
}


def scope_for(model: type[models.Model]) -> Scope:
    try:
        return SCOPES[model._meta.label]
    except KeyError as error:
        raise LookupError(f"{model._meta.label} is not in amparo.accounts.access.scopes") from error


def is_scoped(model: type[models.Model]) -> bool:
    return model._meta.label in SCOPES


def scoped_models() -> list[type[models.Model]]:
    return [apps.get_model(label) for label in SCOPES]


def owner_office_id(obj: models.Model) -> int | None:
    """The id of the office owning `obj`, following its scope's lookup."""
    value: Any = obj
    for part in scope_for(obj.__class__).office.split("__"):
        if value is None:
            return None
        value = getattr(value, part)
    return value
