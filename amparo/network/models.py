"""The consular network: offices and the jurisdiction (circunscripción) each one covers."""

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OfficeKind(models.TextChoices):
    HEADQUARTERS = "headquarters", _("Oficina central (SRE)")
    EMBASSY = "embassy", _("Embajada")
    CONSULATE_GENERAL = "consulate_general", _("Consulado general")
    CONSULATE = "consulate", _("Consulado")
    CONSULAR_SECTION = "consular_section", _("Sección consular")
    LIAISON_OFFICE = "liaison_office", _("Oficina de enlace")
    INTERESTS_SECTION = "interests_section", _("Sección de intereses")
    HONORARY_CONSULATE = "honorary_consulate", _("Consulado honorario")
    CONTACT_CENTER = "contact_center", _("Centro de atención telefónica")


class Office(models.Model):
    """One representation of Mexico abroad (or the central office in Mexico City)."""

    code = models.SlugField(_("clave"), max_length=12, unique=True)
    slug = models.SlugField(_("identificador web"), max_length=60, unique=True)
    kind = models.CharField(_("tipo"), max_length=24, choices=OfficeKind.choices)
    name = models.CharField(_("nombre"), max_length=160)
    country = models.CharField(_("país (ISO 3166-1)"), max_length=2)
    region = models.CharField(_("estado o provincia"), max_length=8, blank=True)
    city = models.CharField(_("ciudad"), max_length=100)
    time_zone = models.CharField(_("zona horaria"), max_length=64)
    latitude = models.FloatField(_("latitud"))
    longitude = models.FloatField(_("longitud"))
    address = models.CharField(_("dirección"), max_length=255, blank=True)
    phone = models.CharField(_("teléfono"), max_length=32, blank=True)
    emergency_phone = models.CharField(_("teléfono de emergencia"), max_length=32, blank=True)
    email = models.EmailField(_("correo"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("representación de la que depende"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    active_from = models.DateField(_("activa desde"), null=True, blank=True)
    active_until = models.DateField(_("activa hasta"), null=True, blank=True)

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("representación")
        verbose_name_plural = _("representaciones")
        indexes = [models.Index(fields=["country", "region"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_headquarters(self) -> bool:
        return self.kind == OfficeKind.HEADQUARTERS

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def local_today(self) -> date:
        """Today's date where the office is (its day, not the server's UTC day)."""
        return timezone.now().astimezone(self.zone).date()

    @property
    def can_hold_jurisdiction(self) -> bool:
        return self.kind in JURISDICTION_KINDS


# Offices that may be given counties or provinces. Headquarters and the call centre never
# are; embassies may be where a country has no consulate.
JURISDICTION_KINDS = frozenset(
    {
        OfficeKind.CONSULATE_GENERAL,
        OfficeKind.CONSULATE,
        OfficeKind.CONSULAR_SECTION,
        OfficeKind.EMBASSY,
        OfficeKind.LIAISON_OFFICE,
        OfficeKind.INTERESTS_SECTION,
        OfficeKind.HONORARY_CONSULATE,
    }
)


class JurisdictionArea(models.Model):
    """A county (or county-equivalent) or a province; belongs to exactly one office."""

    code = models.CharField(_("clave"), max_length=64, unique=True)
    country = models.CharField(_("país (ISO 3166-1)"), max_length=2)
    region = models.CharField(_("estado o provincia"), max_length=8)
    name = models.CharField(_("nombre"), max_length=100)
    latitude = models.FloatField(_("latitud del centroide"))
    longitude = models.FloatField(_("longitud del centroide"))
    office = models.ForeignKey(
        Office,
        verbose_name=_("representación"),
        on_delete=models.PROTECT,
        related_name="jurisdiction_areas",
    )
    updated_at = models.DateTimeField(_("actualizada"), auto_now=True)

    class Meta:
        ordering = ["country", "region", "name"]
        verbose_name = _("área de circunscripción")
        verbose_name_plural = _("áreas de circunscripción")
        indexes = [models.Index(fields=["country", "region"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.region})"


class JurisdictionChange(models.Model):
    """One reassignment of an area. Rows are only ever added, never changed."""

    area = models.ForeignKey(
        JurisdictionArea,
        verbose_name=_("área"),
        on_delete=models.PROTECT,
        related_name="changes",
    )
    from_office = models.ForeignKey(
        Office,
        verbose_name=_("representación anterior"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_office = models.ForeignKey(
        Office, verbose_name=_("representación nueva"), on_delete=models.PROTECT, related_name="+"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("realizado por"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("fecha"), auto_now_add=True, db_index=True)
    reason = models.CharField(_("motivo"), max_length=255)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("cambio de circunscripción")
        verbose_name_plural = _("cambios de circunscripción")

    def __str__(self) -> str:
        return f"{self.area} → {self.to_office}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Jurisdiction history is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("Jurisdiction history is append-only")
