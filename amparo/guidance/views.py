"""Guidance pages: the searchable list, a script, the panel beside the call form, and the
central-office pages to write, publish, compare, retire and restore versions."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from amparo.accounts.actor import Actor
from amparo.core.forms import apply_service_errors
from amparo.guidance import selectors, services
from amparo.guidance.forms import ScriptForm, ScriptSearchForm, VersionForm
from amparo.guidance.permissions import (
    can_author_guidance,
    can_read_guidance,
    can_review_guidance,
)
from amparo.guidance.rendering import diff_lines

PANEL_RESULTS_ID = "guidance-panel-results"


def _reader(request: HttpRequest) -> Actor:
    actor: Actor | None = getattr(request, "actor", None)
    if not can_read_guidance(actor):
        raise Http404
    assert actor is not None
    return actor


def _author(request: HttpRequest) -> Actor:
    actor = _reader(request)
    if not can_author_guidance(actor):
        raise Http404
    return actor


def _reviewer(request: HttpRequest) -> Actor:
    actor = _reader(request)
    if not can_review_guidance(actor):
        raise Http404
    return actor


@require_GET
def list_scripts(request: HttpRequest) -> HttpResponse:
    actor = _reader(request)
    form = ScriptSearchForm(request.GET)
    filters = form.filters()
    context = {
        "form": form,
        "versions": selectors.current_versions(**filters),
        "review": selectors.scripts_for_review(**filters) if can_review_guidance(actor) else None,
        "can_author": can_author_guidance(actor),
    }
    return render(request, "guidance/list.html", context)


@require_GET
def scripts_panel(request: HttpRequest) -> HttpResponse:
    """The short list shown beside the call form (htmx partial, also a plain page)."""
    _reader(request)
    form = ScriptSearchForm(request.GET)
    context = selectors.panel_context(**form.filters())
    htmx = getattr(request, "htmx", None)  # set by django_htmx's middleware
    if htmx and htmx.target == PANEL_RESULTS_ID:
        return render(request, "guidance/_scripts_panel_results.html", context)
    return render(request, "guidance/_scripts_panel.html", context)


@require_GET
def script_detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor = _reader(request)
    review = can_review_guidance(actor)
    script = selectors.script_by_slug(slug, include_retired=review)
    current = selectors.current_version_of(script)
    if current is None and not review:
        raise Http404
    context = {
        "script": script,
        "current": current,
        "history": selectors.script_history(script) if review else [],
        "can_author": can_author_guidance(actor),
    }
    return render(request, "guidance/detail.html", context)


@require_GET
def version_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    actor = _reviewer(request)
    script = selectors.script_by_slug(slug, include_retired=True)
    comparison = selectors.version_with_previous(script, number)
    previous_body = comparison.previous.body if comparison.previous else ""
    context = {
        "script": script,
        "version": comparison.version,
        "previous": comparison.previous,
        "diff": diff_lines(previous_body, comparison.version.body),
        "can_author": can_author_guidance(actor),
    }
    return render(request, "guidance/version.html", context)


@require_http_methods(["GET", "POST"])
def create_script(request: HttpRequest) -> HttpResponse:
    actor = _author(request)
    form = ScriptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            script = services.script_create(actor=actor, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("guidance:detail", slug=script.slug)
    status = 400 if form.is_bound else 200
    return render(request, "guidance/form.html", {"form": form, "script": None}, status=status)


@require_http_methods(["GET", "POST"])
def create_version(request: HttpRequest, slug: str) -> HttpResponse:
    actor = _author(request)
    script = selectors.script_by_slug(slug, include_retired=True)
    latest = script.versions.order_by("-number").first()
    initial = {"body": latest.body, "language": latest.language} if latest else {}
    form = VersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.script_version_create(
                script=script, actor=actor, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("guidance:version", slug=script.slug, number=version.number)
    status = 400 if form.is_bound else 200
    return render(request, "guidance/form.html", {"form": form, "script": script}, status=status)


def _then_detail(request: HttpRequest, slug: str, call: Callable[[], object]) -> HttpResponse:
    """Run a publish/retire/restore service and go back to the script; a refused rule
    becomes a message on that page."""
    try:
        call()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        raise Http404 from error
    return redirect("guidance:detail", slug=slug)


@require_POST
def publish_version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    actor = _author(request)
    script = selectors.script_by_slug(slug, include_retired=True)
    version = selectors.version_with_previous(script, number).version
    return _then_detail(
        request,
        slug,
        lambda: services.script_version_publish(version=version, actor=actor),
    )


@require_POST
def retire_script(request: HttpRequest, slug: str) -> HttpResponse:
    actor = _author(request)
    script = selectors.script_by_slug(slug, include_retired=True)
    return _then_detail(
        request,
        slug,
        lambda: services.script_retire(script=script, actor=actor),
    )


@require_POST
def restore_script(request: HttpRequest, slug: str) -> HttpResponse:
    actor = _author(request)
    script = selectors.script_by_slug(slug, include_retired=True)
    return _then_detail(
        request,
        slug,
        lambda: services.script_restore(script=script, actor=actor),
    )
