"""Forms for the hotline pages. Field order is the tab order operators use."""

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.accounts.models import User
from amparo.cases.models import Subtype
from amparo.cases.selectors import selectable_subtypes
from amparo.core.forms import date_input
from amparo.hotline.models import (
    CallbackOutcome,
    HotlineShift,
    Language,
    OriginCountry,
    Outcome,
    Urgency,
)
from amparo.hotline.topics import CallTopic
from amparo.network.models import JURISDICTION_KINDS, Office

# Topic → (materia, subtype) suggested when a call becomes a case.
TOPIC_SUBTYPES: dict[str, tuple[str, str]] = {
    CallTopic.DETENTION_DEPORTATION: ("MIGRATORIO", "DETENCION_DEPORTACION"),
    CallTopic.LOCATE_RELATIVE: ("ADMINISTRATIVO", "LOCALIZACION"),
    CallTopic.EMERGENCY_RESCUE: ("ADMINISTRATIVO", "LOCALIZACION"),
    CallTopic.HEALTH: ("ADMINISTRATIVO", "REPATRIACION_PACIENTES"),
    CallTopic.LABOR: ("LABORAL", "OTRO"),
    CallTopic.FAMILY: ("CIVIL_FAMILIAR", "OTRO"),
    CallTopic.VIOLENCE_AGAINST_WOMEN: ("DERECHOS_HUMANOS", "OTRO"),
}
DEFAULT_SUBTYPE = ("ADMINISTRATIVO", "OTRO")

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _local_now() -> str:
    return timezone.localtime().strftime(DATETIME_FORMAT)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def _attrs(accesskey: str = "", **extra: str) -> dict[str, str]:
    attrs = dict(extra)
    if accesskey:
        attrs["accesskey"] = accesskey
    return attrs


class CallForm(forms.Form):
    caller_phone = forms.CharField(
        label=_("Teléfono de quien llama"),
        required=False,
        max_length=32,
        widget=forms.TextInput(
            attrs=_attrs("t", autofocus="autofocus", inputmode="tel", autocomplete="off")
        ),
    )
    caller_name = forms.CharField(
        label=_("Nombre de quien llama"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=_attrs("n", autocomplete="off")),
    )
    origin_country = forms.ChoiceField(
        label=_("Llama desde"), choices=OriginCountry.choices, initial=OriginCountry.US
    )
    origin_state = forms.CharField(
        label=_("Estado o provincia"),
        required=False,
        max_length=8,
        help_text=_("Clave de dos letras, p. ej. AZ, TX, ON."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": "4"}),
    )
    county = forms.CharField(label=_("Condado"), required=False, max_length=100)
    zip_code = forms.CharField(
        label=_("Código postal"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    language = forms.ChoiceField(label=_("Idioma"), choices=Language.choices, initial="es")
    topic = forms.ChoiceField(
        label=_("Tema"),
        choices=[("", "—"), *CallTopic.choices],
        widget=forms.Select(attrs=_attrs("m")),
    )
    summary = forms.CharField(
        label=_("Resumen"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs=_attrs("r", rows="4")),
    )
    outcome = forms.ChoiceField(
        label=_("Resultado"),
        choices=Outcome.choices,
        initial=Outcome.INFORMATION,
        widget=forms.Select(attrs=_attrs("o")),
    )
    callback_due_at = forms.DateTimeField(
        label=_("Devolver la llamada a más tardar"),
        required=False,
        help_text=_("Solo si el resultado es «Devolución de llamada programada»."),
        widget=DateTimeLocalInput(),
    )
    started_at = forms.DateTimeField(label=_("Inicio de la llamada"), widget=DateTimeLocalInput())
    telephony_call_id = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["started_at"].initial = _local_now
        self.fields["callback_due_at"].initial = lambda: (
            timezone.localtime() + timedelta(hours=1)
        ).strftime(DATETIME_FORMAT)

    def clean_origin_state(self) -> str:
        return str(self.cleaned_data.get("origin_state", "")).strip().upper()


AFFECTED_CHOICES = [
    ("caller", _("La persona que llama")),
    ("other", _("Otra persona: un familiar, su pareja, alguien que conoce")),
]


class EscalationForm(forms.Form):
    affected = forms.ChoiceField(
        label=_("¿Quién necesita la protección?"),
        choices=AFFECTED_CHOICES,
        initial="caller",
        widget=forms.RadioSelect(attrs={"data-affected": "1"}),
    )
    caller_relation = forms.CharField(
        label=_("Relación de quien llama con esa persona"),
        max_length=80,
        required=False,
        help_text=_("Por ejemplo: esposa, hijo, hermana, empleador."),
    )
    given_names = forms.CharField(
        label=_("Nombre(s) de la persona afectada"),
        max_length=120,
        widget=forms.TextInput(attrs={"autofocus": "autofocus", "data-caller-name": "1"}),
    )
    first_surname = forms.CharField(
        label=_("Primer apellido"),
        max_length=80,
        widget=forms.TextInput(attrs={"data-caller-name": "1"}),
    )
    second_surname = forms.CharField(
        label=_("Segundo apellido"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"data-caller-name": "1"}),
    )
    subtype = forms.ModelChoiceField(label=_("Tipo de caso"), queryset=Subtype.objects.none())
    urgency = forms.ChoiceField(
        label=_("Urgencia"),
        choices=Urgency.choices,
        initial=Urgency.NONE,
        help_text=_("Las urgentes avisan de inmediato a la guardia del consulado."),
    )
    note = forms.CharField(
        label=_("Nota para el consulado"),
        required=False,
        widget=forms.Textarea(attrs={"rows": "3"}),
        help_text=_("Si la deja vacía se usa el resumen de la llamada."),
    )
    latitude = forms.FloatField(label=_("Latitud"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("Longitud"), required=False, min_value=-180, max_value=180)
    chosen_office = forms.ModelChoiceField(
        label=_("Representación (si no se encuentra por el lugar)"),
        queryset=Office.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        subtype_field = self.fields["subtype"]
        assert isinstance(subtype_field, forms.ModelChoiceField)
        subtype_field.queryset = selectable_subtypes()
        office_field = self.fields["chosen_office"]
        assert isinstance(office_field, forms.ModelChoiceField)
        office_field.queryset = Office.objects.filter(kind__in=JURISDICTION_KINDS).order_by(
            "country", "name"
        )


def suggested_subtype(topic: str) -> Subtype | None:
    materia, code = TOPIC_SUBTYPES.get(topic, DEFAULT_SUBTYPE)
    return selectable_subtypes().filter(materia__code=materia, code=code).first()


class CallbackScheduleForm(forms.Form):
    due_at = forms.DateTimeField(label=_("Devolver a más tardar"), widget=DateTimeLocalInput())
    assigned_to = forms.ModelChoiceField(
        label=_("Asignar a"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Al turno de esa hora"),
    )

    def __init__(self, *args: Any, operators: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assigned_to"]
        assert isinstance(field, forms.ModelChoiceField)
        if operators is not None:
            field.queryset = operators


class CallbackAttemptForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Resultado del intento"), choices=CallbackOutcome.choices)
    note = forms.CharField(label=_("Nota"), required=False, max_length=2000)
    next_due_at = forms.DateTimeField(
        label=_("Nuevo intento a más tardar"), required=False, widget=DateTimeLocalInput()
    )


class ShiftForm(forms.Form):
    starts_at = forms.TimeField(
        label=_("Inicio"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    ends_at = forms.TimeField(
        label=_("Fin"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    operators = forms.ModelMultipleChoiceField(
        label=_("Operadores"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, shift: HotlineShift, operators: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", shift.kind)
        super().__init__(*args, **kwargs)
        field = self.fields["operators"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = operators
        self.shift = shift


class ReportForm(forms.Form):
    date_from = forms.DateField(label=_("Desde"), widget=date_input())
    date_to = forms.DateField(label=_("Hasta"), widget=date_input())
    office = forms.ModelChoiceField(label=_("CIAM"), queryset=Office.objects.none())

    def __init__(self, *args: Any, offices: list[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["office"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Office.objects.filter(pk__in=[office.pk for office in offices])
        if offices:
            field.initial = offices[0].pk
