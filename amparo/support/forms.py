"""Forms of the support pages. Amounts are typed in dollars or pesos with cents and become
integers of minor units here; the services then check the rules."""

import uuid
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.support.models import ApprovalLevel, Fund, PayeeKind, RequestKind


def money_field(label: Any, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, max_digits=12, decimal_places=2, min_value=Decimal("0.01"), required=required
    )


def cents(value: Decimal | int) -> int:
    return int(value * 100)


class IdempotentForm(forms.Form):
    """A hidden key drawn when the form is shown: sending it twice posts once."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=80)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)


class DepositForm(IdempotentForm):
    amount = money_field(_("Importe"))
    cofunding = forms.BooleanField(label=_("Aportación de una organización aliada"), required=False)
    memo = forms.CharField(label=_("Concepto"), max_length=240, required=False)


class RequestForm(forms.Form):
    fund = forms.ModelChoiceField(label=_("Fondo"), queryset=Fund.objects.none())
    kind = forms.ChoiceField(label=_("Tipo de apoyo"), choices=RequestKind.choices)
    amount = money_field(_("Importe solicitado"))
    payee_name = forms.CharField(label=_("A quién se paga"), max_length=160)
    payee_kind = forms.ChoiceField(label=_("Tipo de beneficiario"), choices=PayeeKind.choices)
    justification = forms.CharField(
        label=_("Justificación"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 4})
    )
    cofunder_name = forms.CharField(
        label=_("Cofinanciador (opcional)"), max_length=160, required=False
    )
    cofunder_amount = money_field(_("Importe del cofinanciador"), required=False)

    def __init__(self, *args: Any, funds: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = funds  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("cofunder_name")) != bool(data.get("cofunder_amount")):
            self.add_error("cofunder_amount", _("Indique nombre e importe del cofinanciador."))
        return data


class DecisionForm(forms.Form):
    level = forms.ChoiceField(label=_("Instancia"), choices=ApprovalLevel.choices)
    approved = forms.TypedChoiceField(
        label=_("Decisión"),
        choices=[("yes", _("Aprobar")), ("no", _("Rechazar"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    minutes_number = forms.CharField(label=_("Número de acta del comité"), max_length=40)
    note = forms.CharField(
        label=_("Observaciones"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BondCancelForm(forms.Form):
    interest = forms.DecimalField(
        label=_("Intereses del reembolso"), max_digits=12, decimal_places=2,
        min_value=Decimal("0"), required=False,
    )  # fmt: skip
