from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.accounts.actor import Actor
from amparo.accounts.models import Role, User
from amparo.network.models import Office
from amparo.notifications.models import E164
from amparo.notifications.selectors import staff_for_roster


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


class StaffChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


def offices_for_roster(actor: Actor) -> Any:
    if actor.role == Role.CENTRAL_ADMIN:
        return Office.objects.order_by("name")
    return Office.objects.filter(pk=actor.office_id)


class ShiftForm(forms.Form):
    """Times are entered in the office's own time zone."""

    office = forms.ModelChoiceField(label=_("Representación"), queryset=Office.objects.none())
    user = StaffChoiceField(label=_("Persona de guardia"), queryset=User.objects.none())
    starts_at = forms.DateTimeField(label=_("Inicio"), widget=DateTimeLocalInput())
    ends_at = forms.DateTimeField(label=_("Fin"), widget=DateTimeLocalInput())

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offices = offices_for_roster(actor)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]
        self.fields["user"].queryset = staff_for_roster(offices)  # type: ignore[attr-defined]
        if actor.role != Role.CENTRAL_ADMIN:
            self.fields["office"].initial = actor.office_id
            self.fields["office"].widget = forms.HiddenInput()
        self.fields["starts_at"].help_text = _("Hora local de la representación.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        office = data.get("office")
        if office is not None:
            zone = ZoneInfo(office.time_zone)
            for name in ("starts_at", "ends_at"):
                value: datetime | None = data.get(name)
                if value is not None:
                    data[name] = value.replace(tzinfo=None).replace(tzinfo=zone)
        return data


class StaffContactForm(forms.Form):
    phone_e164 = forms.CharField(
        label=_("Celular para avisos urgentes"),
        max_length=20,
        required=False,
        help_text=_(
            "Formato internacional, p. ej. +15125550100. Déjelo vacío para no recibir SMS."
        ),
    )

    def clean_phone_e164(self) -> str:
        phone = str(self.cleaned_data["phone_e164"]).replace(" ", "").replace("-", "")
        if phone:
            E164(phone)
        return phone
