"""Forms for searching and writing guidance scripts. Services do the final checks."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.guidance.models import ScriptLanguage
from amparo.guidance.services import MAX_BODY_LENGTH
from amparo.hotline.topics import CallTopic

BODY_HELP = _(
    "Separe los párrafos con una línea en blanco. Empiece con «- » cada elemento de una "
    "lista. No se admite HTML: se muestra como texto."
)


class ScriptSearchForm(forms.Form):
    q = forms.CharField(label=_("Buscar"), required=False, max_length=120)
    topic = forms.ChoiceField(
        label=_("Tema"),
        required=False,
        choices=[("", _("Todos los temas")), *CallTopic.choices],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {"query": "", "topic": ""}
        return {"query": self.cleaned_data["q"], "topic": self.cleaned_data["topic"]}


class VersionForm(forms.Form):
    body = forms.CharField(
        label=_("Texto"),
        widget=forms.Textarea(attrs={"rows": 18}),
        max_length=MAX_BODY_LENGTH,
        help_text=BODY_HELP,
    )
    language = forms.ChoiceField(
        label=_("Idioma"), choices=ScriptLanguage.choices, initial=ScriptLanguage.SPANISH
    )
    change_note = forms.CharField(
        label=_("Nota del cambio"),
        required=False,
        max_length=255,
        help_text=_("Qué cambió y por qué, en una línea."),
    )
    publish = forms.BooleanField(
        label=_("Publicar ahora (los operadores verán esta versión)"), required=False
    )


class ScriptForm(VersionForm):
    title = forms.CharField(label=_("Título"), max_length=160)
    slug = forms.SlugField(
        label=_("Identificador"),
        max_length=80,
        help_text=_("Minúsculas, números y guiones; no cambia nunca (p. ej. derechos-detencion)."),
    )
    topic = forms.ChoiceField(label=_("Tema"), choices=CallTopic.choices)

    field_order = ["title", "slug", "topic", "language", "body", "change_note", "publish"]
