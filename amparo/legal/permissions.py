"""Who may act on the PALE network, beyond reading (accounts.access decides that):
- offices' staff send, revoke and follow their referrals (the access rule's write);
- a provider's lawyers answer, report on and conclude the referrals open to their
  provider, and nothing else (the PALE_REFERRAL grant lets them read those only);
- sending without the national's consent needs the head of office (or central
  administration), with a reason;
- the head of office (or central administration) manages the office's providers and
  contracts: their records, bar admissions, contacts, contracts, renewals, documents."""

from django.db.models import Model

from amparo.accounts.access import holds, may_read, may_write
from amparo.accounts.access.rules import Grant
from amparo.accounts.actor import Actor
from amparo.accounts.models import Role
from amparo.legal.models import Referral

OVERRIDE_ROLES = frozenset({Role.HEAD_OF_OFFICE, Role.CENTRAL_ADMIN})


def is_lawyer_of(actor: Actor, referral: Referral) -> bool:
    """The actor is a lawyer of the referral's provider and the referral is open to them."""
    return (
        holds(actor, Grant.PALE_REFERRAL)
        and referral.provider.lawyers.filter(user=actor.user).exists()
        and may_read(actor, referral)
    )


def may_override_consent(actor: Actor) -> bool:
    return actor.role in OVERRIDE_ROLES


def may_manage(actor: Actor, record: Model) -> bool:
    """A provider or contract (or what hangs from it) the actor may change as its manager."""
    return actor.role in OVERRIDE_ROLES and may_write(actor, record)
