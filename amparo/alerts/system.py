"""Who writes when a phone raises an alert: the CIAM's alert service, a user that cannot sign
in (no usable password, inactive), acting as a CIAM operator. Like an operator escalating a
call, it writes into the office an alert is routed to through the ESCALATION_TO_OFFICE
grant, so the trail shows the service, the CIAM and the grant."""

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from amparo.accounts.access import Grant, delegate
from amparo.accounts.actor import Actor
from amparo.accounts.models import Membership, Role, User
from amparo.network.models import Office, OfficeKind

USERNAME = "sistema.alertas"


def ciam() -> Office | None:
    return Office.objects.filter(kind=OfficeKind.CONTACT_CENTER).order_by("pk").first()


def service_actor() -> Actor:
    office = ciam()
    if office is None:
        raise ImproperlyConfigured("The alert button needs the CIAM (a contact-center office).")
    with transaction.atomic():
        user, created = User.objects.get_or_create(
            username=USERNAME, defaults={"first_name": "Sistema", "last_name": "Botón de alerta",
                                         "is_active": False},
        )  # fmt: skip
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        membership, _created = Membership.objects.get_or_create(
            user=user, office=office, role=Role.HOTLINE_OPERATOR, defaults={"is_active": True}
        )
    return Actor(user=user, membership=membership)


def acting_for(office: Office) -> Actor:
    """The service, allowed to write in `office` for one operation."""
    return delegate(service_actor(), Grant.ESCALATION_TO_OFFICE, office)
