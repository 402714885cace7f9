"""Guidance API (/api/v1/guidance/): read current scripts (operators, officers, central
office); history, drafts and writes for central office. Errors are {"detail": "..."}:
403 for a role that may not do this, 404 for a missing script, 422 for a broken rule."""

from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from amparo.accounts.actor import Actor, acting
from amparo.guidance import selectors, services
from amparo.guidance.models import GuidanceScript, GuidanceScriptVersion, ScriptLanguage
from amparo.guidance.permissions import can_read_guidance, can_review_guidance
from amparo.guidance.rendering import diff_lines
from amparo.hotline.topics import CallTopic

router = Router(tags=["guidance"])


def _reader(request: HttpRequest) -> Actor:
    actor = acting(request)
    if not can_read_guidance(actor):
        raise HttpError(403, _("No tiene permiso para consultar las guías."))
    return actor


class VersionOut(Schema):
    number: int
    language: ScriptLanguage
    body: str
    body_html: str
    change_note: str
    author: str | None = None
    created_at: datetime
    published_at: datetime | None
    is_current: bool

    @staticmethod
    def of(version: GuidanceScriptVersion) -> "VersionOut":
        return VersionOut(
            number=version.number,
            language=ScriptLanguage(version.language),
            body=version.body,
            body_html=str(version.body_html),
            change_note=version.change_note,
            author=version.author.username if version.author else None,
            created_at=version.created_at,
            published_at=version.published_at,
            is_current=version.is_current,
        )


class ScriptSummaryOut(Schema):
    slug: str
    topic: CallTopic
    title: str
    current: VersionOut


class ScriptOut(Schema):
    slug: str
    topic: CallTopic
    title: str
    retired_at: datetime | None
    current: VersionOut | None
    history: list[VersionOut] = Field(
        description="Every version, newest first; empty unless the caller is central office."
    )


class DiffLineOut(Schema):
    kind: str = Field(description="added, removed or same")
    text: str


class VersionDetailOut(Schema):
    version: VersionOut
    previous_number: int | None
    diff: list[DiffLineOut]


class ScriptListQuery(Schema):
    q: str = Field("", max_length=120, description="Words in the title or text (accents ignored)")
    topic: CallTopic | None = None
    language: ScriptLanguage | None = None


class VersionIn(Schema):
    body: str = Field(..., min_length=1, max_length=services.MAX_BODY_LENGTH)
    language: ScriptLanguage = ScriptLanguage.SPANISH
    change_note: str = Field("", max_length=255)
    publish: bool = False


class ScriptIn(VersionIn):
    slug: str = Field(..., min_length=1, max_length=80, pattern=r"^[-a-z0-9_]+$")
    topic: CallTopic
    title: str = Field(..., min_length=1, max_length=160)


def _script_out(actor: Actor, script: GuidanceScript) -> ScriptOut:
    return ScriptOut(
        slug=script.slug,
        topic=CallTopic(script.topic),
        title=script.title,
        retired_at=script.retired_at,
        current=_version_out(selectors.current_version_of(script)),
        history=[
            VersionOut.of(v)
            for v in (selectors.script_history(script) if can_review_guidance(actor) else [])
        ],
    )


def _version_out(version: GuidanceScriptVersion | None) -> VersionOut | None:
    return VersionOut.of(version) if version is not None else None


def _script(actor: Actor, slug: str) -> GuidanceScript:
    """The script by slug; retired ones only for central office. Missing → 404."""
    return selectors.script_by_slug(slug, include_retired=can_review_guidance(actor))


@router.get("/scripts", response=list[ScriptSummaryOut], summary="Guías vigentes")
def list_scripts(request: HttpRequest, filters: Query[ScriptListQuery]) -> list[ScriptSummaryOut]:
    _reader(request)
    versions = selectors.current_versions(
        topic=filters.topic or "", query=filters.q, language=filters.language
    )
    return [
        ScriptSummaryOut(
            slug=v.script.slug,
            topic=CallTopic(v.script.topic),
            title=v.script.title,
            current=VersionOut.of(v),
        )
        for v in versions
    ]


@router.get("/scripts/{slug}", response=ScriptOut, summary="Una guía con su versión vigente")
def get_script(request: HttpRequest, slug: str) -> ScriptOut:
    actor = _reader(request)
    script = _script(actor, slug)
    if not can_review_guidance(actor) and selectors.current_version_of(script) is None:
        raise HttpError(404, _("No encontrado."))
    return _script_out(actor, script)


@router.get(
    "/scripts/{slug}/versions/{number}",
    response=VersionDetailOut,
    summary="Una versión y sus cambios (oficina central)",
)
def get_version(request: HttpRequest, slug: str, number: int) -> VersionDetailOut:
    actor = _reader(request)
    if not can_review_guidance(actor):
        raise HttpError(403, _("Solo la oficina central consulta versiones anteriores."))
    comparison = selectors.version_with_previous(_script(actor, slug), number)
    previous = comparison.previous
    return VersionDetailOut(
        version=VersionOut.of(comparison.version),
        previous_number=previous.number if previous else None,
        diff=[
            DiffLineOut(kind=line.kind, text=line.text)
            for line in diff_lines(previous.body if previous else "", comparison.version.body)
        ],
    )


@router.post("/scripts", response={201: ScriptOut}, summary="Crear una guía")
def create_script(request: HttpRequest, payload: ScriptIn) -> Status:
    actor = _reader(request)
    script = services.script_create(actor=actor, **payload.model_dump())
    return Status(201, _script_out(actor, script))


@router.post("/scripts/{slug}/versions", response={201: VersionOut}, summary="Agregar una versión")
def create_version(request: HttpRequest, slug: str, payload: VersionIn) -> Status:
    actor = _reader(request)
    script = _script(actor, slug)
    version = services.script_version_create(script=script, actor=actor, **payload.model_dump())
    return Status(201, VersionOut.of(version))


@router.post(
    "/scripts/{slug}/versions/{number}/publish",
    response=VersionOut,
    summary="Publicar una versión",
)
def publish_version(request: HttpRequest, slug: str, number: int) -> VersionOut:
    actor = _reader(request)
    version = selectors.version_with_previous(_script(actor, slug), number).version
    return VersionOut.of(services.script_version_publish(version=version, actor=actor))


@router.post("/scripts/{slug}/retire", response=ScriptOut, summary="Retirar una guía")
def retire_script(request: HttpRequest, slug: str) -> ScriptOut:
    actor = _reader(request)
    script = services.script_retire(script=_script(actor, slug), actor=actor)
    return _script_out(actor, script)


@router.post("/scripts/{slug}/restore", response=ScriptOut, summary="Restaurar una guía")
def restore_script(request: HttpRequest, slug: str) -> ScriptOut:
    actor = _reader(request)
    script = services.script_restore(script=_script(actor, slug), actor=actor)
    return _script_out(actor, script)
