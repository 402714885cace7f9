"""Forms of the alert button's staff pages and of the family's status page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.alerts.models import FamilyStatus, Language, Outcome
from amparo.people.models import ContactRelation


class EnrolForm(forms.Form):
    phone = forms.CharField(label=_("Teléfono celular"), max_length=40)
    language = forms.ChoiceField(label=_("Idioma"), choices=Language.choices)
    pin = forms.RegexField(
        label=_("PIN (4 a 8 dígitos)"), regex=r"^\d{4,8}$",
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )  # fmt: skip
    duress_pin = forms.RegexField(
        label=_("PIN de coacción (opcional)"), regex=r"^\d{4,8}$", required=False,
        help_text=_("Si la obligan a cancelar, este PIN parece cancelar la alerta pero la mantiene activa."),
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )  # fmt: skip
    notice_accepted = forms.BooleanField(
        label=_("La persona leyó y aceptó el aviso de privacidad del botón de alerta")
    )


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Nombre"), max_length=120)
    relation = forms.ChoiceField(label=_("Relación"), choices=ContactRelation.choices)
    phone = forms.CharField(label=_("Teléfono"), max_length=40, required=False)
    email = forms.EmailField(label=_("Correo electrónico"), required=False)
    language = forms.ChoiceField(label=_("Idioma"), choices=Language.choices)
    sees = forms.MultipleChoiceField(
        label=_("Qué puede saber"), choices=FamilyStatus.choices,
        widget=forms.CheckboxSelectMultiple, initial=list(FamilyStatus.values),
    )  # fmt: skip


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Resultado"), choices=Outcome.choices)
    detail = forms.CharField(label=_("Detalle (sin datos personales)"), max_length=240,
                             required=False)  # fmt: skip


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("Motivo del cierre"), max_length=240)


class AckMinutesForm(forms.Form):
    minutes = forms.IntegerField(label=_("Minutos para acusar recibo"), min_value=1, max_value=60)


class FamilyCodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Código que recibió"), regex=r"^\d{6}$",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )  # fmt: skip
