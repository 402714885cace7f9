from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.network.models import JURISDICTION_KINDS, JurisdictionArea, Office, OfficeKind


class OfficeFilterForm(forms.Form):
    q = forms.CharField(label=_("Buscar"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("País"), required=False)
    kind = forms.ChoiceField(
        label=_("Tipo"), required=False, choices=[("", _("Todos")), *OfficeKind.choices]
    )

    def __init__(self, *args: object, countries: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["country"].choices = [("", _("Todos")), *((c, c) for c in countries)]  # type: ignore[attr-defined]


class AreaReassignForm(forms.Form):
    office = forms.ModelChoiceField(
        label=_("Nueva representación"), queryset=Office.objects.none(), to_field_name="code"
    )
    reason = forms.CharField(
        label=_("Motivo del cambio"),
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: object, area: JurisdictionArea, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["office"].queryset = (  # type: ignore[attr-defined]
            Office.objects.filter(country=area.country, kind__in=JURISDICTION_KINDS)
            .exclude(pk=area.office_id)
            .order_by("name")
        )

    def clean_reason(self) -> str:
        reason: str = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Indique el motivo del cambio."))
        return reason


class JurisdictionImportForm(forms.Form):
    file = forms.FileField(
        label=_("Archivo CSV"),
        help_text=_("Columnas: country, region, county_name o code, office_code."),
    )
    reason = forms.CharField(label=_("Motivo"), max_length=255, required=False)
    dry_run = forms.BooleanField(
        label=_("Solo validar (no guardar cambios)"), required=False, initial=True
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("El archivo excede 5 MB."))
        return upload
