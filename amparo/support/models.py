"""The economic-support fund ledger: funds, their accounts, and postings made of transfers.

Double entry by construction: a Transfer moves an amount (in minor units, a positive
integer) from one account (credit) to another (debit) of the same fund, so debits equal
credits in every posting and every currency without a check that could be skipped. The
database enforces the rest (migration 0001):
  - transfers are never updated or deleted (a trigger refuses it): corrections are new,
    reversing postings;
  - both accounts of a transfer belong to its fund (a trigger);
  - a guarded account never goes below zero: each Account keeps its running debits and
    credits, changed only by `services.post` in the same transaction as the transfers,
    under a CHECK constraint, so two postings racing for the last dollar cannot both pass;
  - a posting's idempotency key is unique.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Currency(models.TextChoices):
    USD = "USD", _("Dólar estadounidense")
    MXN = "MXN", _("Peso mexicano")


class AccountKind(models.TextChoices):
    # Where the money comes from (credit-normal: its balance is what was put in).
    FUNDING = "funding", _("Aportaciones (presupuesto federal)")
    COFUNDING = "cofunding", _("Aportaciones de organizaciones aliadas")
    INTEREST = "interest", _("Intereses de fianzas reembolsadas")
    # Where the money is (debit-normal, guarded: never below zero).
    AVAILABLE = "available", _("Disponible")
    COMMITTED = "committed", _("Comprometido")
    PAID = "paid", _("Pagado")
    RECEIVABLE = "receivable", _("Por recuperar (fianzas canceladas)")
    WRITTEN_OFF = "written_off", _("Castigado (fianzas perdidas)")


GUARDED_KINDS = frozenset(
    {AccountKind.AVAILABLE, AccountKind.COMMITTED, AccountKind.PAID, AccountKind.RECEIVABLE}
)


class Fund(models.Model):
    """A pot of money with a purpose, e.g. "Fondo de fianzas 2025 - Medio Oeste"."""

    name = models.CharField(_("nombre"), max_length=160, unique=True)
    currency = models.CharField(_("moneda"), max_length=3, choices=Currency.choices)
    office = models.ForeignKey(
        "network.Office",
        verbose_name=_("representación que lo administra"),
        on_delete=models.PROTECT,
        related_name="support_funds",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Requests above this amount (minor units) need headquarters' approval as well.
    headquarters_above = models.BigIntegerField(
        _("aprobación de oficinas centrales por encima de (centavos)"), default=5_000_00
    )

    class Meta:
        verbose_name = _("fondo")
        verbose_name_plural = _("fondos")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Account(models.Model):
    """One account of a fund; per office where money is allocated to an office."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="accounts")
    kind = models.CharField(_("tipo"), max_length=16, choices=AccountKind.choices)
    office = models.ForeignKey(
        "network.Office", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    guarded = models.BooleanField(_("no puede quedar en negativo"))
    # Running totals of the transfers, in minor units; balance = debits - credits.
    debits = models.BigIntegerField(default=0)
    credits = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("cuenta")
        verbose_name_plural = _("cuentas")
        constraints = [
            # One fund-wide account per kind, and one per kind and office.
            models.UniqueConstraint(
                fields=["fund", "kind"],
                condition=models.Q(office__isnull=True),
                name="support_account_one_per_kind",
            ),
            models.UniqueConstraint(
                fields=["fund", "kind", "office"],
                condition=models.Q(office__isnull=False),
                name="support_account_one_per_kind_office",
            ),
            models.CheckConstraint(
                condition=models.Q(guarded=False) | models.Q(debits__gte=models.F("credits")),
                name="support_account_guarded_not_negative",
                violation_error_message=_("Saldo insuficiente."),
            ),
            models.CheckConstraint(
                condition=models.Q(debits__gte=0, credits__gte=0),
                name="support_account_totals_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fund_id}:{self.kind}:{self.office_id or '-'}"

    @property
    def balance(self) -> int:
        return self.debits - self.credits


class PostingKind(models.TextChoices):
    DEPOSIT = "deposit", _("Depósito")
    ALLOCATION = "allocation", _("Asignación a una representación")
    HOLD = "hold", _("Compromiso (apoyo aprobado)")
    PAYMENT = "payment", _("Pago")
    RELEASE = "release", _("Liberación de un compromiso")
    REVERSAL = "reversal", _("Reversión")
    BOND_CANCELLED = "bond_cancelled", _("Fianza cancelada (reembolso por recibir)")
    BOND_REFUNDED = "bond_refunded", _("Reembolso de fianza recibido")
    BOND_BREACHED = "bond_breached", _("Fianza perdida")


class Posting(models.Model):
    """One business event in the ledger (a deposit, a hold, a payment, a refund…), made of
    one or more transfers written together, once per idempotency key."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="postings")
    kind = models.CharField(_("tipo"), max_length=24, choices=PostingKind.choices)
    idempotency_key = models.CharField(max_length=80, unique=True)
    # The posting's content, hashed: a replay with the same key must say the same thing.
    body_hash = models.CharField(max_length=64)
    memo = models.CharField(_("concepto"), max_length=240, blank=True)
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    posted_at = models.DateTimeField(_("registrado el"))

    class Meta:
        verbose_name = _("asiento")
        verbose_name_plural = _("asientos")
        ordering = ["-posted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind}:{self.idempotency_key}"


class Transfer(models.Model):
    """`amount` minor units from `credit_account` to `debit_account`. Never changed."""

    posting = models.ForeignKey(Posting, on_delete=models.PROTECT, related_name="transfers")
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="+")
    debit_account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="+")
    credit_account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="+")
    amount = models.BigIntegerField(_("importe (centavos)"))

    class Meta:
        verbose_name = _("movimiento")
        verbose_name_plural = _("movimientos")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="support_transfer_positive"
            ),
            models.CheckConstraint(
                condition=~models.Q(debit_account=models.F("credit_account")),
                name="support_transfer_two_accounts",
            ),
        ]
        indexes = [
            models.Index(fields=["debit_account"], name="support_transfer_debit"),
            models.Index(fields=["credit_account"], name="support_transfer_credit"),
        ]

    def __str__(self) -> str:
        return f"{self.credit_account_id}→{self.debit_account_id}:{self.amount}"


class RequestKind(models.TextChoices):
    BAIL_BOND = "bail_bond", _("Fianza migratoria")
    MEDICAL_REPATRIATION = "medical_repatriation", _("Repatriación médica")
    REMAINS_REPATRIATION = "remains_repatriation", _("Traslado de restos")
    OTHER = "other", _("Otro apoyo")


class PayeeKind(models.TextChoices):
    PARTNER = "partner", _("Organización aliada (deposita la fianza)")
    AIRLINE = "airline", _("Aerolínea")
    FUNERAL_HOME = "funeral_home", _("Funeraria")
    HOSPITAL = "hospital", _("Hospital")
    OTHER = "other", _("Otro")


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("En comité")
    APPROVED = "approved", _("Aprobada (importe comprometido)")
    PAID = "paid", _("Pagada")
    REJECTED = "rejected", _("Rechazada")
    # A bond's life after payment: cancelled at the end of the case (refund due), the
    # refund received, or breached and lost.
    BOND_CANCELLED = "bond_cancelled", _("Fianza cancelada (reembolso por recibir)")
    REFUNDED = "refunded", _("Fianza reembolsada")
    WRITTEN_OFF = "written_off", _("Fianza perdida")


class ApprovalLevel(models.TextChoices):
    OFFICE = "office", _("Comité de la representación")
    HEADQUARTERS = "headquarters", _("Oficinas centrales")


class SupportRequest(models.Model):
    """A request for money from a fund for one protection case, decided by the committee."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey("network.Office", on_delete=models.PROTECT, related_name="+")
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="requests")
    kind = models.CharField(_("tipo de apoyo"), max_length=24, choices=RequestKind.choices)
    # What the payee charges, in its currency; `held_amount` is what the fund commits, in the
    # fund's currency, converted at the rate the committee records when it approves.
    amount = models.BigIntegerField(_("importe (centavos)"))
    currency = models.CharField(
        _("moneda del importe"), max_length=3, choices=Currency.choices, default=Currency.USD
    )
    exchange_rate = models.DecimalField(
        _("tipo de cambio aplicado"), max_digits=14, decimal_places=6, null=True, blank=True
    )
    held_amount = models.BigIntegerField(_("importe comprometido (centavos)"), null=True)
    # The office allocation the money came from (none: the fund's common pool).
    ledger_office = models.ForeignKey(
        "network.Office", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    payee_name = models.CharField(_("beneficiario del pago"), max_length=160)
    payee_kind = models.CharField(
        _("tipo de beneficiario"), max_length=16, choices=PayeeKind.choices
    )
    justification = models.TextField(_("justificación"))
    status = models.CharField(
        _("estatus"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("solicitada el"))
    documents = models.ManyToManyField(
        "cases.CaseAttachment", blank=True, related_name="+", verbose_name=_("documentos")
    )
    hold = models.OneToOneField(
        Posting, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    payment = models.OneToOneField(
        Posting, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("solicitud de apoyo")
        verbose_name_plural = _("solicitudes de apoyo")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="support_request_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.case_id}:{self.amount}"


class CoFunder(models.Model):
    """A partner paying part of what the request covers (e.g. the rest of a bond)."""

    request = models.ForeignKey(SupportRequest, on_delete=models.PROTECT, related_name="cofunders")
    name = models.CharField(_("organización"), max_length=160)
    amount = models.BigIntegerField(_("importe (centavos)"))

    class Meta:
        verbose_name = _("cofinanciador")
        verbose_name_plural = _("cofinanciadores")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="support_cofunder_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Approval(models.Model):
    """One committee decision on a request, with the minutes (acta) that record it. Whoever
    asked never decides: the requester is copied here so the database can refuse it."""

    request = models.ForeignKey(SupportRequest, on_delete=models.PROTECT, related_name="approvals")
    level = models.CharField(_("instancia"), max_length=16, choices=ApprovalLevel.choices)
    approved = models.BooleanField(_("aprobada"))
    minutes_number = models.CharField(_("número de acta"), max_length=40)
    # Fund currency per unit of the request's currency, when the two differ.
    exchange_rate = models.DecimalField(
        _("tipo de cambio"), max_digits=14, decimal_places=6, null=True, blank=True
    )
    note = models.TextField(_("observaciones"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("resuelta el"))

    class Meta:
        verbose_name = _("decisión del comité")
        verbose_name_plural = _("decisiones del comité")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "level"], name="support_approval_one_per_level"
            ),
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("requested_by")),
                name="support_approval_not_by_requester",
                violation_error_message=_("Quien solicita no puede aprobar."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_id}:{self.level}:{self.approved}"


class LogisticsStep(models.TextChoices):
    # Medical repatriation.
    HOSPITAL_ABROAD = "hospital_abroad", _("Hospital en el extranjero")
    MEDICAL_ESCORT = "medical_escort", _("Acompañante médico")
    FLIGHT = "flight", _("Vuelo")
    RECEIVING_HOSPITAL = "receiving_hospital", _("Hospital receptor en México")
    STATE_HEALTH_CONTACT = "state_health_contact", _("Enlace de salud del estado")
    # Repatriation of remains.
    FUNERAL_HOME = "funeral_home", _("Funeraria")
    PERMITS = "permits", _("Permisos sanitarios y de tránsito")
    TRANSFER_CERTIFICATE = "transfer_certificate", _("Certificado consular de traslado de restos")
    TRANSPORT = "transport", _("Transporte")
    FAMILY_RECEIVING = "family_receiving", _("Familia que recibe en México")


# The checklist of each kind of repatriation, in the order the work is done.
LOGISTICS_STEPS: dict[str, tuple[str, ...]] = {
    RequestKind.MEDICAL_REPATRIATION: (
        LogisticsStep.HOSPITAL_ABROAD,
        LogisticsStep.MEDICAL_ESCORT,
        LogisticsStep.FLIGHT,
        LogisticsStep.RECEIVING_HOSPITAL,
        LogisticsStep.STATE_HEALTH_CONTACT,
    ),
    RequestKind.REMAINS_REPATRIATION: (
        LogisticsStep.FUNERAL_HOME,
        LogisticsStep.PERMITS,
        LogisticsStep.TRANSFER_CERTIFICATE,
        LogisticsStep.TRANSPORT,
        LogisticsStep.FAMILY_RECEIVING,
    ),
}


class LogisticsItem(models.Model):
    """One item of a repatriation's checklist: done on a date, with who or what (the
    hospital, the flight, the permit number). Recording it again corrects it; every record
    is also a line of the case's timeline."""

    request = models.ForeignKey(SupportRequest, on_delete=models.PROTECT, related_name="logistics")
    step = models.CharField(_("paso"), max_length=24, choices=LogisticsStep.choices)
    done_on = models.DateField(_("fecha"))
    detail = models.CharField(_("detalle"), max_length=240, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("registrado el"))

    class Meta:
        verbose_name = _("paso de la logística")
        verbose_name_plural = _("pasos de la logística")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "step"], name="support_logistics_one_per_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request_id}:{self.step}"
