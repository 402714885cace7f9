"""Merge pages, for central administration only: choose two records, preview what would
move, give a reason, merge; list merges and undo one."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from amparo.accounts.access import get_for_actor
from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.people.forms import MergeForm
from amparo.people.merges import (
    MERGE_TARGET_TYPE,
    can_merge,
    person_merge,
    person_merge_undo,
    rows_pointing_at,
)
from amparo.people.models import Person, PersonMerge
from amparo.people.selectors import merges_listed
from amparo.people.views import people_actor


def _merge_actor(request: HttpRequest) -> Actor:
    actor = people_actor(request)
    if not can_merge(actor):
        raise Http404
    return actor


def _person_or_error(
    request: HttpRequest, actor: Actor, form: MergeForm, field: str
) -> Person | None:
    try:
        return get_for_actor(
            actor, Person.objects.select_related("office"), form.cleaned_data[field]
        )
    except Http404:
        form.add_error(field, ValidationError("No existe un registro con ese número."))
        return None


@require_http_methods(["GET", "POST"])
def merge_people(request: HttpRequest) -> HttpResponse:
    """GET with both numbers previews; POST with a reason merges."""
    actor = _merge_actor(request)
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = MergeForm(data)
    preview = None
    status = 200
    if form.is_bound:
        form.is_valid()  # on a preview the reason may still be missing
        if {"survivor", "merged"} <= set(form.cleaned_data):
            survivor = _person_or_error(request, actor, form, "survivor")
            merged = _person_or_error(request, actor, form, "merged")
            if survivor and merged:
                moving = rows_pointing_at(merged)
                audit_record(
                    actor=actor,
                    action=Action.VIEW,
                    target=merged,
                    reason="merge preview",
                )
                preview = {
                    "survivor": survivor,
                    "merged": merged,
                    "counts": {
                        label: sum(len(ids) for ids in fields.values())
                        for label, fields in moving.items()
                    },
                }
                if request.method == "POST" and form.is_valid():
                    try:
                        person_merge(
                            survivor=survivor,
                            merged=merged,
                            actor=actor,
                            reason=form.cleaned_data["reason"],
                        )
                    except ValidationError as error:
                        form.add_error(None, ValidationError(error.messages))
                    else:
                        return redirect("people:detail", pk=survivor.pk)
        if request.method == "POST":
            status = 400
    if not form.is_bound:
        form = MergeForm(initial={"survivor": request.GET.get("survivor")})
    context = {"form": form, "preview": preview}
    return render(request, "people/merge.html", context, status=status)


@require_http_methods(["GET"])
def list_merges(request: HttpRequest) -> HttpResponse:
    actor = _merge_actor(request)
    audit_record(actor=actor, action=Action.LIST, target_type=MERGE_TARGET_TYPE)
    return render(request, "people/merges.html", {"merges": merges_listed()[:200]})


@require_POST
def undo_merge(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _merge_actor(request)
    merge = PersonMerge.objects.filter(pk=pk).first()
    if merge is None:
        raise Http404
    try:
        person_merge_undo(merge=merge, actor=actor)
    except ValidationError as error:
        return render(
            request,
            "people/merges.html",
            {"merges": merges_listed()[:200], "error": " ".join(error.messages)},
            status=400,
        )
    return redirect("people:merges")
