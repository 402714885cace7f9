"""Nationals (personas) that offices assist. The owning office scopes who may see them."""

import contextlib
import re
from datetime import date
from typing import Any

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.core.crypto import BlindIndexedQuerySet, EncryptedTextField, refresh_blind_indexes
from amparo.network.areas import CA_REGIONS, US_REGIONS
from amparo.network.jurisdiction import Place
from amparo.people.names import search_name_of


class Sex(models.TextChoices):
    FEMALE = "F", _("Mujer")
    MALE = "M", _("Hombre")
    INTERSEX = "X", _("Intersexual / no binario")
    UNKNOWN = "U", _("Sin dato")


class BirthState(models.TextChoices):
    """Mexican states by their ISO 3166-2:MX code, plus birth abroad (nationals by descent)."""

    AGU = "AGU", "Aguascalientes"
    BCN = "BCN", "Baja California"
    BCS = "BCS", "Baja California Sur"
    CAM = "CAM", "Campeche"
    CHP = "CHP", "Chiapas"
    CHH = "CHH", "Chihuahua"
    CMX = "CMX", "Ciudad de México"
    COA = "COA", "Coahuila"
    COL = "COL", "Colima"
    DUR = "DUR", "Durango"
    MEX = "MEX", "Estado de México"
    GUA = "GUA", "Guanajuato"
    GRO = "GRO", "Guerrero"
    HID = "HID", "Hidalgo"
    JAL = "JAL", "Jalisco"
    MIC = "MIC", "Michoacán"
    MOR = "MOR", "Morelos"
    NAY = "NAY", "Nayarit"
    NLE = "NLE", "Nuevo León"
    OAX = "OAX", "Oaxaca"
    PUE = "PUE", "Puebla"
    QUE = "QUE", "Querétaro"
    ROO = "ROO", "Quintana Roo"
    SLP = "SLP", "San Luis Potosí"
    SIN = "SIN", "Sinaloa"
    SON = "SON", "Sonora"
    TAB = "TAB", "Tabasco"
    TAM = "TAM", "Tamaulipas"
    TLA = "TLA", "Tlaxcala"
    VER = "VER", "Veracruz"
    YUC = "YUC", "Yucatán"
    ZAC = "ZAC", "Zacatecas"
    ABROAD = "NE", _("Nacimiento en el extranjero")


def validate_not_in_future(value: date) -> None:
    if value > timezone.localdate():
        raise ValidationError(_("La fecha no puede ser posterior a hoy."), code="future")


class NationalityProof(models.TextChoices):
    BIRTH_CERTIFICATE = "birth_certificate", _("Acta de nacimiento")
    PASSPORT = "passport", _("Pasaporte")
    DECLARATORIA = "declaratoria", _("Declaratoria de nacionalidad")
    NATURALIZATION_LETTER = "naturalization_letter", _("Carta de naturalización")
    MATRICULA = "matricula", _("Matrícula consular")
    OTHER = "other", _("Otro")
    NONE = "none", _("Ninguno")


class Language(models.TextChoices):
    SPANISH = "es", _("español")
    ENGLISH = "en", _("inglés")
    NAHUATL = "nah", _("náhuatl")
    MAYA = "yua", _("maya")
    TSELTAL = "tzh", _("tseltal")
    TSOTSIL = "tzo", _("tsotsil")
    MIXTECO = "mix", _("mixteco")
    ZAPOTECO = "zap", _("zapoteco")
    OTOMI = "oto", _("otomí")
    TOTONACO = "top", _("totonaco")
    CHOL = "ctu", _("chol")
    MAZATECO = "maz", _("mazateco")
    MIXE = "mir", _("mixe")
    PUREPECHA = "tsz", _("purépecha")
    TRIQUI = "trs", _("triqui")
    TARAHUMARA = "tar", _("tarahumara (rarámuri)")
    CHINANTECO = "chz", _("chinanteco")
    OTHER = "other", _("otra lengua")


INDIGENOUS_LANGUAGES = frozenset(Language.values) - {Language.SPANISH, Language.ENGLISH}

CURP_PATTERN = re.compile(
    r"^[A-Z][AEIOUX][A-Z]{2}\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[HMX]"
    r"(AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS"
    r"|TL|VZ|YN|ZS|NE)[B-DF-HJ-NP-TV-Z]{3}[A-Z\d]\d$"
)


ZIP_PATTERNS = {
    "US": re.compile(r"^\d{5}(-\d{4})?$"),
    "CA": re.compile(r"^[A-Z]\d[A-Z] ?\d[A-Z]\d$"),
}
ANY_POSTAL_CODE = re.compile(r"^[0-9A-Z -]{2,10}$")


def validate_curp(value: str) -> None:
    if value and not CURP_PATTERN.match(value):
        raise ValidationError(_("La CURP no tiene un formato válido."), code="curp")


def validate_address_region(value: str) -> None:
    if value and value not in US_REGIONS | CA_REGIONS:
        raise ValidationError(
            _("Use la clave de dos letras de un estado de EUA o provincia de Canadá."),
            code="region",
        )


def validate_country(value: str) -> None:
    if not re.fullmatch(r"[A-Z]{2}", value or ""):
        raise ValidationError(_("Use el código de país de dos letras (ISO 3166)."), code="country")


def validate_aliases(value: Any) -> None:
    if not isinstance(value, list) or not all(
        isinstance(item, str) and 0 < len(item.strip()) <= 200 for item in value
    ):
        raise ValidationError(_("Los alias deben ser una lista de nombres."), code="aliases")


def validate_languages(value: Any) -> None:
    if not isinstance(value, list) or not set(value) <= set(Language.values):
        raise ValidationError(_("Lengua no reconocida."), code="languages")


def normalize_a_number(value: str) -> str:
    """USCIS A-numbers have 8 or 9 digits; 8-digit ones are written with a leading 0."""
    digits = re.sub(r"\D", "", value or "")
    if not digits:
        return ""
    if len(digits) not in (8, 9):
        raise ValidationError(
            _("El número A (A-number) debe tener 8 o 9 dígitos."), code="a_number"
        )
    return digits.zfill(9)


def normalize_phone(value: str) -> str:
    """E.164 ("+12135550123"); numbers without a country code are read as US numbers."""
    if not (value or "").strip():
        return ""
    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(_("El teléfono no es válido."), code="phone") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_("El teléfono no es válido."), code="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def index_field(verbose_name: Any) -> models.CharField:
    return models.CharField(verbose_name, max_length=64, blank=True, db_index=True, editable=False)


class PersonQuerySet(BlindIndexedQuerySet["Person"]):
    pass


class Person(models.Model):
    """A Mexican national with an owning office."""

    office = models.ForeignKey(
        "network.Office",
        verbose_name=_("representación"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    given_names = models.CharField(_("nombre(s)"), max_length=120)
    first_surname = models.CharField(_("primer apellido"), max_length=80)
    second_surname = models.CharField(_("segundo apellido"), max_length=80, blank=True)
    date_of_birth = models.DateField(
        _("fecha de nacimiento"), null=True, blank=True, validators=[validate_not_in_future]
    )
    sex = models.CharField(_("sexo"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_state = models.CharField(
        _("entidad de nacimiento"), max_length=3, blank=True, choices=BirthState.choices
    )
    aliases = models.JSONField(
        _("otros nombres (alias)"), default=list, blank=True, validators=[validate_aliases]
    )
    date_of_birth_is_approximate = models.BooleanField(
        _("fecha de nacimiento aproximada"), default=False
    )
    gender_identity = models.CharField(_("identidad de género"), max_length=80, blank=True)
    birth_municipality = models.CharField(_("municipio de nacimiento"), max_length=120, blank=True)
    curp = models.CharField(_("CURP"), max_length=18, blank=True, validators=[validate_curp])
    nationality_proof = models.CharField(
        _("documento probatorio de nacionalidad"),
        max_length=24,
        blank=True,
        choices=NationalityProof.choices,
    )
    a_number = EncryptedTextField(
        _("número A (A-number)"), blank=True, blind_index="a_number_index"
    )
    a_number_index = index_field(_("índice del número A"))
    phone = EncryptedTextField(_("teléfono"), blank=True, blind_index="phone_index")
    phone_index = index_field(_("índice del teléfono"))
    email = models.EmailField(_("correo electrónico"), blank=True)
    address_line = models.CharField(_("domicilio"), max_length=200, blank=True)
    address_city = models.CharField(_("ciudad"), max_length=120, blank=True)
    address_state = models.CharField(
        _("estado o provincia"),
        max_length=2,
        blank=True,
        validators=[validate_address_region],
        help_text=_("Clave de dos letras, p. ej. TX, CA, ON."),
    )
    address_county = models.CharField(_("condado"), max_length=120, blank=True)
    address_zip = models.CharField(_("código postal"), max_length=10, blank=True)
    address_country = models.CharField(
        _("país de residencia"), max_length=2, default="US", validators=[validate_country]
    )
    languages = models.JSONField(
        _("lenguas"), default=list, blank=True, validators=[validate_languages]
    )
    violence_notes = EncryptedTextField(_("notas sobre violencia"), blank=True)
    health_notes = EncryptedTextField(_("notas de salud"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("fusionada en"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_people",
        editable=False,
    )
    search_name = models.CharField(max_length=500, blank=True, editable=False)
    created_at = models.DateTimeField(_("registrada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("actualizada"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("persona")
        verbose_name_plural = _("personas")
        indexes = [
            models.Index(fields=["office", "first_surname", "given_names"]),
            models.Index(fields=["date_of_birth"], name="people_person_dob"),
            models.Index(fields=["search_name"], name="people_person_search_name"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["curp"],
                condition=~models.Q(curp=""),
                name="people_person_curp_unique",
                violation_error_message=_("Ya existe una persona con esa CURP."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refresh_derived_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                "search_name",
                "a_number_index",
                "phone_index",
            }
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.first_surname, self.second_surname) if p)

    def address_place(self) -> Place:
        """The address abroad, as network.jurisdiction reads places."""
        return Place(
            state=self.address_state,
            county=self.address_county,
            zip_code=self.address_zip,
            country=self.address_country,
        )

    @property
    def is_merged(self) -> bool:
        return self.merged_into_id is not None

    @property
    def language_labels(self) -> list[str]:
        return [str(Language(code).label) for code in self.languages if code in Language.values]

    @property
    def a_number_display(self) -> str:
        digits = self.a_number or ""
        return f"A-{digits[:3]}-{digits[3:6]}-{digits[6:]}" if len(digits) == 9 else digits

    def clean_fields(self, exclude: Any = None) -> None:
        # Normalise first, so that "tx" or a lower-case CURP pass the field validators.
        self.curp = (self.curp or "").strip().upper()
        self.address_state = (self.address_state or "").strip().upper()
        self.address_country = (self.address_country or "US").strip().upper()
        if isinstance(self.aliases, list):
            self.aliases = [a.strip() if isinstance(a, str) else a for a in self.aliases]
            self.aliases = [a for a in self.aliases if a != ""]
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        self.address_zip = (self.address_zip or "").strip().upper()
        if self.address_zip and not ZIP_PATTERNS.get(self.address_country, ANY_POSTAL_CODE).match(
            self.address_zip
        ):
            errors["address_zip"] = ValidationError(_("El código postal no es válido."))
        for name, normalize in (("a_number", normalize_a_number), ("phone", normalize_phone)):
            try:
                setattr(self, name, normalize(getattr(self, name) or ""))
            except ValidationError as error:
                errors[name] = error
        if errors:
            raise ValidationError(errors)

    def refresh_derived_fields(self) -> None:
        """Normalised identifiers, their blind indexes and the folded search name follow
        the plaintext fields (also for rows that skipped full_clean, e.g. bulk imports)."""
        for name, normalize in (("a_number", normalize_a_number), ("phone", normalize_phone)):
            # full_clean reports a bad value; an unvalidated write keeps the raw one.
            with contextlib.suppress(ValidationError):
                setattr(self, name, normalize(getattr(self, name) or ""))
        refresh_blind_indexes(self)
        self.search_name = search_name_of(
            self.given_names, self.first_surname, self.second_surname, self.aliases
        )


class NameWord(models.Model):
    """One folded word of some person's search name, with no link to who bears it: the
    vocabulary in which the typo-tolerant search looks up close spellings (PostgreSQL only,
    people/search.py). A database trigger adds the words of every person written, however
    written (migration 0005); words are never removed, so a stale one only proposes a
    spelling that no longer finds anyone."""

    word = models.CharField(max_length=500, primary_key=True)

    class Meta:
        verbose_name = _("palabra de nombre")
        verbose_name_plural = _("palabras de nombres")

    def __str__(self) -> str:
        return self.word


class IdentityDocumentKind(models.TextChoices):
    PASSPORT = "passport", _("Pasaporte")
    MATRICULA_CONSULAR = "matricula_consular", _("Matrícula consular")
    BIRTH_CERTIFICATE = "birth_certificate", _("Acta de nacimiento")
    OTHER = "other", _("Otro")


class IdentityDocument(models.Model):
    """An identity document of a person. The number is encrypted; look it up by index."""

    person = models.ForeignKey(
        Person, verbose_name=_("persona"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("tipo"), max_length=24, choices=IdentityDocumentKind.choices)
    number = EncryptedTextField(_("número"), blind_index="number_index", index_kind="alphanumeric")
    number_index = index_field(_("índice del número"))
    issuer = models.CharField(_("expedido por"), max_length=120, blank=True)
    issued_on = models.DateField(
        _("fecha de expedición"), null=True, blank=True, validators=[validate_not_in_future]
    )
    expires_on = models.DateField(_("vigencia"), null=True, blank=True)
    created_at = models.DateTimeField(_("registrado"), auto_now_add=True)

    objects = BlindIndexedQuerySet.as_manager()

    class Meta:
        verbose_name = _("documento de identidad")
        verbose_name_plural = _("documentos de identidad")
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    def save(self, *args: Any, **kwargs: Any) -> None:
        refresh_blind_indexes(self)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.number = (self.number or "").strip().upper()
        if not re.sub(r"[^0-9A-Z]", "", self.number):
            raise ValidationError({"number": _("Indique el número del documento.")})
        if self.issued_on and self.expires_on and self.expires_on < self.issued_on:
            raise ValidationError(
                {"expires_on": _("La vigencia no puede ser anterior a la expedición.")}
            )


class ContactRelation(models.TextChoices):
    SPOUSE = "spouse", _("Cónyuge o pareja")
    PARENT = "parent", _("Madre o padre")
    CHILD = "child", _("Hija o hijo")
    SIBLING = "sibling", _("Hermana o hermano")
    OTHER_RELATIVE = "other_relative", _("Otro familiar")
    FRIEND = "friend", _("Amistad")
    LAWYER = "lawyer", _("Abogada o abogado")
    OTHER = "other", _("Otra relación")


class Contact(models.Model):
    """Family or emergency contact of a person. The phone is encrypted."""

    person = models.ForeignKey(
        Person, verbose_name=_("persona"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("nombre"), max_length=200)
    relation = models.CharField(_("relación"), max_length=16, choices=ContactRelation.choices)
    phone = EncryptedTextField(_("teléfono"), blank=True, blind_index="phone_index")
    phone_index = index_field(_("índice del teléfono"))
    consent_to_contact = models.BooleanField(_("acepta ser contactado"), default=False)
    is_emergency = models.BooleanField(_("contacto de emergencia"), default=False)
    created_at = models.DateTimeField(_("registrado"), auto_now_add=True)

    objects = BlindIndexedQuerySet.as_manager()

    class Meta:
        verbose_name = _("contacto")
        verbose_name_plural = _("contactos")
        ordering = ["-is_emergency", "name", "id"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refresh_derived_fields()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.name = (self.name or "").strip()
        try:
            self.phone = normalize_phone(self.phone or "")
        except ValidationError as error:
            raise ValidationError({"phone": error}) from error

    def refresh_derived_fields(self) -> None:
        with contextlib.suppress(ValidationError):  # full_clean reports a bad value
            self.phone = normalize_phone(self.phone or "")
        refresh_blind_indexes(self)


class PersonMerge(models.Model):
    """One merge of a duplicate into a survivor, with exactly which rows moved, so that it
    can be undone. `moved` is {model label: {field name: [ids]}}."""

    survivor = models.ForeignKey(
        Person, verbose_name=_("registro que permanece"), on_delete=models.PROTECT, related_name="+"
    )
    merged = models.ForeignKey(
        Person, verbose_name=_("registro fusionado"), on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fusionó"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("fecha"), auto_now_add=True)
    reason = models.TextField(_("motivo"))
    moved = models.JSONField(_("registros trasladados"), default=dict)
    undone_at = models.DateTimeField(_("deshecha el"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deshizo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("fusión de registros")
        verbose_name_plural = _("fusiones de registros")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.survivor_id}"

    @property
    def moved_count(self) -> int:
        return sum(len(ids) for fields in self.moved.values() for ids in fields.values())


# The fields staff enter and change, in the order the form shows them, once for the form,
# the services and the API: the owning office, who the person is (name, birth), and
# everything else about them.
EDITABLE_FIELDS = (
    "office",
    "given_names",
    "first_surname",
    "second_surname",
    "aliases",
    "date_of_birth",
    "date_of_birth_is_approximate",
    "sex",
    "gender_identity",
    "birth_state",
    "birth_municipality",
    "curp",
    "nationality_proof",
    "a_number",
    "phone",
    "email",
    "address_line",
    "address_city",
    "address_state",
    "address_county",
    "address_zip",
    "address_country",
    "languages",
    "violence_notes",
    "health_notes",
)
IDENTITY_FIELDS = (
    "given_names",
    "first_surname",
    "second_surname",
    "date_of_birth",
    "sex",
    "birth_state",
)
DETAIL_FIELDS = tuple(
    name for name in EDITABLE_FIELDS if name != "office" and name not in IDENTITY_FIELDS
)
