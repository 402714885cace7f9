"""Forms for the outreach pages. They only shape input (local times become aware ones in
the office's zone); the rules live in the services."""

from datetime import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from amparo.accounts.models import User
from amparo.core.forms import date_input
from amparo.network.models import Office
from amparo.outreach.models import (
    AgeBand,
    EventKind,
    EventStatus,
    Modality,
    Program,
    RegistrationKind,
    Sex,
)
from amparo.outreach.services import EventDetails, Reach

DATE_INPUT = date_input()
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class EventForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Tipo de evento"), queryset=EventKind.objects.all())
    title = forms.CharField(label=_("Título"), max_length=160)
    day = forms.DateField(label=_("Fecha"), widget=DATE_INPUT)
    start_time = forms.TimeField(label=_("Hora de inicio"), widget=TIME_INPUT)
    end_time = forms.TimeField(label=_("Hora de término"), widget=TIME_INPUT)
    modality = forms.ChoiceField(label=_("Modalidad"), choices=Modality.choices)
    venue = forms.CharField(label=_("Lugar"), required=False, max_length=160)
    address = forms.CharField(label=_("Dirección"), required=False, max_length=255)
    state = forms.CharField(label=_("Estado (clave)"), required=False, max_length=8)
    county = forms.CharField(label=_("Condado"), required=False, max_length=100)
    zip_code = forms.CharField(label=_("Código postal"), required=False, max_length=10)
    online_url = forms.URLField(
        label=_("Enlace de la transmisión"), required=False, assume_scheme="https"
    )
    description = forms.CharField(
        label=_("Descripción pública"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    partners = forms.CharField(
        label=_("Organizaciones aliadas"),
        required=False,
        help_text=_("Organizaciones, universidades y despachos PALE, una por línea."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    topics = forms.CharField(
        label=_("Temas"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    languages = forms.CharField(
        label=_("Idiomas"),
        required=False,
        max_length=200,
        help_text=_("Por ejemplo: español, inglés, mixteco."),
    )
    audience = forms.CharField(label=_("Público"), required=False, max_length=200)
    capacity = forms.IntegerField(label=_("Cupo"), required=False, min_value=1)
    staff = StaffChoiceField(
        label=_("Personal asignado"), required=False, queryset=User.objects.none()
    )

    def __init__(self, *args: Any, staff: QuerySet[User] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if staff is not None:
            self.fields["staff"].queryset = staff  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(event: Any) -> dict[str, Any]:
        start, end = event.local_start, event.local_end
        return {
            "kind": event.kind_id,
            "title": event.title,
            "day": start.date(),
            "start_time": start.time(),
            "end_time": end.time(),
            **{
                name: getattr(event, name)
                for name in (
                    "modality",
                    "venue",
                    "address",
                    "state",
                    "county",
                    "zip_code",
                    "online_url",
                    "description",
                    "partners",
                    "topics",
                    "languages",
                    "audience",
                    "capacity",
                )
            },
            "staff": list(event.staff.all()),
        }

    def details(self, office: Office) -> EventDetails:
        data = self.cleaned_data
        zone = office.zone
        return EventDetails(
            kind=data["kind"],
            title=data["title"],
            starts_at=datetime.combine(data["day"], data["start_time"], tzinfo=zone),
            ends_at=datetime.combine(data["day"], data["end_time"], tzinfo=zone),
            modality=data["modality"],
            description=data["description"],
            venue=data["venue"],
            address=data["address"],
            state=data["state"],
            county=data["county"],
            zip_code=data["zip_code"],
            online_url=data["online_url"],
            partners=data["partners"],
            topics=data["topics"],
            languages=data["languages"],
            audience=data["audience"],
            capacity=data["capacity"],
            staff=tuple(data["staff"]),
        )


class EventFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Estatus"), required=False, choices=[("", _("Todos")), *EventStatus.choices]
    )
    kind = forms.ModelChoiceField(
        label=_("Tipo"), required=False, queryset=EventKind.objects.all(), empty_label=_("Todos")
    )
    date_from = forms.DateField(label=_("Desde"), required=False, widget=DATE_INPUT)
    date_to = forms.DateField(label=_("Hasta"), required=False, widget=DATE_INPUT)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Motivo de la cancelación"), max_length=255)


def headcount_field_name(sex: str, band: str) -> str:
    return f"headcount_{sex}_{band}"


class ReachForm(forms.Form):
    """The headcount grid (sex by age band) and the online and protection figures."""

    live_viewers = forms.IntegerField(
        label=_("Personas en vivo (en línea)"), min_value=0, initial=0
    )
    later_views = forms.IntegerField(label=_("Reproducciones posteriores"), min_value=0, initial=0)
    reach_definition = forms.CharField(
        label=_("Cómo se contó el alcance en línea"),
        required=False,
        max_length=255,
        help_text=_(
            "Obligatorio si hay alcance en línea; por ejemplo: reproducciones de más de 1 minuto."
        ),
    )
    advisories_given = forms.IntegerField(
        label=_("Asesorías dadas en el evento"), min_value=0, initial=0
    )
    cases_opened = forms.IntegerField(
        label=_("Casos abiertos en el evento"), min_value=0, initial=0
    )
    alert_enrolments = forms.IntegerField(
        label=_("Altas en el botón de alerta"), min_value=0, initial=0
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for sex in Sex:
            for band in AgeBand:
                self.fields[headcount_field_name(sex.value, band.value)] = forms.IntegerField(
                    label=f"{sex.label}, {band.label}", min_value=0, initial=0
                )

    @staticmethod
    def age_band_labels() -> list[str]:
        return [str(band.label) for band in AgeBand]

    def grid(self) -> list[tuple[str, list[Any]]]:
        """Rows of the headcount table: a sex and its bound fields per age band."""
        return [
            (
                str(sex.label),
                [self[headcount_field_name(sex.value, band.value)] for band in AgeBand],
            )
            for sex in Sex
        ]

    def reach(self) -> Reach:
        data = self.cleaned_data
        return Reach(
            headcount={
                (sex.value, band.value): data[headcount_field_name(sex.value, band.value)]
                for sex in Sex
                for band in AgeBand
            },
            live_viewers=data["live_viewers"],
            later_views=data["later_views"],
            reach_definition=data["reach_definition"],
            advisories_given=data["advisories_given"],
            cases_opened=data["cases_opened"],
            alert_enrolments=data["alert_enrolments"],
        )

    @staticmethod
    def initial_for(report: Any) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(report, name)
            for name in (
                "live_viewers",
                "later_views",
                "reach_definition",
                "advisories_given",
                "cases_opened",
                "alert_enrolments",
            )
        }
        for cell in report.cells.all():
            initial[headcount_field_name(cell.sex, cell.age_band)] = cell.count
        return initial


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Archivo CSV"))
    office = forms.ModelChoiceField(
        label=_("Representación"), queryset=Office.objects.none(), required=False
    )

    def __init__(self, *args: Any, offices: QuerySet[Office] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if offices is None:
            del self.fields["office"]
        else:
            self.fields["office"].queryset = offices  # type: ignore[attr-defined]
            self.fields["office"].required = True


class KindForm(forms.Form):
    code = forms.SlugField(label=_("Clave"), max_length=40)
    name_es = forms.CharField(label=_("Nombre en español"), max_length=120)
    name_en = forms.CharField(label=_("Nombre en inglés"), max_length=120)
    program = forms.ChoiceField(label=_("Programa"), choices=Program.choices)


class ReportForm(forms.Form):
    year = forms.IntegerField(label=_("Año"), min_value=2000, max_value=2100)
    office = forms.CharField(label=_("Representación (clave)"), required=False, max_length=12)


class RegistrationForm(forms.Form):
    """The public sign-up / check-in form: nothing is required but the choice."""

    kind = forms.ChoiceField(
        label=_("Quiero"), choices=RegistrationKind.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(label=_("Nombre (opcional)"), required=False, max_length=120)
    phone = forms.CharField(label=_("Teléfono (opcional)"), required=False, max_length=32)
    consented = forms.BooleanField(
        label=_(
            "Acepto que el consulado guarde mi nombre y teléfono para darme seguimiento, según su aviso de privacidad."
        ),
        required=False,
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("¿Qué tan útil le fue el evento? (1 = nada, 5 = mucho)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comentario (opcional, anónimo)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
