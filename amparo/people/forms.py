from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.accounts.actor import Actor
from amparo.people.models import (
    EDITABLE_FIELDS,
    ContactRelation,
    IdentityDocumentKind,
    Language,
    Person,
)
from amparo.people.permissions import offices_for_new_people


class DateInput(forms.DateInput):
    input_type = "date"


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Buscar por nombre, fecha de nacimiento o número de documento"),
        max_length=120,
        required=False,
    )
    date_of_birth = forms.DateField(
        label=_("Fecha de nacimiento"), required=False, widget=DateInput(format="%Y-%m-%d")
    )


class LinesField(forms.CharField):
    """A list of strings typed one per line."""

    widget = forms.Textarea(attrs={"rows": 2})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if isinstance(value, list):
            return value
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


PERSON_FIELDS = list(EDITABLE_FIELDS)
ADDRESS_FIELDS = ("address_state", "address_county", "address_zip")


class PersonForm(forms.ModelForm):
    """Registration and edit. Only central administration sees (and may change) the office."""

    aliases = LinesField(label=_("Otros nombres (alias), uno por línea"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Lenguas"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    a_number = forms.CharField(label=_("Número A (A-number)"), max_length=20, required=False)
    phone = forms.CharField(
        label=_("Teléfono"),
        max_length=32,
        required=False,
        help_text=_("Sin lada de país se entiende un número de EUA."),
    )
    violence_notes = forms.CharField(
        label=_("Notas sobre violencia"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    health_notes = forms.CharField(
        label=_("Notas de salud"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {"date_of_birth": DateInput(format="%Y-%m-%d")}

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offices = offices_for_new_people(actor)
        if offices.count() > 1:
            office = self.fields["office"]
            office.queryset = offices  # type: ignore[attr-defined]
            if self.instance.pk is None:
                office.required = False
                office.empty_label = _("La que corresponda por circunscripción")  # type: ignore[attr-defined]
        else:
            del self.fields["office"]
        for name in ADDRESS_FIELDS:
            self.fields[name].widget.attrs["data-office-suggestion"] = "1"
        self.fields["address_country"].required = False
        for name in ("curp", "address_state", "address_country"):
            # The model checks these after upper-casing them (Person.clean_fields).
            self.fields[name].validators = []

    def validate_unique(self) -> None:
        # On registration the service checks the unique CURP after looking for duplicates,
        # so the officer sees who holds it (if visible) instead of a bare error.
        if self.instance.pk is not None:
            super().validate_unique()

    def clean_address_country(self) -> str:
        return (self.cleaned_data.get("address_country") or "US").strip().upper()

    def changes(self) -> dict[str, Any]:
        """The cleaned values of the fields this form shows (call after is_valid)."""
        return {name: self.cleaned_data[name] for name in self.fields if name in PERSON_FIELDS}


class ConfirmNewForm(forms.Form):
    confirm_new = forms.BooleanField(
        label=_("Revisé los posibles duplicados: es otra persona, registrar de todos modos"),
        required=False,
    )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Tipo de documento"), choices=[("", "—"), *IdentityDocumentKind.choices]
    )
    number = forms.CharField(label=_("Número"), max_length=40)
    issuer = forms.CharField(label=_("Expedido por"), max_length=120, required=False)
    issued_on = forms.DateField(
        label=_("Fecha de expedición"), required=False, widget=DateInput(format="%Y-%m-%d")
    )
    expires_on = forms.DateField(
        label=_("Vigencia"), required=False, widget=DateInput(format="%Y-%m-%d")
    )


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Nombre del contacto"), max_length=200)
    relation = forms.ChoiceField(label=_("Relación"), choices=[("", "—"), *ContactRelation.choices])
    phone = forms.CharField(label=_("Teléfono del contacto"), max_length=32, required=False)
    consent_to_contact = forms.BooleanField(label=_("Acepta ser contactado"), required=False)
    is_emergency = forms.BooleanField(label=_("Contacto de emergencia"), required=False)


DocumentFormSet = forms.formset_factory(DocumentForm, extra=0, max_num=20, validate_max=True)
ContactFormSet = forms.formset_factory(ContactForm, extra=0, max_num=20, validate_max=True)


def new_rows(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """The filled-in rows of a valid formset (empty extra rows are skipped)."""
    if not formset.is_bound:
        return []
    return [form.cleaned_data for form in formset.forms if form.has_changed() and form.cleaned_data]


def formset_with_another_row(data: Any, prefix: str) -> Any:
    """POST data with one more (empty) row in the `prefix` formset."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    data[key] = str(int(data.get(key) or 0) + 1)
    return data


class MergeForm(forms.Form):
    survivor = forms.IntegerField(label=_("Registro que permanece (número)"), min_value=1)
    merged = forms.IntegerField(label=_("Registro duplicado que se fusiona (número)"), min_value=1)
    reason = forms.CharField(
        label=_("Motivo de la fusión"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("survivor") and data.get("survivor") == data.get("merged"):
            raise forms.ValidationError(_("Elija dos registros distintos."))
        return data
