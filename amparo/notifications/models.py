"""Notifications to staff (and, later, to family contacts), their deliveries per channel,
the on-duty roster that decides who is woken up, and staff phone numbers for SMS.

Texts sent outside Amparo (email, SMS) carry only the subject and a pointer to sign in;
the body is shown only in the in-app inbox. Subjects must hold no personal data.

A notification's addresses and texts are encrypted at rest (`EncryptedTextField`): a family
contact's phone and e-mail are encrypted where the alert button keeps them, and must not
lie in clear here; an SMS's text may hold a one-time code. A staff member's own mobile for
urgent pages (`StaffContact`) is encrypted too.
"""

from typing import Any

from django.conf import settings
from django.core.validators import MaxLengthValidator, RegexValidator, validate_email
from django.db import models
from django.utils.translation import gettext_lazy as _

from amparo.core.crypto import EncryptedTextField

E164 = RegexValidator(
    r"^\+[1-9]\d{7,14}$", _("Escriba el número en formato internacional, p. ej. +15125550100.")
)


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgente")


class ChannelKind(models.TextChoices):
    INAPP = "inapp", _("Bandeja en Amparo")
    EMAIL = "email", _("Correo electrónico")
    SMS = "sms", _("SMS")
    PUSH = "push", _("Notificación push")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pendiente")
    SENT = "sent", _("Enviado")
    FAILED = "failed", _("Fallido")


class HistoryDeletionError(Exception):
    """Raised when code tries to delete a notification or a delivery."""


class Notification(models.Model):
    """One message to one recipient: a staff user, or a bare phone/email address."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destinatario"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notifications",
    )
    email = EncryptedTextField(
        _("correo del destinatario"), blank=True, validators=[validate_email]
    )
    phone_e164 = EncryptedTextField(_("teléfono del destinatario"), blank=True, validators=[E164])
    office = models.ForeignKey(
        "network.Office",
        verbose_name=_("representación"),
        on_delete=models.PROTECT,
        related_name="notifications",
    )
    kind = models.SlugField(_("tipo"), max_length=40)
    subject = EncryptedTextField(_("asunto"), validators=[MaxLengthValidator(140)])
    body = EncryptedTextField(_("texto"), blank=True, validators=[MaxLengthValidator(2000)])
    link = models.CharField(_("enlace en Amparo"), max_length=255, blank=True)
    urgency = models.CharField(
        _("urgencia"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL
    )
    created_at = models.DateTimeField(_("creada"), auto_now_add=True, db_index=True)
    related_type = models.CharField(_("tipo de registro relacionado"), max_length=64, blank=True)
    related_id = models.CharField(_("registro relacionado"), max_length=64, blank=True)
    requires_ack = models.BooleanField(_("requiere acuse"), default=False)
    acknowledged_at = models.DateTimeField(_("acusada"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acusada por"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("notificación")
        verbose_name_plural = _("notificaciones")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "acknowledged_at"]),
            models.Index(fields=["office", "requires_ack", "acknowledged_at"]),
            models.Index(fields=["related_type", "related_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(recipient=None, email="", phone_e164=""),
                name="notification_has_a_recipient",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise HistoryDeletionError("Notifications are kept as history")

    @property
    def is_urgent(self) -> bool:
        return self.urgency == Urgency.URGENT

    @property
    def is_pending_ack(self) -> bool:
        return self.requires_ack and self.acknowledged_at is None


class Delivery(models.Model):
    """One channel's attempt(s) to deliver a notification. last_error holds only an error
    class or code, never an address or message text."""

    notification = models.ForeignKey(
        Notification, on_delete=models.PROTECT, related_name="deliveries"
    )
    channel = models.CharField(_("canal"), max_length=8, choices=ChannelKind.choices)
    status = models.CharField(
        _("estatus"), max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("intentos"), default=0)
    last_error = models.CharField(_("último error"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("creada"), auto_now_add=True)
    sent_at = models.DateTimeField(_("enviada"), null=True, blank=True)
    is_fallback = models.BooleanField(_("envío de respaldo"), default=False)

    class Meta:
        verbose_name = _("entrega")
        verbose_name_plural = _("entregas")
        ordering = ["notification_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="delivery_one_per_channel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel} · {self.status} · #{self.notification_id}"

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise HistoryDeletionError("Deliveries are kept as history")


class OnDutyShift(models.Model):
    """A staff member on duty (de guardia) for an office between two instants."""

    office = models.ForeignKey(
        "network.Office",
        verbose_name=_("representación"),
        on_delete=models.PROTECT,
        related_name="on_duty_shifts",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona de guardia"),
        on_delete=models.PROTECT,
        related_name="on_duty_shifts",
    )
    starts_at = models.DateTimeField(_("inicio"))
    ends_at = models.DateTimeField(_("fin"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelada"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("guardia")
        verbose_name_plural = _("guardias")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["office", "starts_at", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="on_duty_shift_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.office} · {self.starts_at:%Y-%m-%d %H:%M}"


class StaffContact(models.Model):
    """The mobile number where a staff member receives urgent SMS."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_contact"
    )
    phone_e164 = EncryptedTextField(_("celular para avisos urgentes"), validators=[E164])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contacto del personal")
        verbose_name_plural = _("contactos del personal")

    def __str__(self) -> str:
        return f"contact #{self.pk}"


class SmsOutboxMessage(models.Model):
    """An SMS kept locally instead of sent (development and demos; no network)."""

    to = EncryptedTextField(_("número"))
    text = EncryptedTextField(_("texto"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("SMS en bandeja local")
        verbose_name_plural = _("SMS en bandeja local")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"sms #{self.pk}"


class PushEndpoint(models.Model):
    """A browser's Web Push subscription (webpush.Subscription); pushes carry ids only."""

    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=100)
    auth = models.CharField(max_length=40)
    created_at = models.DateTimeField(_("suscrita el"))
    last_delivered_at = models.DateTimeField(_("última entrega"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{type(self).__name__} #{self.pk}"


class StaffPushSubscription(PushEndpoint):
    """A staff member's browser, woken by urgent notifications (the PUSH channel)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )

    class Meta:
        verbose_name = _("suscripción push del personal")
        verbose_name_plural = _("suscripciones push del personal")
