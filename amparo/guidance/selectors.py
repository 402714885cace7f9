"""Reading guidance scripts. Operators only ever get current published versions of
scripts that are not retired; central office also reads drafts and history."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import translation

from amparo.guidance.models import GuidanceScript, GuidanceScriptVersion, ScriptLanguage
from amparo.guidance.search import search_words
from amparo.hotline.topics import CallTopic

PANEL_LIMIT = 5


def preferred_language(language: str | None = None) -> str:
    """The script language closest to a UI language; Spanish unless English is asked."""
    code = (language or translation.get_language() or "").lower()
    return ScriptLanguage.ENGLISH if code.startswith("en") else ScriptLanguage.SPANISH


def _matching(
    queryset: QuerySet[GuidanceScriptVersion], query: str
) -> QuerySet[GuidanceScriptVersion]:
    for word in search_words(query):
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def current_versions(
    *, topic: str = "", query: str = "", language: str | None = None
) -> list[GuidanceScriptVersion]:
    """One current published version per live script (in `language`, else in Spanish),
    optionally of one topic, whose title and body contain every word of `query` (accents
    and case ignored), ordered by title."""
    if topic and topic not in CallTopic.values:
        return []
    wanted = preferred_language(language)
    versions = GuidanceScriptVersion.objects.filter(
        is_current=True,
        script__retired_at__isnull=True,
        language__in={wanted, ScriptLanguage.SPANISH},
    ).select_related("script", "author")
    if topic:
        versions = versions.filter(script__topic=topic)
    chosen: dict[int, GuidanceScriptVersion] = {}
    for version in _matching(versions, query):
        if version.script_id not in chosen or version.language == wanted:
            chosen[version.script_id] = version
    return sorted(chosen.values(), key=lambda v: (v.script.title.casefold(), v.script_id))


def scripts_for_topic(topic: str, query: str = "") -> list[GuidanceScriptVersion]:
    """The guides beside the call form: without a search, the call's topic's (every topic's
    if it has none); with one, the matches of every topic, the call's topic first — the
    operator searching "ICE" must find the detention guides whatever topic is chosen."""
    if not query.strip():
        return current_versions(topic=topic)
    found = current_versions(query=query)
    return sorted(found, key=lambda version: version.script.topic != topic)  # stable


def panel_context(*, topic: str = "", query: str = "") -> dict[str, object]:
    """What guidance/_scripts_panel.html needs: at most PANEL_LIMIT scripts and a count."""
    versions = scripts_for_topic(topic, query)
    return {
        "topic": topic,
        "query": query,
        "versions": versions[:PANEL_LIMIT],
        "total": len(versions),
    }


def current_version_of(
    script: GuidanceScript, language: str | None = None
) -> GuidanceScriptVersion | None:
    """The version operators read for `script`, or None (no published version)."""
    versions = {v.language: v for v in script.versions.filter(is_current=True)}
    return versions.get(preferred_language(language)) or versions.get(ScriptLanguage.SPANISH)


def script_by_slug(slug: str, *, include_retired: bool) -> GuidanceScript:
    """The script with this slug; Http404 if missing, or retired unless `include_retired`."""
    scripts = GuidanceScript.objects.all()
    if not include_retired:
        scripts = scripts.filter(retired_at__isnull=True)
    script = scripts.filter(slug=slug).first()
    if script is None:
        raise Http404
    return script


def script_history(script: GuidanceScript) -> list[GuidanceScriptVersion]:
    """Every version, newest first, with authors."""
    return list(script.versions.select_related("author").order_by("-number"))


@dataclass(frozen=True)
class VersionComparison:
    version: GuidanceScriptVersion
    previous: GuidanceScriptVersion | None


def version_with_previous(script: GuidanceScript, number: int) -> VersionComparison:
    """A version and the one before it in the same language (to show what changed)."""
    version = script.versions.select_related("author").filter(number=number).first()
    if version is None:
        raise Http404
    previous = (
        script.versions.filter(language=version.language, number__lt=number)
        .order_by("-number")
        .first()
    )
    return VersionComparison(version=version, previous=previous)


def scripts_for_review(*, topic: str = "", query: str = "") -> QuerySet[GuidanceScript]:
    """Every script, retired and unpublished included, for central office."""
    scripts = GuidanceScript.objects.all()
    if topic:
        scripts = scripts.filter(topic=topic)
    for word in search_words(query):
        scripts = scripts.filter(versions__search_text__contains=word)
    return scripts.distinct().order_by("title", "pk")
