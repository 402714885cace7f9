"""Guidance scripts: answers CIAM operators read to callers, written and versioned by
central office. A script is a stable identity (slug, topic, title); each edit of its text
is a new version row, and publishing a version makes it the current one for its language."""

from django.conf import settings
from django.db import models
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from amparo.guidance.rendering import excerpt, render_body
from amparo.hotline.topics import CallTopic


class ScriptLanguage(models.TextChoices):
    SPANISH = "es-mx", _("Español (México)")
    ENGLISH = "en", _("Inglés")


class GuidanceScript(models.Model):
    """One answer in the knowledge base. Retired scripts are hidden from operators."""

    slug = models.SlugField(_("identificador"), max_length=80, unique=True)
    topic = models.CharField(_("tema"), max_length=32, choices=CallTopic.choices)
    title = models.CharField(_("título"), max_length=160)
    created_at = models.DateTimeField(_("creado el"), auto_now_add=True)
    retired_at = models.DateTimeField(_("retirado el"), null=True, blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("guía de orientación")
        verbose_name_plural = _("guías de orientación")

    def __str__(self) -> str:
        return self.title

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


class GuidanceScriptVersion(models.Model):
    """One text of a script. Never edited after creation except to be published."""

    script = models.ForeignKey(
        GuidanceScript,
        verbose_name=_("guía"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("versión"))
    body = models.TextField(_("texto"))
    language = models.CharField(
        _("idioma"), max_length=8, choices=ScriptLanguage.choices, default=ScriptLanguage.SPANISH
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("autor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    change_note = models.CharField(_("nota del cambio"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("creada el"), auto_now_add=True)
    published_at = models.DateTimeField(_("publicada el"), null=True, blank=True)
    is_current = models.BooleanField(_("vigente"), default=False)
    # Title and body folded to lowercase ASCII, so search ignores accents and case on
    # SQLite and PostgreSQL alike (no unaccent extension needed).
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["script", "-number"]
        verbose_name = _("versión de guía")
        verbose_name_plural = _("versiones de guía")
        constraints = [
            models.UniqueConstraint(
                fields=["script", "number"], name="guidance_version_unique_number"
            ),
            models.UniqueConstraint(
                fields=["script", "language"],
                condition=models.Q(is_current=True),
                name="guidance_one_current_version_per_language",
            ),
            models.CheckConstraint(
                condition=models.Q(is_current=False) | models.Q(published_at__isnull=False),
                name="guidance_current_version_is_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.script.title} · v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def body_html(self) -> SafeString:
        """The body as paragraphs and lists, every character escaped."""
        return render_body(self.body)

    @property
    def summary(self) -> str:
        return excerpt(self.body)
