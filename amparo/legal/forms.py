"""Forms of the PALE pages."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.cases.models import Materia
from amparo.core.forms import date_input
from amparo.legal.models import (
    ConsentKind,
    ContractStatus,
    DeadlineKind,
    Outcome,
    ProviderKind,
    ServiceLevel,
)
from amparo.legal.services import SHAREABLE
from amparo.network.areas import CA_REGIONS, US_REGIONS

SHARE_LABELS = {
    "name": _("Nombre"),
    "a_number": _("Número A"),
    "date_of_birth": _("Fecha de nacimiento"),
    "languages": _("Lenguas"),
    "county": _("Condado y estado"),
    "summary": _("Resumen del caso"),
    "materia": _("Materia"),
}


class ReferralForm(forms.Form):
    provider = forms.ChoiceField(label=_("Proveedor"), widget=forms.RadioSelect)
    share = forms.MultipleChoiceField(
        label=_("Datos que verá el proveedor (el mínimo necesario)"),
        choices=[(name, SHARE_LABELS[name]) for name in SHAREABLE],
        widget=forms.CheckboxSelectMultiple, initial=["name", "materia"],
    )  # fmt: skip
    consent = forms.ChoiceField(label=_("Consentimiento"), choices=ConsentKind.choices)
    consent_detail = forms.CharField(
        label=_("Referencia del formato, testigo o motivo"), max_length=240
    )

    def __init__(self, *args: Any, providers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = providers  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Respuesta"), choices=[("yes", _("Aceptar")), ("no", _("Rechazar"))],
        coerce=lambda value: value == "yes", widget=forms.RadioSelect,
    )  # fmt: skip
    reason = forms.CharField(label=_("Motivo (si rechaza)"), max_length=240, required=False)


class ReportForm(forms.Form):
    text = forms.CharField(
        label=_("Nota"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    hearing_at = forms.DateTimeField(
        label=_("Audiencia (fecha y hora)"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )  # fmt: skip


class ConcludeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Resultado"), choices=Outcome.choices)
    detail = forms.CharField(label=_("Detalle (p. ej. la condena)"), max_length=240, required=False)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Motivo"), max_length=240)


class ProviderForm(forms.Form):
    name = forms.CharField(label=_("Nombre"), max_length=160)
    kind = forms.ChoiceField(label=_("Tipo"), choices=ProviderKind.choices)
    materias = forms.ModelMultipleChoiceField(
        label=_("Materias"), queryset=Materia.objects.filter(retired_at__isnull=True),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    languages = forms.CharField(label=_("Lenguas (claves separadas por comas)"), initial="es,en")
    phone = forms.CharField(label=_("Teléfono"), max_length=40, required=False)
    email = forms.EmailField(label=_("Correo electrónico"), required=False)


class ContractForm(forms.Form):
    starts_on = forms.DateField(label=_("Inicio"), widget=date_input())
    ends_on = forms.DateField(label=_("Fin"), widget=date_input())
    ceiling = forms.DecimalField(
        label=_("Techo (USD)"), max_digits=12, decimal_places=2, min_value=1
    )
    capacity = forms.IntegerField(label=_("Canalizaciones abiertas a la vez"), min_value=1)


class BarAdmissionForm(forms.Form):
    lawyer_name = forms.CharField(label=_("Abogado(a)"), max_length=160)
    region = forms.ChoiceField(
        label=_("Estado o provincia"),
        choices=[(code, code) for code in sorted(US_REGIONS)] + [(code, code) for code in sorted(CA_REGIONS)],
    )  # fmt: skip
    number = forms.CharField(label=_("Número de colegiación"), max_length=40)
    verified_on = forms.DateField(
        label=_("Verificado en el padrón del colegio el"), widget=date_input(), required=False
    )


class VerificationForm(forms.Form):
    verified_on = forms.DateField(label=_("Verificado el"), widget=date_input())


class ProviderContactForm(forms.Form):
    name = forms.CharField(label=_("Nombre"), max_length=160)
    role = forms.CharField(label=_("Función"), max_length=120, required=False)
    phone = forms.CharField(label=_("Teléfono"), max_length=40, required=False)
    email = forms.EmailField(label=_("Correo electrónico"), required=False)


class ContractStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ContractStatus.choices)


class InvoiceForm(forms.Form):
    month = forms.DateField(
        label=_("Mes"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    level = forms.ChoiceField(label=_("Nivel de servicio"), choices=ServiceLevel.choices)
    hours = forms.DecimalField(
        label=_("Horas"), max_digits=6, decimal_places=2, min_value=Decimal("0.01")
    )
    amount = forms.DecimalField(
        label=_("Importe (USD; vacío: el de la tarifa)"), max_digits=12, decimal_places=2,
        min_value=Decimal("0.01"), required=False,
    )  # fmt: skip
    description = forms.CharField(label=_("Descripción del trabajo"), max_length=500)


class InvoiceDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        choices=[("yes", _("Aprobar")), ("no", _("Rechazar"))], coerce=lambda value: value == "yes"
    )
    reason = forms.CharField(label=_("Motivo (si rechaza)"), max_length=240, required=False)


class FeeForm(forms.Form):
    level = forms.ChoiceField(label=_("Nivel de servicio"), choices=ServiceLevel.choices)
    materia = forms.ModelChoiceField(
        label=_("Materia"), queryset=Materia.objects.filter(retired_at__isnull=True)
    )
    hourly = forms.DecimalField(
        label=_("Tarifa por hora (USD)"), max_digits=8, decimal_places=2, min_value=Decimal("0.01")
    )


class ShareDocumentForm(forms.Form):
    attachment = forms.ChoiceField(label=_("Documento del caso"))

    def __init__(self, *args: Any, attachments: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachment"].choices = attachments  # type: ignore[attr-defined]


class CapitalDeadlineForm(forms.Form):
    case = forms.ChoiceField(label=_("Caso de pena capital"))
    kind = forms.ChoiceField(label=_("Tipo de fecha"), choices=DeadlineKind.choices)
    due_on = forms.DateField(label=_("Fecha"), widget=date_input())
    court = forms.CharField(label=_("Tribunal"), max_length=160, required=False)
    notes = forms.CharField(label=_("Notas"), max_length=500, required=False)

    def __init__(self, *args: Any, cases: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = cases  # type: ignore[attr-defined]


def shared_rows(shared: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """(field, label, value) of what a referral shares, for its pages."""
    return [(name, str(SHARE_LABELS.get(name, name)), value) for name, value in shared.items()]


class ContractDocumentForm(forms.Form):
    title = forms.CharField(label=_("Título del documento"), max_length=160)
    file = forms.FileField(label=_("Archivo"))
