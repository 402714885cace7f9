from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.accounts.actor import Actor
from amparo.network.models import Office

MAX_UPLOAD_BYTES = 64 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Archivo CSV"),
        help_text=_("UTF-8, separado por comas, con la fila de encabezados del formato."),
    )
    office = forms.ChoiceField(
        label=_("Representación"),
        required=False,
        help_text=_(
            "Opcional: todas las filas se importan en esta representación. Sin elegirla, "
            "cada fila indica la suya o la determina el domicilio."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Solo revisar el archivo, sin importar"), required=False, initial=True
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offices = Office.objects.order_by("name").values_list("code", "name")
        if not actor.is_central:
            offices = offices.filter(pk=actor.office_id)
        office_field = cast("forms.ChoiceField", self.fields["office"])
        office_field.choices = [("", _("Según cada fila")), *offices]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("El archivo pasa de 64 MB; impórtelo con el comando import_cases.")
            )
        if not (upload.name or "").lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Suba un archivo .csv."))
        return upload


class ConfirmForm(forms.Form):
    token = forms.CharField(max_length=64, widget=forms.HiddenInput)
