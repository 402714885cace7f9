"""Staff pages of preventive outreach: the office's events, planning and approval, what
each reached, the CSV import, the kinds of event and the yearly report."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from amparo.accounts.actor import Actor, acting
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.permissions import assignable_officers
from amparo.core.forms import apply_service_errors
from amparo.network.models import Office, OfficeKind
from amparo.outreach import imports, maps, reports, selectors, services
from amparo.outreach.forms import (
    CancelForm,
    EventFilterForm,
    EventForm,
    ImportForm,
    KindForm,
    ReachForm,
    ReportForm,
)
from amparo.outreach.models import Event
from amparo.outreach.permissions import (
    can_approve_for,
    can_manage_kinds,
    can_plan_for,
    can_plan_for_any_office,
    can_use_outreach,
)


def _user(request: HttpRequest) -> Actor:
    actor = acting(request)
    if not can_use_outreach(actor):
        raise Http404
    return actor


@require_GET
def list_events(request: HttpRequest) -> HttpResponse:
    actor = _user(request)
    form = EventFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    events = selectors.events_for(
        actor,
        status=data.get("status") or "",
        kind=data.get("kind"),
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )[:200]
    audit_record(actor=actor, action=Action.LIST, target_type="outreach.event")
    context = {
        "form": form,
        "events": events,
        "can_plan": can_plan_for(actor, actor.office) or can_plan_for_any_office(actor),
        "can_import": can_approve_for(actor, actor.office),
        "can_manage_kinds": can_manage_kinds(actor),
        "public_office": actor.office if not actor.office.is_headquarters else None,
    }
    return render(request, "outreach/list.html", context)


@require_http_methods(["GET", "POST"])
def create_event(request: HttpRequest) -> HttpResponse:
    actor = _user(request)
    office = _planning_office(actor, request.GET.get("office") or request.POST.get("office", ""))
    if office is None or not can_plan_for(actor, office):
        if not can_plan_for_any_office(actor):
            raise PermissionDenied
        # Central administration first chooses the consulate the event belongs to.
        return render(request, "outreach/choose_office.html", {"offices": _plannable_offices()})
    form = EventForm(request.POST or None, staff=assignable_officers(office.pk))
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_plan(actor=actor, office=office, details=form.details(office))
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("Evento guardado como borrador. Envíelo a aprobación cuando esté listo.")
            )
            return redirect("outreach:detail", event.pk)
    context = {
        "form": form,
        "office": office,
        "event": None,
        "chosen_office": office if office != actor.office else None,
    }
    return render(request, "outreach/form.html", context)


def _plannable_offices() -> QuerySet[Office]:
    return Office.objects.exclude(
        kind__in=[OfficeKind.HEADQUARTERS, OfficeKind.CONTACT_CENTER]
    ).order_by("name")


def _planning_office(actor: Actor, code: str) -> Office | None:
    """The actor's own office, or for central administration the consulate it chose."""
    if not can_plan_for_any_office(actor):
        return actor.office
    if not code:
        return actor.office if can_plan_for(actor, actor.office) else None
    return _plannable_offices().filter(code=code.upper()).first()


@require_http_methods(["GET", "POST"])
def edit_event(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _user(request)
    event = selectors.event_for(actor, pk, write=True)
    form = EventForm(
        request.POST or None,
        initial=EventForm.initial_for(event),
        staff=assignable_officers(event.office_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(actor=actor, event=event, details=form.details(event.office))
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Evento actualizado."))
            return redirect("outreach:detail", event.pk)
    return render(
        request, "outreach/form.html", {"form": form, "office": event.office, "event": event}
    )


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _user(request)
    event = selectors.event_for(actor, pk)
    audit_record(actor=actor, action=Action.VIEW, target=event)
    report = getattr(event, "report", None)
    context = {
        "event": event,
        "report": report,
        "cells": list(report.cells.all()) if report else [],
        "registrations": event.registrations.count(),
        "named": event.registrations.filter(consented=True).exclude(name="").count(),
        "feedback": list(event.feedback.all()[:20]),
        "can_plan": can_plan_for(actor, event.office),
        "can_approve": can_approve_for(actor, event.office),
        "cancel_form": CancelForm(),
        "started": event.starts_at <= timezone.now(),
    }
    return render(request, "outreach/detail.html", context)


def _change(
    request: HttpRequest, pk: int, change: Callable[[Actor, Event], object], done: str
) -> HttpResponse:
    """Apply one lifecycle service to the event and go back to its page."""
    actor = _user(request)
    event = selectors.event_for(actor, pk, write=True)
    try:
        change(actor, event)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("outreach:detail", event.pk)


@require_POST
def submit_event(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(
        request,
        pk,
        lambda actor, event: services.event_submit(actor=actor, event=event),
        _("Evento enviado a aprobación de la persona titular."),
    )


@require_POST
def approve_event(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(
        request,
        pk,
        lambda actor, event: services.event_approve(actor=actor, event=event),
        _("Evento aprobado y publicado."),
    )


@require_POST
def cancel_event(request: HttpRequest, pk: int) -> HttpResponse:
    reason = CancelForm(request.POST).data.get("reason", "")
    return _change(
        request,
        pk,
        lambda actor, event: services.event_cancel(actor=actor, event=event, reason=reason),
        _("Evento cancelado."),
    )


@require_http_methods(["GET", "POST"])
def record_reach(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _user(request)
    event = selectors.event_for(actor, pk, write=True)
    report = getattr(event, "report", None)
    form = ReachForm(
        request.POST or None, initial=ReachForm.initial_for(report) if report else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_record_reach(actor=actor, event=event, reach=form.reach())
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Asistencia y alcance guardados."))
            return redirect("outreach:detail", event.pk)
    return render(request, "outreach/reach_form.html", {"form": form, "event": event})


@require_http_methods(["GET", "POST"])
def import_events(request: HttpRequest) -> HttpResponse:
    actor = _user(request)
    offices = _plannable_offices() if actor.is_central else None
    form = ImportForm(request.POST or None, request.FILES or None, offices=offices)
    result = None
    if request.method == "POST" and form.is_valid():
        office = form.cleaned_data.get("office") or actor.office
        dry_run = "confirm" not in request.POST
        try:
            result = imports.events_import(
                actor=actor,
                office=office,
                content=form.cleaned_data["file"].read(),
                dry_run=dry_run,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if result.created:
                messages.success(
                    request, _("%(count)s eventos importados.") % {"count": result.created}
                )
                return redirect("outreach:list")
    context = {"form": form, "result": result, "columns": imports.COLUMNS}
    return render(request, "outreach/import.html", context)


@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    _user(request)
    response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="eventos-preventivos.csv"'
    return response


@require_http_methods(["GET", "POST"])
def kinds(request: HttpRequest) -> HttpResponse:
    actor = _user(request)
    form = KindForm(request.POST or None) if can_manage_kinds(actor) else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.kind_create(actor=actor, **form.cleaned_data)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Tipo de evento agregado."))
                return redirect("outreach:kinds")
    return render(request, "outreach/kinds.html", {"form": form, "kinds": selectors.event_kinds()})


@require_GET
def report(request: HttpRequest) -> HttpResponse:
    actor = _user(request)
    form = ReportForm(request.GET or {"year": actor.office.local_today().year - 1})
    year = form.cleaned_data["year"] if form.is_valid() else actor.office.local_today().year - 1
    rows = reports.outreach_report(actor, year=year)
    protection = reports.reach_against_cases(actor, year=year, rows=rows)
    audit_record(actor=actor, action=Action.LIST, target_type="outreach.report", reason=str(year))
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        return _report_file(actor, rows, year, export)
    # The month-by-month table of one office: all of them at once (3,000+ rows for the
    # network) is what the CSV and XLSX are for.
    chosen = (form.cleaned_data.get("office") or "").upper() if form.is_valid() else ""
    offices = {row.office_code for row in rows}
    detail_office = (
        chosen if chosen in offices else (next(iter(offices)) if len(offices) == 1 else "")
    )
    detail_rows = [row for row in rows if row.office_code == detail_office]
    context = {
        "form": form,
        "year": year,
        "detail_office": detail_office,
        "detail_name": next((r.office_name for r in rows if r.office_code == detail_office), ""),
        "events_grid": reports.month_grid(detail_rows, year=year, value=lambda r: r.events),
        "reach_grid": reports.month_grid(detail_rows, year=year, value=lambda r: r.reach),
        "totals": reports.program_totals(rows),
        "protection": protection,
    }
    return render(request, "outreach/report.html", context)


@require_GET
def report_map(request: HttpRequest) -> HttpResponse:
    """The report's county map as its own SVG document, shown on the page as an image: the
    page does not wait for 3,000 circles, and the map opens and downloads on its own. Figures
    of published events only, aggregated by county; the page that shows it is audited."""
    actor = _user(request)
    form = ReportForm(request.GET)
    year = form.cleaned_data["year"] if form.is_valid() else actor.office.local_today().year - 1
    rows = reports.outreach_report(actor, year=year)
    rates = {
        office.office_code: office.cases_per_thousand_reached
        for office in reports.reach_against_cases(actor, year=year, rows=rows)
    }
    circles, outside = maps.county_circles(
        (
            maps.CountyPoint(
                c.latitude, c.longitude, c.reach, f"{c.name} ({c.region}): {c.reach}", c.office_code
            )
            for c in reports.reach_by_county(actor, year=year)
        ),
        rates,
    )
    # Strings here rather than in the .svg template, which makemessages does not read.
    note = ngettext(
        "%(count)s condado fuera del mapa (Alaska, Hawái o Canadá).",
        "%(count)s condados fuera del mapa (Alaska, Hawái o Canadá).",
        outside,
    ) % {"count": outside}
    context = {
        "title": _("Alcance por condado y casos de protección, %(year)s") % {"year": year},
        "circles": maps.svg_circles(circles),
        "note": note if outside else "",
        "map": maps,
    }
    return render(request, "outreach/report_map.svg", context, content_type="image/svg+xml")


def _report_file(
    actor: Actor, rows: list[reports.ReportRow], year: int, export: str
) -> HttpResponse:
    if export == "csv":
        response = HttpResponse(reports.report_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            reports.report_xlsx(rows, reports.reach_by_county(actor, year=year)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = (
        f'attachment; filename="proteccion-preventiva-{year}.{export}"'
    )
    return response
