"""The alert button: nationals enrolled by a consulate (registrants) with their trusted
contacts and their phones (devices, each holding only an opaque credential), and the alerts
they raise. An alert belongs to the registrant's office and is routed to the office that
must act where it was raised; a person must acknowledge it, or it climbs (escalation.py).

Positions and free text are encrypted at rest: they say where someone at risk is."""

import json
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amparo.core.crypto import EncryptedTextField, refresh_blind_indexes
from amparo.notifications.models import PushEndpoint
from amparo.people.models import ContactRelation


class Language(models.TextChoices):
    SPANISH = "es", _("Español")
    ENGLISH = "en", _("Inglés")


class Registrant(models.Model):
    """A national enrolled in the alert button by the office that holds their record."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey("network.Office", on_delete=models.PROTECT, related_name="+")
    phone = EncryptedTextField(_("teléfono"), blind_index="phone_index")
    phone_index = models.CharField(max_length=64, editable=False, db_index=True)
    language = models.CharField(
        _("idioma"), max_length=2, choices=Language.choices, default=Language.SPANISH
    )
    # Where they live, for routing an alert that arrives without a position.
    home_state = models.CharField(_("estado o provincia"), max_length=2, blank=True)
    home_county = models.CharField(_("condado"), max_length=120, blank=True)
    home_zip = models.CharField(_("código postal"), max_length=10, blank=True)
    notice_version = models.CharField(_("versión del aviso de privacidad"), max_length=20)
    notice_accepted_at = models.DateTimeField(_("aviso aceptado el"))
    pin_hash = models.CharField(max_length=128, editable=False)
    # A second PIN that looks like a cancellation on the phone and raises the alert silently.
    duress_pin_hash = models.CharField(max_length=128, blank=True, editable=False)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    enrolled_at = models.DateTimeField(_("inscrita el"))
    # Enrolled from the web app with an SMS code: the phone is proven, the identity is not
    # (the staff page says so and lists likely duplicates in the person index).
    self_enrolled = models.BooleanField(_("inscripción propia"), default=False)
    # The check-in timer: unless the person checks in before this, their alert is raised
    # (checkin.raise_overdue). Empty when no timer runs.
    checkin_due_at = models.DateTimeField(_("registro de llegada antes de"), null=True, blank=True)
    # "Ya llegué" with the duress PIN: the phone shows the timer stopped; it runs on.
    checkin_shown_stopped = models.BooleanField(default=False)
    # Deleting an enrolment removes contacts and devices; the alerts stay with their case.
    ended_at = models.DateTimeField(_("baja el"), null=True, blank=True)

    class Meta:
        verbose_name = _("persona inscrita")
        verbose_name_plural = _("personas inscritas")
        ordering = ["-enrolled_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(ended_at=None), name="alerts_enrolled_once"
            )
        ]

    def __str__(self) -> str:
        return f"registrant {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        refresh_blind_indexes(self)
        super().save(*args, **kwargs)


class FamilyStatus(models.TextChoices):
    """What a trusted contact may be told, as the registrant chose."""

    RECEIVED = "received", _("Alerta recibida")
    SEEN = "seen", _("Vista por el consulado")
    HELP = "help", _("Ayuda en camino")
    DETAINED = "detained", _("Detenida o detenido")
    RELEASED = "released", _("Liberada o liberado")
    SAFE = "safe", _("A salvo")


class TrustedContact(models.Model):
    """Someone the registrant wants told (family, a lawyer, an employer): never the
    position, never the surname; a link to a status page behind a one-time code."""

    registrant = models.ForeignKey(Registrant, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("nombre"), max_length=120)
    relation = models.CharField(_("relación"), max_length=16, choices=ContactRelation.choices)
    phone = EncryptedTextField(_("teléfono"), blank=True)
    email = EncryptedTextField(_("correo electrónico"), blank=True)
    language = models.CharField(
        _("idioma"), max_length=2, choices=Language.choices, default=Language.SPANISH
    )
    sees = models.JSONField(_("estados que puede ver"), default=list)

    class Meta:
        verbose_name = _("contacto de confianza")
        verbose_name_plural = _("contactos de confianza")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Device(models.Model):
    """A phone provisioned for a registrant. The phone keeps an opaque credential; the
    server keeps only its SHA-256. Revoking it refuses the next request."""

    registrant = models.ForeignKey(Registrant, on_delete=models.CASCADE, related_name="devices")
    credential_hash = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField(_("descripción"), max_length=80, blank=True)
    provisioned_at = models.DateTimeField(_("activado el"))
    last_seen_at = models.DateTimeField(_("último uso"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revocado el"), null=True, blank=True)

    class Meta:
        verbose_name = _("teléfono")
        verbose_name_plural = _("teléfonos")
        ordering = ["-provisioned_at", "-id"]

    def __str__(self) -> str:
        return f"device {self.pk}"


class DevicePushSubscription(PushEndpoint):
    """The phone's Web Push subscription: "received", "seen", "help on the way" reach it with
    the app closed. The phone renews it on every start (browsers drop them silently)."""

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="push_subscriptions")

    class Meta:
        verbose_name = _("suscripción push del teléfono")
        verbose_name_plural = _("suscripciones push de teléfonos")


class PhoneCheck(models.Model):
    """A self-enrolment (or re-activation) in progress: an SMS code sent to a phone. The
    web app holds the request's token; the code proves the phone. Only hashes are kept."""

    phone = EncryptedTextField(_("teléfono"), blind_index="phone_index")
    phone_index = models.CharField(max_length=64, editable=False, db_index=True)
    language = models.CharField(max_length=2, choices=Language.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    code_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(db_index=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("verificación de teléfono")
        verbose_name_plural = _("verificaciones de teléfono")

    def __str__(self) -> str:
        return f"phone check {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        refresh_blind_indexes(self)
        super().save(*args, **kwargs)


class ProvisioningCode(models.Model):
    """A one-time code an officer shows as a QR code; the phone trades it for a device
    credential. Short-lived; only its SHA-256 is stored."""

    registrant = models.ForeignKey(
        Registrant, on_delete=models.CASCADE, related_name="provisioning_codes"
    )
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("código de activación")
        verbose_name_plural = _("códigos de activación")

    def __str__(self) -> str:
        return f"provisioning {self.pk}"


class AlertStatus(models.TextChoices):
    RECEIVED = "received", _("Recibida")
    ACKNOWLEDGED = "acknowledged", _("Vista por el consulado")
    HELP = "help", _("Ayuda en camino")
    CLOSED = "closed", _("Cerrada")


ACTIVE = (AlertStatus.RECEIVED, AlertStatus.ACKNOWLEDGED, AlertStatus.HELP)


class RoutedBy(models.TextChoices):
    POINT = "point", _("Por la posición")
    COUNTY = "county", _("Por el condado registrado")
    ZIP = "zip", _("Por el código postal registrado")
    CIAM = "ciam", _("Al CIAM (sin jurisdicción)")
    ABROAD = "abroad", _("A la representación más cercana fuera de EUA y Canadá")


class Level(models.IntegerChoices):
    """Who owns an unacknowledged alert, climbing every N minutes."""

    ON_DUTY = 0, _("Guardia de la representación")
    HEAD = 1, _("Titular de la representación")
    CIAM = 2, _("Supervisión del CIAM")
    HEADQUARTERS = 3, _("Oficina central")


class Alert(models.Model):
    """One alert, idempotent on the phone's id for it (`client_id`)."""

    registrant = models.ForeignKey(Registrant, on_delete=models.PROTECT, related_name="alerts")
    device = models.ForeignKey(
        Device, null=True, blank=True, on_delete=models.SET_NULL, related_name="alerts"
    )
    client_id = models.UUIDField()
    # The request's content, hashed: the same id with a different body is refused.
    body_hash = models.CharField(max_length=64, editable=False)
    home_office = models.ForeignKey("network.Office", on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey(
        "network.Office", verbose_name=_("representación que atiende"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    routed_by = models.CharField(_("ruta"), max_length=8, choices=RoutedBy.choices)
    raised_at = models.DateTimeField(_("activada el"))
    received_at = models.DateTimeField(_("recibida el"))
    # {"lat", "lon", "accuracy_m", "fix_at"} as JSON, encrypted; empty without a fix.
    position = EncryptedTextField(_("posición"), blank=True)
    text = EncryptedTextField(_("mensaje"), blank=True)
    duress = models.BooleanField(_("bajo coacción"), default=False)
    is_test = models.BooleanField(_("prueba"), default=False)
    status = models.CharField(
        _("estatus"), max_length=12, choices=AlertStatus.choices, default=AlertStatus.RECEIVED
    )
    level = models.PositiveSmallIntegerField(
        _("nivel"), choices=Level.choices, default=Level.ON_DUTY
    )
    level_at = models.DateTimeField(_("en este nivel desde"))
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # When its case line, pages and family messages were written (dispatch.dispatch); an
    # alert stored without them (a failure after storing it) is dispatched again.
    dispatched_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("vista el"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    closed_at = models.DateTimeField(_("cerrada el"), null=True, blank=True)
    close_reason = models.CharField(_("motivo del cierre"), max_length=240, blank=True)
    # "Estoy a salvo" with the duress PIN: the phone shows the alert closed, staff see it
    # active and flagged.
    shown_closed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("alerta")
        verbose_name_plural = _("alertas")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["registrant", "client_id"], name="alerts_client_once")
        ]
        indexes = [models.Index(fields=["office", "status"], name="alert_office_status")]

    def __str__(self) -> str:
        return f"alert {self.pk}"

    @property
    def fix(self) -> dict[str, Any] | None:
        return json.loads(self.position) if self.position else None

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE


def position_json(latitude: float, longitude: float, accuracy_m: float, fix_at: datetime) -> str:
    return json.dumps(
        {"lat": latitude, "lon": longitude, "accuracy_m": accuracy_m, "fix_at": fix_at.isoformat()}
    )


class AlertPosition(models.Model):
    """A later fix of the same alert (the phone sends them for up to two minutes)."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="positions")
    position = EncryptedTextField(_("posición"))
    received_at = models.DateTimeField(_("recibida el"))

    class Meta:
        verbose_name = _("posición de la alerta")
        verbose_name_plural = _("posiciones de la alerta")
        ordering = ["received_at", "id"]

    def __str__(self) -> str:
        return f"position {self.pk}"

    @property
    def fix(self) -> dict[str, Any]:
        return json.loads(self.position)  # type: ignore[no-any-return]


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Recibida")
    ACKNOWLEDGED = "acknowledged", _("Vista")
    ESCALATED = "escalated", _("Escalada")
    OUTCOME = "outcome", _("Resultado")
    CLOSED = "closed", _("Cerrada")


class Outcome(models.TextChoices):
    CONTACTED = "contacted", _("Se logró contacto")
    HELP = "help", _("Ayuda en camino")
    LOCATED = "located", _("Localizada o localizado")
    DETAINED = "detained", _("Detenida o detenido")
    VISITED = "visited", _("Visitada o visitado")
    RELEASED = "released", _("Liberada o liberado")
    FALSE_ALARM = "false_alarm", _("Falsa alarma")
    OTHER = "other", _("Otro resultado")


# What each outcome tells the contacts who may see it (TrustedContact.sees).
OUTCOME_FAMILY_STATUS = {
    Outcome.HELP: FamilyStatus.HELP,
    Outcome.DETAINED: FamilyStatus.DETAINED,
    Outcome.RELEASED: FamilyStatus.RELEASED,
    Outcome.LOCATED: FamilyStatus.SAFE,
    Outcome.FALSE_ALARM: FamilyStatus.SAFE,
}


class AlertEvent(models.Model):
    """A step of an alert, for its board and its history: no personal data in `detail`."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("tipo"), max_length=12, choices=EventKind.choices)
    outcome = models.CharField(_("resultado"), max_length=12, choices=Outcome.choices, blank=True)
    detail = models.CharField(_("detalle"), max_length=240, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    at = models.DateTimeField(_("fecha"))

    class Meta:
        verbose_name = _("paso de la alerta")
        verbose_name_plural = _("pasos de la alerta")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.alert_id}:{self.kind}"


class FamilyAccess(models.Model):
    """A trusted contact's door to one alert's status: the link's token and, once asked
    for, a one-time code sent to the contact. Only hashes are stored."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="family_accesses")
    contact = models.ForeignKey(TrustedContact, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # Kept (encrypted) to put the same link in each message about this alert.
    token = EncryptedTextField()
    code_hash = models.CharField(max_length=64, blank=True, editable=False)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    code_attempts = models.PositiveSmallIntegerField(default=0)
    # What the contact was last told, so each change is sent once.
    told = models.CharField(max_length=12, choices=FamilyStatus.choices, blank=True)

    class Meta:
        verbose_name = _("acceso de un contacto")
        verbose_name_plural = _("accesos de contactos")
        constraints = [
            models.UniqueConstraint(fields=["alert", "contact"], name="alerts_family_once")
        ]

    def __str__(self) -> str:
        return f"family {self.pk}"


class OfficePolicy(models.Model):
    """An office's minutes to acknowledge an alert before it climbs (default 5)."""

    office = models.OneToOneField("network.Office", on_delete=models.CASCADE, related_name="+")
    ack_minutes = models.PositiveSmallIntegerField(_("minutos para acusar recibo"), default=5)

    class Meta:
        verbose_name = _("política de alertas")
        verbose_name_plural = _("políticas de alertas")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ack_minutes__gte=1, ack_minutes__lte=60),
                name="alerts_ack_minutes_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.office_id}:{self.ack_minutes}"
