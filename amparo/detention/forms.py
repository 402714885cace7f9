"""Forms of the detention pages. The log of a visit is two formsets: one line per national
known to be held there, and a few blank lines for people found on the day."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.accounts.models import User
from amparo.core.forms import date_input
from amparo.detention.models import (
    AdvisoryResult,
    Authority,
    DetentionStatus,
    Facility,
    Matter,
    Modality,
)

DATE = date_input()


class FacilityChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.city}, {obj.state})"


class DetentionForm(forms.Form):
    facility = FacilityChoiceField(label=_("Centro"), queryset=Facility.objects.none())
    authority = forms.ChoiceField(label=_("Autoridad"), choices=Authority.choices)
    detained_on = forms.DateField(label=_("Fecha de detención"), widget=DATE, required=False)
    charges = forms.CharField(
        label=_("Cargos penales"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    next_hearing_at = forms.DateTimeField(
        label=_("Próxima audiencia"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )  # fmt: skip

    def __init__(self, *args: Any, facilities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities  # type: ignore[attr-defined]


class TransferForm(forms.Form):
    facility = FacilityChoiceField(label=_("Nuevo centro"), queryset=Facility.objects.none())
    moved_on = forms.DateField(label=_("Fecha del traslado"), widget=DATE)

    def __init__(self, *args: Any, facilities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities  # type: ignore[attr-defined]


class EndForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Resultado"),
        choices=[(DetentionStatus.RELEASED, DetentionStatus.RELEASED.label),
                 (DetentionStatus.REMOVED, DetentionStatus.REMOVED.label)],
    )  # fmt: skip
    ended_on = forms.DateField(label=_("Fecha"), widget=DATE)


class RulesForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Facility
        fields = [
            "operator", "phones", "visiting_hours", "blackout_dates", "id_rules", "dress_rules",
            "visit_request", "phones_allowed", "notes",
        ]  # fmt: skip
        widgets = {
            "visit_request": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class FacilityImportForm(forms.Form):
    file = forms.FileField(label=_("Archivo CSV (formato de ICE)"))


class DetentionImportForm(forms.Form):
    file = forms.FileField(label=_("Archivo CSV"))


class VisitForm(forms.Form):
    facility = FacilityChoiceField(label=_("Centro"), queryset=Facility.objects.none())
    planned_on = forms.DateField(label=_("Fecha"), widget=DATE)
    starts_at = forms.TimeField(
        label=_("Hora"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    officers = forms.ModelMultipleChoiceField(
        label=_("Personal que visita"), queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    notes = forms.CharField(
        label=_("Notas"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, facilities: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities  # type: ignore[attr-defined]
        self.fields["officers"].queryset = staff  # type: ignore[attr-defined]
        self.fields["officers"].label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]


class ChecklistForm(forms.Form):
    health = forms.CharField(label=_("Salud y medicamentos"), max_length=240, required=False)
    ill_treatment = forms.BooleanField(label=_("Malos tratos"), required=False)
    due_process_concern = forms.BooleanField(
        label=_("Debido proceso / notificación"), required=False
    )
    has_lawyer = forms.BooleanField(label=_("Tiene abogado"), required=False)
    wants_family_contact = forms.BooleanField(label=_("Contactar a la familia"), required=False)
    wants_voluntary_return = forms.BooleanField(label=_("Salida voluntaria"), required=False)
    wants_pale_referral = forms.BooleanField(label=_("Canalizar al PALE"), required=False)
    case_opened = forms.BooleanField(label=_("Caso abierto"), required=False)
    notes = forms.CharField(label=_("Notas"), max_length=500, required=False)


class KnownSeenForm(ChecklistForm):
    detention = forms.IntegerField(widget=forms.HiddenInput)
    seen = forms.BooleanField(label=_("Entrevistada"), required=False)


class FoundSeenForm(ChecklistForm):
    given_names = forms.CharField(label=_("Nombre(s)"), max_length=120, required=False)
    first_surname = forms.CharField(label=_("Primer apellido"), max_length=80, required=False)
    second_surname = forms.CharField(label=_("Segundo apellido"), max_length=80, required=False)
    a_number = forms.CharField(label=_("Número A"), max_length=12, required=False)


KnownSeenFormSet = forms.formset_factory(KnownSeenForm, extra=0)
FoundSeenFormSet = forms.formset_factory(FoundSeenForm, extra=3, max_num=20)


class LogForm(forms.Form):
    done_on = forms.DateField(label=_("Fecha en que se realizó"), widget=DATE)
    notes = forms.CharField(
        label=_("Notas de la visita"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AdvisoryForm(forms.Form):
    """One select names who advised: someone of the office's staff ("u<id>") or a PALE
    provider under contract with the office ("p<id>"), so the form stays keyboard-short."""

    matter = forms.ChoiceField(
        label=_("Materia"), choices=Matter.choices, widget=forms.Select(attrs={"autofocus": True})
    )
    result = forms.ChoiceField(label=_("Resultado"), choices=AdvisoryResult.choices)
    minutes = forms.IntegerField(label=_("Minutos"), min_value=1, max_value=600)
    modality = forms.ChoiceField(label=_("Modalidad"), choices=Modality.choices)
    folio = forms.CharField(
        label=_("Folio del caso (si la persona dio su nombre)"), max_length=40, required=False
    )
    anonymous_count = forms.IntegerField(
        label=_("Personas sin nombre"), min_value=0, max_value=500, required=False
    )
    given_by = forms.ChoiceField(label=_("Asesoró"))
    given_on = forms.DateField(label=_("Fecha"), widget=DATE)

    def __init__(self, *args: Any, staff: Any, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.staff = {f"u{user.pk}": user for user in staff}
        self.providers = {f"p{provider.pk}": provider for provider in providers}
        choices: list[Any] = [(_("Personal del consulado"), [
            (key, user.get_full_name() or user.username) for key, user in self.staff.items()
        ])]  # fmt: skip
        if self.providers:
            choices.append((_("Proveedores PALE con contrato"), [
                (key, provider.name) for key, provider in self.providers.items()
            ]))  # fmt: skip
        self.fields["given_by"].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given_by = data.get("given_by", "")
        data["adviser"] = self.staff.get(given_by)
        data["provider"] = self.providers.get(given_by)
        return data
