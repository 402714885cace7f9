"""Forms of the support pages. Amounts are typed in dollars or pesos with cents and become
integers of minor units here; the services then check the rules."""

import uuid
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.cases.models import CaseAttachment
from amparo.core.forms import date_input
from amparo.network.models import Office
from amparo.support.models import (
    ApprovalLevel,
    Currency,
    Fund,
    LogisticsStep,
    PayeeKind,
    PostingKind,
    RequestKind,
)
from amparo.support.selectors import LedgerQuery


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


class AllocationForm(IdempotentForm):
    office = forms.ModelChoiceField(label=_("Representación"), queryset=Office.objects.none())
    amount = money_field(_("Importe asignado"))
    memo = forms.CharField(label=_("Concepto"), max_length=240, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Office.objects.order_by("name")  # type: ignore[attr-defined]


class RequestForm(forms.Form):
    fund = forms.ModelChoiceField(label=_("Fondo"), queryset=Fund.objects.none())
    kind = forms.ChoiceField(label=_("Tipo de apoyo"), choices=RequestKind.choices)
    amount = money_field(_("Importe solicitado"))
    currency = forms.ChoiceField(
        label=_("Moneda del importe"), choices=Currency.choices,
        help_text=_("Si no es la del fondo, el comité registra el tipo de cambio al aprobar."),
    )  # fmt: skip
    payee_name = forms.CharField(label=_("A quién se paga"), max_length=160)
    payee_kind = forms.ChoiceField(label=_("Tipo de beneficiario"), choices=PayeeKind.choices)
    justification = forms.CharField(
        label=_("Justificación"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 4})
    )
    cofunder_name = forms.CharField(
        label=_("Cofinanciador (opcional)"), max_length=160, required=False
    )
    cofunder_amount = money_field(_("Importe del cofinanciador"), required=False)
    documents = forms.ModelMultipleChoiceField(
        label=_("Documentos del caso que la respaldan"), queryset=CaseAttachment.objects.none(),
        widget=forms.CheckboxSelectMultiple, required=False,
    )  # fmt: skip

    def __init__(self, *args: Any, funds: Any, documents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = funds  # type: ignore[attr-defined]
        self.fields["documents"].queryset = documents  # type: ignore[attr-defined]
        self.fields["documents"].label_from_instance = lambda a: a.original_name  # type: ignore[attr-defined]

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
    exchange_rate = forms.DecimalField(
        label=_("Tipo de cambio del día"), max_digits=14, decimal_places=6, required=False,
        min_value=Decimal("0.000001"),
    )  # fmt: skip
    note = forms.CharField(
        label=_("Observaciones"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BondCancelForm(forms.Form):
    interest = forms.DecimalField(
        label=_("Intereses del reembolso"), max_digits=12, decimal_places=2,
        min_value=Decimal("0"), required=False,
    )  # fmt: skip


class LogisticsForm(forms.Form):
    step = forms.ChoiceField(choices=LogisticsStep.choices, widget=forms.HiddenInput)
    done_on = forms.DateField(label=_("Fecha"), widget=date_input())
    detail = forms.CharField(label=_("Detalle"), max_length=240, required=False)


class LedgerQueryForm(forms.Form):
    """Which entries of a fund a statement or a list shows (every field optional)."""

    desde = forms.DateField(label=_("Desde"), required=False, widget=date_input())
    hasta = forms.DateField(label=_("Hasta"), required=False, widget=date_input())
    oficina = forms.ModelChoiceField(
        label=_("Representación"), queryset=Office.objects.none(), required=False,
        to_field_name="code", empty_label=_("Todo el fondo"),
    )  # fmt: skip
    tipo = forms.ChoiceField(
        label=_("Tipo de asiento"), choices=[("", _("Todos")), *PostingKind.choices],
        required=False,
    )  # fmt: skip

    def __init__(self, *args: Any, fund: Fund, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offices = Office.objects.filter(
            pk__in=fund.accounts.filter(office__isnull=False).values("office")
        ).order_by("name")
        self.fields["oficina"].queryset = offices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("desde") and data.get("hasta") and data["desde"] > data["hasta"]:
            self.add_error("hasta", _("La fecha final es anterior a la inicial."))
        return data

    def query(self) -> LedgerQuery:
        data = self.cleaned_data
        return LedgerQuery(
            start=data.get("desde"), end=data.get("hasta"), kind=data.get("tipo") or None,
            office=data.get("oficina"),
        )  # fmt: skip
