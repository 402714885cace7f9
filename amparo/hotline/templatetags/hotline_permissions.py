"""The hotline's permission rules as template filters, so menus offer only what the acting
role may open (amparo/hotline/permissions.py decides; the views check again)."""

from django import template

from amparo.accounts.actor import Actor
from amparo.hotline import permissions

register = template.Library()


@register.filter
def may_log_calls(actor: Actor | None) -> bool:
    return permissions.can_log_calls(actor)


@register.filter
def may_use_hotline(actor: Actor | None) -> bool:
    return permissions.can_use_hotline(actor)


@register.filter
def may_supervise(actor: Actor | None) -> bool:
    return permissions.can_supervise(actor)
