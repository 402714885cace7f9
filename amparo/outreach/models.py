"""Preventive outreach: events ("Conoce y ejerce tus derechos", open-door meetings,
legal-advice-week sessions, workshops, mobile consulates), what each reached, the people
who signed up or checked in with their consent, and anonymous feedback.

An event belongs to the office that holds it. Its times are stored in UTC and shown in
that office's time zone."""

import secrets
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from amparo.core.crypto import EncryptedTextField


class Program(models.TextChoices):
    """The ministry's programmes, as its yearly figures count them."""

    RIGHTS_CAMPAIGN = "rights_campaign", _("Conoce y ejerce tus derechos")
    OPEN_DOOR = "open_door", _("Puertas abiertas con la persona titular")
    LEGAL_ADVICE_WEEK = "legal_advice_week", _("Semanas de Asesorías Legales Externas")
    MOBILE_CONSULATE = "mobile_consulate", _("Consulado móvil")


class EventKind(models.Model):
    """A kind of event. Central office adds kinds; each counts under one programme."""

    code = models.SlugField(_("clave"), max_length=40, unique=True)
    name_es = models.CharField(_("nombre en español"), max_length=120)
    name_en = models.CharField(_("nombre en inglés"), max_length=120)
    program = models.CharField(_("programa"), max_length=24, choices=Program.choices)
    position = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("tipo de evento")
        verbose_name_plural = _("tipos de evento")

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def name_column() -> str:
        """The column holding the name in the active language (for queries that group)."""
        return "name_en" if (get_language() or "").startswith("en") else "name_es"

    @property
    def name(self) -> str:
        return str(getattr(self, self.name_column()))


class Modality(models.TextChoices):
    IN_PERSON = "in_person", _("Presencial")
    ONLINE = "online", _("En línea")
    HYBRID = "hybrid", _("Híbrido")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Borrador")
    PENDING = "pending", _("Por aprobar")
    PUBLISHED = "published", _("Publicado")
    CANCELLED = "cancelled", _("Cancelado")


def new_public_code() -> str:
    return secrets.token_urlsafe(9)


class Event(models.Model):
    office = models.ForeignKey(
        "network.Office",
        verbose_name=_("representación"),
        on_delete=models.PROTECT,
        related_name="outreach_events",
    )
    kind = models.ForeignKey(
        EventKind, verbose_name=_("tipo"), on_delete=models.PROTECT, related_name="events"
    )
    title = models.CharField(_("título"), max_length=160)
    description = models.TextField(_("descripción pública"), blank=True)
    starts_at = models.DateTimeField(_("inicio"))
    ends_at = models.DateTimeField(_("fin"))
    # The day it starts where the office is: reports count by the office's calendar.
    starts_on = models.DateField(_("fecha local"), editable=False)
    modality = models.CharField(_("modalidad"), max_length=12, choices=Modality.choices)
    venue = models.CharField(_("lugar"), max_length=160, blank=True)
    address = models.CharField(_("dirección"), max_length=255, blank=True)
    state = models.CharField(_("estado"), max_length=8, blank=True)
    county = models.CharField(_("condado"), max_length=100, blank=True)
    zip_code = models.CharField(_("código postal"), max_length=10, blank=True)
    area = models.ForeignKey(
        "network.JurisdictionArea",
        verbose_name=_("condado de la circunscripción"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outreach_events",
    )
    online_url = models.URLField(_("enlace de la transmisión"), blank=True)
    partners = models.TextField(_("organizaciones aliadas"), blank=True)
    topics = models.TextField(_("temas"), blank=True)
    languages = models.CharField(_("idiomas"), max_length=200, blank=True)
    audience = models.CharField(_("público"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("cupo"), null=True, blank=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personal asignado"),
        blank=True,
        related_name="outreach_events",
    )
    status = models.CharField(
        _("estatus"), max_length=12, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    public_code = models.CharField(max_length=16, unique=True, default=new_public_code)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrado por"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registrado"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aprobado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("aprobado"), null=True, blank=True)
    import_reference = models.CharField(_("referencia de importación"), max_length=60, blank=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("evento de protección preventiva")
        verbose_name_plural = _("eventos de protección preventiva")
        indexes = [
            models.Index(fields=["office", "starts_at"]),
            models.Index(fields=["starts_at"]),
            models.Index(fields=["starts_on", "office", "kind"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="outreach_event_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["office", "import_reference"],
                condition=~Q(import_reference=""),
                name="outreach_event_import_reference_once",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.starts_on = self.local_start.date()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "starts_on"}
        super().save(*args, **kwargs)

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(self.office.zone)

    @property
    def local_end(self) -> datetime:
        return self.ends_at.astimezone(self.office.zone)

    @property
    def is_public(self) -> bool:
        return self.status == EventStatus.PUBLISHED


class Sex(models.TextChoices):
    FEMALE = "female", _("Mujeres")
    MALE = "male", _("Hombres")
    OTHER = "other", _("Otro o no declarado")


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Menores de 18")
    FROM_18_TO_29 = "18_29", _("18 a 29")
    FROM_30_TO_59 = "30_59", _("30 a 59")
    FROM_60 = "60_plus", _("60 o más")


class EventReport(models.Model):
    """What an event reached: in person (headcount cells), online (with the definition of
    reach the office used), and the protection that followed at the event itself."""

    event = models.OneToOneField(
        Event, verbose_name=_("evento"), on_delete=models.CASCADE, related_name="report"
    )
    in_person = models.PositiveIntegerField(_("asistencia presencial"), default=0)
    live_viewers = models.PositiveIntegerField(_("personas en vivo"), default=0)
    later_views = models.PositiveIntegerField(_("reproducciones posteriores"), default=0)
    reach_definition = models.CharField(
        _("definición del alcance en línea"), max_length=255, blank=True
    )
    advisories_given = models.PositiveIntegerField(_("asesorías dadas"), default=0)
    cases_opened = models.PositiveIntegerField(_("casos abiertos"), default=0)
    alert_enrolments = models.PositiveIntegerField(_("altas en el botón de alerta"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrado por"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("registrado"), auto_now=True)

    class Meta:
        verbose_name = _("resultado del evento")
        verbose_name_plural = _("resultados de eventos")
        constraints = [
            models.CheckConstraint(
                condition=Q(live_viewers=0, later_views=0) | ~Q(reach_definition=""),
                name="outreach_online_reach_is_defined",
            )
        ]

    def __str__(self) -> str:
        return str(self.event)

    @property
    def reach(self) -> int:
        return self.in_person + self.live_viewers + self.later_views


class HeadcountCell(models.Model):
    """People counted in person, by sex and age band (no names)."""

    report = models.ForeignKey(EventReport, on_delete=models.CASCADE, related_name="cells")
    sex = models.CharField(max_length=8, choices=Sex.choices)
    age_band = models.CharField(max_length=8, choices=AgeBand.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "sex", "age_band"], name="outreach_headcount_cell_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sex}/{self.age_band}: {self.count}"


class RegistrationKind(models.TextChoices):
    SIGN_UP = "sign_up", _("Registro previo")
    CHECK_IN = "check_in", _("Registro de asistencia")


class Registration(models.Model):
    """Someone who signed up or checked in through the event's public link. A name and a
    phone are kept only when the person consented; otherwise the row only counts."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    kind = models.CharField(max_length=10, choices=RegistrationKind.choices)
    consented = models.BooleanField(_("aceptó el aviso de privacidad"), default=False)
    name = EncryptedTextField(_("nombre"), blank=True)
    phone = EncryptedTextField(_("teléfono"), blank=True)
    created_at = models.DateTimeField(_("registrado"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registro en un evento")
        verbose_name_plural = _("registros en eventos")
        constraints = [
            models.CheckConstraint(
                condition=Q(consented=True) | (Q(name="") & Q(phone="")),
                name="outreach_registration_names_need_consent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id}:{self.kind}"


class Feedback(models.Model):
    """An anonymous opinion about an event: nothing links it to a person."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(_("calificación"))
    comment = models.CharField(_("comentario"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("recibida"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("opinión")
        verbose_name_plural = _("opiniones")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="outreach_feedback_rating_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id}:{self.rating}"
