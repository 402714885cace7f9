"""Reads of the PALE network, through the access rules: an office reads its providers,
contracts and referrals; a provider's lawyers read only the referrals open to them."""

from django.db.models import QuerySet

from amparo.accounts.access import get_for_actor, visible
from amparo.accounts.actor import Actor
from amparo.legal.models import Contract, Provider, Referral


def referrals_for(actor: Actor) -> QuerySet[Referral]:
    return visible(actor, Referral.objects.select_related("provider", "office", "case"))


def referral_for(actor: Actor, pk: object, *, write: bool = False) -> Referral:
    return get_for_actor(
        actor, Referral.objects.select_related("provider", "office", "case", "contract"), pk,
        write=write,
    )  # fmt: skip


def providers_for(actor: Actor) -> QuerySet[Provider]:
    return visible(actor, Provider.objects.select_related("office")).prefetch_related("materias")


def provider_for(actor: Actor, pk: object) -> Provider:
    return get_for_actor(actor, Provider.objects.select_related("office"), pk)


def contracts_of(actor: Actor, provider: Provider) -> QuerySet[Contract]:
    return visible(actor, provider.contracts.select_related("office"))
