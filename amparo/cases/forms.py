"""Forms for the case pages. They only shape input; rules live in the services."""

from collections.abc import Iterator
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.accounts.models import User
from amparo.cases.models import (
    CASE_FLAGS,
    ActionKind,
    AttachmentKind,
    CaseStatus,
    ClosureReason,
    IntakeChannel,
    Materia,
    NotificationChannel,
    Priority,
    Subtype,
)
from amparo.cases.selectors import DEFAULT_SORT, CaseFilters
from amparo.core.forms import date_input
from amparo.network.models import Office

DATE_INPUT = date_input()
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
EXPORT_FORMATS = [("csv", "CSV"), ("xlsx", "XLSX (Excel)")]
SORT_CHOICES = [
    ("-opened_at", _("Más recientes")),
    ("opened_at", _("Más antiguos")),
    ("-priority", _("Prioridad")),
    ("folio", _("Folio")),
    ("status", _("Estatus")),
]


class CachedChoiceIterator(ModelChoiceIterator):
    """Choices from one plain query, kept on the form's own copy of the queryset.

    Django's iterator streams through `.iterator()`, which on PostgreSQL is a server-side
    cursor (DECLARE, FETCH, CLOSE: three round trips) run again on every pass."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:  # evaluated once, then served from its result cache
            yield self.choice(obj)


class InlineSelect(forms.Select):
    """A select whose options are written inline (not one template include each)."""

    template_name = "cases/widgets/select.html"


class InlineCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes written inline, the same HTML as Django's (0.4 ms less for the eight case
    flags on every list page)."""

    template_name = "cases/widgets/checkboxes.html"


class ListedModelChoiceField(forms.ModelChoiceField):
    """A model choice whose submitted value is checked against the listed choices (one
    query serves both the validation and the options) instead of a query of its own."""

    iterator = CachedChoiceIterator
    widget = InlineSelect

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        wanted = str(value)
        for obj in self.queryset:  # type: ignore[union-attr]  # the form's own, evaluated once
            if str(obj.pk) == wanted:
                return obj
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


def officer_label(first_name: str, last_name: str, username: str) -> str:
    """How an officer is named in a list of choices: full name, else the username."""
    return f"{first_name} {last_name}".strip() or username


class OfficerChoiceField(ListedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return officer_label(obj.first_name, obj.last_name, obj.username)


class SubtypeChoiceField(ListedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.materia.label} · {obj.label}"


def _blank(choices: Any, label: Any = None) -> list[tuple[Any, Any]]:
    return [("", label or _("Todos")), *choices]


def _id_choice(label: Any) -> forms.TypedChoiceField:
    """A filter on a listed row: the row's id, its choices set by the form from one query."""
    return forms.TypedChoiceField(
        label=label, required=False, coerce=int, empty_value=None, widget=InlineSelect
    )


class CaseFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Folio o nombre de la persona"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(
        label=_("Estatus"),
        required=False,
        choices=_blank(CaseStatus.choices),
        widget=InlineSelect,
    )
    materia = _id_choice(_("Materia"))
    subtype = _id_choice(_("Subtipo"))
    flags = forms.MultipleChoiceField(
        label=_("Indicadores"),
        required=False,
        choices=list(CASE_FLAGS.items()),
        widget=InlineCheckboxes,
    )
    assigned_to = _id_choice(_("Funcionario"))
    channel = forms.ChoiceField(
        label=_("Canal"),
        required=False,
        choices=_blank(IntakeChannel.choices),
        widget=InlineSelect,
    )
    priority = forms.TypedChoiceField(
        label=_("Prioridad"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=_blank(Priority.choices),
        widget=InlineSelect,
    )
    opened_from = forms.DateField(label=_("Abierto desde"), required=False, widget=DATE_INPUT)
    opened_to = forms.DateField(label=_("Abierto hasta"), required=False, widget=DATE_INPUT)
    office = _id_choice(_("Representación"))
    sort = forms.ChoiceField(
        label=_("Ordenar por"), required=False, choices=SORT_CHOICES, widget=InlineSelect
    )

    def __init__(
        self,
        *args: Any,
        officers: QuerySet[User] | None = None,
        show_office: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # Ids and labels only: the filters need no model rows (building the subtypes' and
        # officers' rows cost more than their queries; docs/decisions.md).
        self._set_choices("materia", Materia.objects.values_list("pk", "label"), _("Todas"))
        self._set_choices(
            "subtype",
            (
                (pk, f"{materia} · {label}")
                for pk, materia, label in Subtype.objects.values_list(
                    "pk", "materia__label", "label"
                )
            ),
        )
        officer_rows = (officers if officers is not None else User.objects.none()).values_list(
            "pk", "first_name", "last_name", "username"
        )
        self._set_choices(
            "assigned_to", ((pk, officer_label(*names)) for pk, *names in officer_rows)
        )
        if show_office:
            offices = Office.objects.order_by("name").values_list("pk", "name")
            self._set_choices("office", offices, _("Todas"))
        else:  # own-office roles only ever see one office
            del self.fields["office"]

    def _set_choices(self, name: str, choices: Any, empty_label: Any = None) -> None:
        self.fields[name].choices = _blank(choices, empty_label)  # type: ignore[attr-defined]

    def to_filters(self) -> CaseFilters:
        """The filters for the valid fields; invalid ones are ignored (shown as errors)."""
        data = self.cleaned_data if self.is_bound else {}
        return CaseFilters(
            status=data.get("status") or "",
            materia_id=data.get("materia"),
            subtype_id=data.get("subtype"),
            flags=tuple(data.get("flags") or ()),
            assigned_to_id=data.get("assigned_to"),
            channel=data.get("channel") or "",
            priority=data.get("priority"),
            opened_from=data.get("opened_from"),
            opened_to=data.get("opened_to"),
            office_id=data.get("office"),
            search=data.get("q") or "",
            sort=data.get("sort") or DEFAULT_SORT,
        )


class ExportForm(forms.Form):
    """What the export adds to the list filters: the format and, where the rules ask for
    it, the reason for taking personal data out of the system."""

    export_format = forms.ChoiceField(label=_("Formato"), choices=EXPORT_FORMATS, initial="csv")
    reason = forms.CharField(
        label=_("Motivo de la exportación"),
        required=False,
        max_length=150,
        help_text=_("Obligatorio para el análisis central: la exportación incluye nombres."),
    )


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Tipo de documento"), choices=AttachmentKind.choices)
    file = forms.FileField(
        label=_("Archivo"),
        help_text=_("PDF, JPG, PNG, WEBP, TXT, DOCX o XLSX."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,.webp,.txt,.docx,.xlsx"}
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The case page also holds the gestión form, which has its own "kind" field: own
        # ids keep each <label for> pointing at its own field.
        kwargs.setdefault("auto_id", "id_attachment_%s")
        super().__init__(*args, **kwargs)


class CaseOpenForm(forms.Form):
    subtype = SubtypeChoiceField(label=_("Materia y subtipo"), queryset=Subtype.objects.none())
    channel = forms.ChoiceField(label=_("Canal de ingreso"), choices=IntakeChannel.choices)
    priority = forms.TypedChoiceField(
        label=_("Prioridad"), coerce=int, choices=Priority.choices, initial=Priority.NORMAL
    )
    assigned_to = OfficerChoiceField(
        label=_("Funcionario asignado"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("Sin asignar"),
    )
    requester = forms.IntegerField(
        label=_("Persona solicitante"),
        help_text=_(
            "Si quien pide la ayuda no es la persona beneficiaria: búsquela por nombre o "
            "número de documento, o escriba su número de registro."
        ),
        required=False,
        min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    summary = forms.CharField(
        label=_("Resumen de los hechos"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    office_override_reason = forms.CharField(
        label=_("Motivo si la representación no es la de su circunscripción"),
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args: Any,
        subtypes: QuerySet[Subtype],
        officers: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subtype"].queryset = subtypes  # type: ignore[attr-defined]
        self.fields["assigned_to"].queryset = officers  # type: ignore[attr-defined]
        for name, label in CASE_FLAGS.items():
            self.fields[name] = forms.BooleanField(label=label, required=False)

    def flag_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in CASE_FLAGS]

    def flags(self) -> dict[str, bool]:
        return {name: bool(self.cleaned_data.get(name)) for name in CASE_FLAGS}


class AssignForm(forms.Form):
    assigned_to = OfficerChoiceField(
        label=_("Funcionario asignado"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("Sin asignar"),
    )

    def __init__(self, *args: Any, officers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = officers  # type: ignore[attr-defined]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nuevo estatus"), choices=CaseStatus.choices)
    closure_reason = forms.ChoiceField(
        label=_("Motivo de cierre (al concluir)"),
        required=False,
        choices=[("", "—"), *ClosureReason.choices],
    )
    reason = forms.CharField(
        label=_("Motivo o comentario (obligatorio al reabrir)"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, allowed: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in CaseStatus.choices if value in allowed
        ]


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Nota"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Tipo de gestión"), choices=ActionKind.choices)
    # Most gestiones are logged the day they happen: today saves a field on every entry.
    occurred_on = forms.DateField(label=_("Fecha"), widget=DATE_INPUT, initial=timezone.localdate)
    summary = forms.CharField(
        label=_("Resumen"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3})
    )


class NotificationForm(forms.Form):
    agency = forms.CharField(label=_("Autoridad que notifica"), max_length=160)
    notified_by = forms.CharField(label=_("Persona que notificó"), max_length=160, required=False)
    arrested_at = forms.DateTimeField(
        label=_("Fecha y hora de la detención"), widget=DATETIME_INPUT
    )
    learned_at = forms.DateTimeField(
        label=_("Fecha y hora en que el consulado tuvo conocimiento"), widget=DATETIME_INPUT
    )
    channel = forms.ChoiceField(label=_("Medio"), choices=NotificationChannel.choices)
    requested_by_detainee = forms.BooleanField(
        label=_("La persona detenida solicitó la notificación"), required=False
    )


class TransferRequestForm(forms.Form):
    to_office = forms.ModelChoiceField(
        label=_("Representación destino"), queryset=Office.objects.none()
    )
    reason = forms.CharField(
        label=_("Motivo del traslado"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, exclude_office_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_office"].queryset = Office.objects.exclude(  # type: ignore[attr-defined]
            pk=exclude_office_id
        ).order_by("name")


class TransferRefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo del rechazo"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3})
    )


class MateriaForm(forms.Form):
    code = forms.CharField(label=_("Clave"), max_length=40)
    label = forms.CharField(label=_("Nombre"), max_length=120)
    position = forms.IntegerField(label=_("Orden"), min_value=0, max_value=32_000, initial=0)


class SubtypeForm(forms.Form):
    materia = forms.ModelChoiceField(label=_("Materia"), queryset=Materia.objects.all())
    code = forms.CharField(label=_("Clave"), max_length=40)
    label = forms.CharField(label=_("Nombre"), max_length=160)
    position = forms.IntegerField(label=_("Orden"), min_value=0, max_value=32_000, initial=0)
