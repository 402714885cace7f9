"""Writing guidance scripts. Every function checks the actor, runs in one transaction and
appends to the access trail. Versions are never edited: a change is a new version."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.actor import Actor
from amparo.accounts.models import User
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.guidance.models import GuidanceScript, GuidanceScriptVersion
from amparo.guidance.permissions import can_author_guidance
from amparo.guidance.search import fold

MAX_BODY_LENGTH = 20_000
# Paths under /guias/ that a slug must not shadow.
RESERVED_SLUGS = frozenset({"panel", "nueva"})


def _require_author(actor: Actor) -> None:
    if not can_author_guidance(actor):
        raise PermissionDenied(_("Solo la administración central redacta guías."))


def _check_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Escriba el texto de la guía.")})
    if len(body) > MAX_BODY_LENGTH:
        raise ValidationError(
            {"body": _("El texto no puede pasar de %(n)s caracteres.") % {"n": MAX_BODY_LENGTH}}
        )
    return body


def add_version(
    *,
    script: GuidanceScript,
    body: str,
    language: str,
    change_note: str,
    author: User | None,
    publish: bool,
) -> GuidanceScriptVersion:
    """Append the next version of `script` (optionally published). Checks nobody: callers
    are the services below and the seed loader. Call inside atomic."""
    body = _check_body(body)
    GuidanceScript.objects.select_for_update().filter(pk=script.pk).first()
    last = script.versions.aggregate(last=Max("number"))["last"] or 0
    version = GuidanceScriptVersion(
        script=script,
        number=last + 1,
        body=body,
        language=language,
        change_note=change_note.strip(),
        author=author,
        search_text=fold(f"{script.title}\n{body}"),
    )
    version.full_clean()
    version.save()
    if publish:
        _make_current(version)
    return version


def _make_current(version: GuidanceScriptVersion) -> None:
    current = GuidanceScriptVersion.objects.filter(
        script_id=version.script_id, language=version.language, is_current=True
    ).first()
    if current is not None and current.number > version.number:
        raise ValidationError(
            _("Ya está vigente una versión más reciente. Cree una versión nueva con este texto.")
        )
    if current is not None:
        current.is_current = False
        current.save(update_fields=["is_current"])
    version.published_at = timezone.now()
    version.is_current = True
    version.save(update_fields=["published_at", "is_current"])


def script_create(
    *,
    slug: str,
    topic: str,
    title: str,
    body: str,
    language: str,
    change_note: str = "",
    publish: bool = False,
    actor: Actor,
) -> GuidanceScript:
    """A new script with its first version (a draft unless `publish`)."""
    _require_author(actor)
    if slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("Ese identificador está reservado.")})
    with transaction.atomic():
        script = GuidanceScript(slug=slug, topic=topic, title=title.strip())
        script.full_clean()
        script.save()
        audit_record(actor=actor, action=Action.CREATE, target=script)
        version = add_version(
            script=script,
            body=body,
            language=language,
            change_note=change_note,
            author=actor.user,
            publish=publish,
        )
        audit_record(actor=actor, action=Action.CREATE, target=version)
    return script


def script_version_create(
    *,
    script: GuidanceScript,
    body: str,
    language: str,
    change_note: str = "",
    publish: bool = False,
    actor: Actor,
) -> GuidanceScriptVersion:
    """A new version of `script`; earlier versions stay as they were."""
    _require_author(actor)
    with transaction.atomic():
        version = add_version(
            script=script,
            body=body,
            language=language,
            change_note=change_note,
            author=actor.user,
            publish=publish,
        )
        audit_record(actor=actor, action=Action.CREATE, target=version)
    return version


def script_version_publish(
    *, version: GuidanceScriptVersion, actor: Actor
) -> GuidanceScriptVersion:
    """Make a draft the current version for its language."""
    _require_author(actor)
    if version.is_published:
        raise ValidationError(_("Esta versión ya fue publicada."))
    with transaction.atomic():
        GuidanceScript.objects.select_for_update().filter(pk=version.script_id).first()
        _make_current(version)
        audit_record(actor=actor, action=Action.UPDATE, target=version, reason="publish")
    return version


def script_retire(*, script: GuidanceScript, actor: Actor) -> GuidanceScript:
    """Hide the script from operators; its versions stay for central office."""
    _require_author(actor)
    if script.is_retired:
        raise ValidationError(_("La guía ya está retirada."))
    with transaction.atomic():
        script.retired_at = timezone.now()
        script.save(update_fields=["retired_at"])
        audit_record(actor=actor, action=Action.UPDATE, target=script, reason="retire")
    return script


def script_restore(*, script: GuidanceScript, actor: Actor) -> GuidanceScript:
    """Show a retired script to operators again."""
    _require_author(actor)
    if not script.is_retired:
        raise ValidationError(_("La guía no está retirada."))
    with transaction.atomic():
        script.retired_at = None
        script.save(update_fields=["retired_at"])
        audit_record(actor=actor, action=Action.UPDATE, target=script, reason="restore")
    return script
