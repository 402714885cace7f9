"""Detention: the facilities where nationals are held, who is held where (with the history
of transfers), the consulate's visits with a checklist per person seen, the follow-ups each
"wants" creates, and the legal advisories the network gives."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FacilityKind(models.TextChoices):
    ICE_CENTER = "ice_center", _("Centro de detención migratoria (ICE)")
    COUNTY_JAIL = "county_jail", _("Cárcel de condado")
    STATE_PRISON = "state_prison", _("Prisión estatal")
    FEDERAL_PRISON = "federal_prison", _("Prisión federal")
    CBP_STATION = "cbp_station", _("Estación de la Patrulla Fronteriza (CBP)")
    JUVENILE_SHELTER = "juvenile_shelter", _("Albergue para menores")
    OTHER = "other", _("Otro")


class Facility(models.Model):
    """A place where people are held, with its visiting rules as data staff keep up to
    date. Placed by ZIP code in the jurisdiction of one office (none: not yet placed)."""

    name = models.CharField(_("nombre"), max_length=160)
    kind = models.CharField(_("tipo"), max_length=20, choices=FacilityKind.choices)
    ice_type = models.CharField(_("tipo según ICE"), max_length=16, blank=True)
    operator = models.CharField(_("operador"), max_length=160, blank=True)
    address = models.CharField(_("dirección"), max_length=200)
    city = models.CharField(_("ciudad"), max_length=80)
    state = models.CharField(_("estado"), max_length=2)
    zip_code = models.CharField(_("código postal"), max_length=10)
    office = models.ForeignKey(
        "network.Office", verbose_name=_("representación"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="facilities",
    )  # fmt: skip
    phones = models.CharField(_("teléfonos"), max_length=200, blank=True)
    average_population = models.DecimalField(
        _("población diaria promedio (ICE, año fiscal 2025)"), max_digits=8, decimal_places=1,
        null=True, blank=True,
    )  # fmt: skip
    # Visiting rules, kept by staff.
    visiting_hours = models.CharField(_("días y horario de visita"), max_length=200, blank=True)
    blackout_dates = models.CharField(_("fechas sin visitas"), max_length=200, blank=True)
    id_rules = models.CharField(_("identificación requerida"), max_length=200, blank=True)
    dress_rules = models.CharField(_("código de vestimenta"), max_length=200, blank=True)
    visit_request = models.TextField(_("cómo solicitar una visita consular"), blank=True)
    phones_allowed = models.BooleanField(_("se permiten teléfonos"), default=False)
    notes = models.TextField(_("notas"), blank=True)
    is_active = models.BooleanField(_("activo"), default=True)

    class Meta:
        verbose_name = _("centro de detención")
        verbose_name_plural = _("centros de detención")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "zip_code"], name="detention_facility_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.city}, {self.state})"


class Authority(models.TextChoices):
    ICE = "ice", _("ICE")
    CBP = "cbp", _("CBP")
    POLICE = "police", _("Policía local o estatal")
    MARSHALS = "marshals", _("US Marshals")
    OTHER = "other", _("Otra")


class DetentionStatus(models.TextChoices):
    HELD = "held", _("Detenida")
    RELEASED = "released", _("Liberada")
    REMOVED = "removed", _("Deportada o repatriada")


class Detention(models.Model):
    """A national held by an authority: where (now, and before: the stays), since when,
    the charges, the next hearing, when the consulate last saw them."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    office = models.ForeignKey("network.Office", on_delete=models.PROTECT, related_name="+")
    facility = models.ForeignKey(
        Facility, verbose_name=_("centro"), on_delete=models.PROTECT, related_name="detentions"
    )
    authority = models.CharField(_("autoridad"), max_length=10, choices=Authority.choices)
    detained_on = models.DateField(_("fecha de detención"), null=True, blank=True)
    ended_on = models.DateField(_("fecha de liberación o deportación"), null=True, blank=True)
    status = models.CharField(
        _("estatus"), max_length=10, choices=DetentionStatus.choices, default=DetentionStatus.HELD
    )
    charges = models.TextField(_("cargos penales"), blank=True)
    next_hearing_at = models.DateTimeField(_("próxima audiencia"), null=True, blank=True)
    last_seen_on = models.DateField(_("última vez vista por el consulado"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("registrada el"))

    class Meta:
        verbose_name = _("detención")
        verbose_name_plural = _("detenciones")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["office", "status", "last_seen_on"], name="detention_not_seen"),
            models.Index(fields=["status", "last_seen_on"], name="detention_not_seen_all"),
            models.Index(fields=["facility", "status"], name="detention_facility_held"),
            models.Index(fields=["status", "next_hearing_at"], name="detention_hearings"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(detained_on__isnull=True)
                | models.Q(ended_on__gte=models.F("detained_on")),
                name="detention_ends_after_it_starts",
                violation_error_message=_("La detención no puede terminar antes de empezar."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id}@{self.facility_id}"


class Stay(models.Model):
    """One facility in a detention's history: a transfer ends one stay and starts another."""

    detention = models.ForeignKey(Detention, on_delete=models.PROTECT, related_name="stays")
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="+")
    arrived_on = models.DateField(_("llegada"), null=True, blank=True)
    left_on = models.DateField(_("salida"), null=True, blank=True)

    class Meta:
        verbose_name = _("estancia")
        verbose_name_plural = _("estancias")
        ordering = ["detention", "id"]

    def __str__(self) -> str:
        return f"{self.detention_id}@{self.facility_id}"


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Programada")
    DONE = "done", _("Realizada")
    CANCELLED = "cancelled", _("Cancelada")


class Visit(models.Model):
    """A consular visit to a facility: planned (date, time, officers), then logged."""

    office = models.ForeignKey("network.Office", on_delete=models.PROTECT, related_name="+")
    facility = models.ForeignKey(
        Facility, verbose_name=_("centro"), on_delete=models.PROTECT, related_name="visits"
    )
    planned_on = models.DateField(_("fecha"))
    starts_at = models.TimeField(_("hora"), null=True, blank=True)
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("personal que visita"), related_name="+"
    )
    status = models.CharField(
        _("estatus"), max_length=10, choices=VisitStatus.choices, default=VisitStatus.PLANNED
    )
    notes = models.TextField(_("notas"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("registrada el"))
    logged_at = models.DateTimeField(_("bitácora registrada el"), null=True, blank=True)

    class Meta:
        verbose_name = _("visita")
        verbose_name_plural = _("visitas")
        ordering = ["-planned_on", "-id"]
        indexes = [
            models.Index(fields=["office", "status", "planned_on"], name="visit_office"),
            models.Index(fields=["facility", "status", "planned_on"], name="visit_facility"),
        ]

    def __str__(self) -> str:
        return f"{self.facility_id}:{self.planned_on}"


class Seen(models.Model):
    """A person seen on a visit, with the checklist of what they said and need."""

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="seen")
    detention = models.ForeignKey(Detention, on_delete=models.PROTECT, related_name="seen")
    found_on_the_day = models.BooleanField(_("encontrada el día de la visita"), default=False)
    health = models.CharField(_("salud y medicamentos"), max_length=240, blank=True)
    ill_treatment = models.BooleanField(_("refiere malos tratos"), default=False)
    due_process_concern = models.BooleanField(
        _("problemas de debido proceso o notificación"), default=False
    )
    has_lawyer = models.BooleanField(_("tiene abogado"), default=False)
    wants_family_contact = models.BooleanField(
        _("quiere que se contacte a su familia"), default=False
    )
    wants_voluntary_return = models.BooleanField(_("quiere salida voluntaria"), default=False)
    wants_pale_referral = models.BooleanField(_("quiere canalización al PALE"), default=False)
    case_opened = models.BooleanField(_("se abrió caso"), default=False)
    notes = models.CharField(_("notas"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("persona entrevistada")
        verbose_name_plural = _("personas entrevistadas")
        constraints = [
            models.UniqueConstraint(fields=["visit", "detention"], name="detention_seen_once")
        ]

    def __str__(self) -> str:
        return f"{self.visit_id}:{self.detention_id}"


class FollowUpKind(models.TextChoices):
    FAMILY_CONTACT = "family_contact", _("Contactar a la familia")
    VOLUNTARY_RETURN = "voluntary_return", _("Gestionar salida voluntaria")
    PALE_REFERRAL = "pale_referral", _("Canalizar al PALE")
    ILL_TREATMENT = "ill_treatment", _("Atender queja de malos tratos")


class FollowUp(models.Model):
    """Something a visit promised, with an owner and a due date."""

    office = models.ForeignKey("network.Office", on_delete=models.PROTECT, related_name="+")
    seen = models.ForeignKey(Seen, on_delete=models.PROTECT, related_name="follow_ups")
    kind = models.CharField(_("seguimiento"), max_length=20, choices=FollowUpKind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("responsable"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    due_on = models.DateField(_("vence"))
    done_at = models.DateTimeField(_("atendido el"), null=True, blank=True)

    class Meta:
        verbose_name = _("seguimiento")
        verbose_name_plural = _("seguimientos")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["office", "done_at", "owner"], name="followup_open")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.seen_id}"


class Matter(models.TextChoices):
    CRIMINAL = "criminal", _("Penal")
    IMMIGRATION = "immigration", _("Migratoria")
    LABOR = "labor", _("Laboral")
    FAMILY = "family", _("Familiar")
    CIVIL = "civil", _("Civil")
    ADMINISTRATIVE = "administrative", _("Administrativa")
    HUMAN_RIGHTS = "human_rights", _("Derechos humanos")


class Modality(models.TextChoices):
    IN_PERSON = "in_person", _("Presencial")
    PHONE = "phone", _("Telefónica")
    VIDEO = "video", _("Videollamada")
    VISIT = "visit", _("Durante una visita")
    OUTREACH = "outreach", _("Durante un evento de prevención")


class AdvisoryResult(models.TextChoices):
    INFORMATION = "information", _("Información")
    PALE_REFERRAL = "pale_referral", _("Canalización al PALE")
    CASE_OPENED = "case_opened", _("Caso abierto")


class Advisory(models.Model):
    """One legal advisory: to a person on record, or to people who gave no name (a count)."""

    office = models.ForeignKey("network.Office", on_delete=models.PROTECT, related_name="+")
    given_on = models.DateField(_("fecha"))
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asesor(a) del consulado"), null=True,
        blank=True, on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    provider = models.ForeignKey(
        "legal.Provider", verbose_name=_("proveedor PALE"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="advisories",
    )  # fmt: skip
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    anonymous_count = models.PositiveIntegerField(_("personas sin nombre"), default=0)
    matter = models.CharField(_("materia"), max_length=16, choices=Matter.choices)
    modality = models.CharField(_("modalidad"), max_length=10, choices=Modality.choices)
    minutes = models.PositiveIntegerField(_("minutos"))
    result = models.CharField(_("resultado"), max_length=16, choices=AdvisoryResult.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("registrada el"))

    class Meta:
        verbose_name = _("asesoría legal")
        verbose_name_plural = _("asesorías legales")
        ordering = ["-given_on", "-id"]
        indexes = [models.Index(fields=["office", "given_on"], name="advisory_office_day")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(person__isnull=False) & models.Q(anonymous_count=0))
                | (models.Q(person__isnull=True) & models.Q(anonymous_count__gt=0)),
                name="advisory_person_or_count",
            ),
            models.CheckConstraint(
                condition=models.Q(adviser__isnull=False) | models.Q(provider__isnull=False),
                name="advisory_has_adviser",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office_id}:{self.given_on}"
