"""The auditors' pages: the access trail, filtered, and who consulted one record."""

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from amparo.accounts.actor import Actor
from amparo.audit.export import csv_lines, describe
from amparo.audit.forms import RecordFilterForm
from amparo.audit.lookup import audit_targets
from amparo.audit.models import Action
from amparo.audit.selectors import (
    RecordFilters,
    can_read_audit_trail,
    records_page,
    records_visible_to,
)
from amparo.audit.services import audit_record

PAGE_SIZE = 50


def _auditor(request: HttpRequest) -> Actor:
    actor: Actor | None = getattr(request, "actor", None)
    if not can_read_audit_trail(actor):
        raise Http404
    assert actor is not None
    return actor


@require_GET
def list_records(request: HttpRequest) -> HttpResponse:
    actor = _auditor(request)
    form = RecordFilterForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "records": [], "next_cursor": None}
        return render(request, "audit/records.html", context, status=400)
    records, next_cursor = records_page(
        records_visible_to(actor, form.filters()),
        before_id=form.cleaned_data["before"],
        size=PAGE_SIZE,
    )
    context = {"form": form, "records": records, "next_cursor": next_cursor}
    return render(request, "audit/records.html", context)


@require_GET
def export_records(request: HttpRequest) -> HttpResponseBase:
    actor = _auditor(request)
    form = RecordFilterForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "records": [], "next_cursor": None}
        return render(request, "audit/records.html", context, status=400)
    filters = form.filters()
    audit_record(
        actor=actor,
        action=Action.EXPORT,
        target_type="audit.accessrecord",
        reason=describe(filters),
    )
    response = StreamingHttpResponse(
        csv_lines(records_visible_to(actor, filters)), content_type="text/csv; charset=utf-8"
    )
    filename = f"bitacora-{timezone.now():%Y%m%d-%H%M%S}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def lookup(request: HttpRequest) -> HttpResponse:
    """Find a record by folio, call number, name or identifier; one match opens its trail."""
    actor = _auditor(request)
    query = request.GET.get("q", "").strip()
    targets = audit_targets(actor, query)
    if len(targets) == 1:
        only = targets[0]
        return redirect("audit:target", only.target_type, only.target_id)
    return render(request, "audit/lookup.html", {"query": query, "targets": targets})


@require_GET
def target_records(request: HttpRequest, target_type: str, target_id: str) -> HttpResponse:
    actor = _auditor(request)
    form = RecordFilterForm(request.GET)
    before_id = form.cleaned_data["before"] if form.is_valid() else None
    filters = RecordFilters(target_type=target_type, target_id=target_id)
    records, next_cursor = records_page(
        records_visible_to(actor, filters), before_id=before_id, size=PAGE_SIZE
    )
    context = {
        "target_type": target_type,
        "target_id": target_id,
        "records": records,
        "next_cursor": next_cursor,
    }
    return render(request, "audit/target.html", context)
