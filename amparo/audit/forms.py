from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.audit.models import Action, Outcome
from amparo.audit.selectors import RecordFilters
from amparo.network.models import Office


class DateInput(forms.DateInput):
    input_type = "date"


class RecordFilterForm(forms.Form):
    """The filters of the access-trail pages, read from the query string."""

    username = forms.CharField(label=_("Cuenta"), max_length=150, required=False)
    office = forms.ModelChoiceField(
        label=_("Representación"),
        queryset=Office.objects.order_by("name"),
        required=False,
        empty_label=_("Todas"),
        help_text=_("La que actuó o la dueña del registro."),
    )
    action = forms.ChoiceField(
        label=_("Acción"), choices=[("", _("Todas")), *Action.choices], required=False
    )
    outcome = forms.ChoiceField(
        label=_("Resultado"), choices=[("", _("Todos")), *Outcome.choices], required=False
    )
    target_type = forms.CharField(label=_("Tipo de registro"), max_length=64, required=False)
    target_id = forms.CharField(label=_("Registro (id)"), max_length=64, required=False)
    since = forms.DateField(label=_("Desde"), required=False, widget=DateInput)
    until = forms.DateField(label=_("Hasta"), required=False, widget=DateInput)
    before = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("La fecha final no puede ser anterior a la inicial."))
        return cleaned

    def filters(self) -> RecordFilters:
        """The filters as the selector takes them; call after is_valid()."""
        data = self.cleaned_data
        office = data.get("office")
        return RecordFilters(
            username=(data.get("username") or "").strip(),
            office_id=office.pk if office is not None else None,
            action=data.get("action") or "",
            outcome=data.get("outcome") or "",
            target_type=(data.get("target_type") or "").strip(),
            target_id=(data.get("target_id") or "").strip(),
            since=data.get("since"),
            until=data.get("until"),
        )
