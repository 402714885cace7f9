"""Supervisors: live figures (htmx polling), shift set-up, reports and their CSV."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from amparo.accounts.actor import acting
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.forms import apply_service_errors
from amparo.hotline import services
from amparo.hotline.forms import ReportForm, ShiftForm
from amparo.hotline.permissions import can_configure_shifts, can_supervise, can_use_hotline
from amparo.hotline.reports import DIMENSIONS, dimension_labels, hotline_report, report_csv
from amparo.hotline.selectors import ciam_offices, live_figures
from amparo.hotline.views._common import require
from amparo.hotline.views.callbacks import operators_of


@require_GET
def supervision(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    require(can_supervise(actor))
    figures = [live_figures(office) for office in ciam_offices(actor)]
    return render(request, "hotline/supervision.html", {"figures": figures})


@require_GET
def live(request: HttpRequest) -> HttpResponse:
    """The figures block alone, polled by the supervision page every 10 seconds."""
    actor = acting(request)
    require(can_supervise(actor))
    figures = [live_figures(office) for office in ciam_offices(actor)]
    return render(request, "hotline/_live.html", {"figures": figures})


@require_http_methods(["GET", "POST"])
def shifts(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    require(can_use_hotline(actor))
    offices = ciam_offices(actor)
    office = next((o for o in offices if str(o.pk) == request.GET.get("office")), None)
    office = office or (offices[0] if offices else None)
    forms = []
    if office is not None:
        operators = operators_of(office.pk)
        for shift in services.shifts_ensure(office):
            bound = request.method == "POST" and request.POST.get("kind") == shift.kind
            forms.append(
                ShiftForm(
                    request.POST if bound else None,
                    shift=shift,
                    operators=operators,
                    initial={
                        "starts_at": shift.starts_at,
                        "ends_at": shift.ends_at,
                        "operators": list(shift.operators.all()),
                    },
                )
            )
    if request.method == "POST":
        require(office is not None and can_configure_shifts(actor, office.pk))
        form = next(f for f in forms if f.is_bound)
        if form.is_valid():
            try:
                services.shift_configure(
                    actor=actor,
                    office=office,  # type: ignore[arg-type]
                    kind=form.shift.kind,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Turno actualizado."))
                return redirect(f"{request.path}?office={office.pk}")  # type: ignore[union-attr]
    can_edit = office is not None and can_configure_shifts(actor, office.pk)
    return render(
        request,
        "hotline/shifts.html",
        {"office": office, "offices": offices, "forms": forms, "can_edit": can_edit},
        status=422 if any(f.errors for f in forms) else 200,
    )


def _report_form(request: HttpRequest) -> ReportForm:
    actor = acting(request)
    today = timezone.localdate()
    data = request.GET.copy()
    data.setdefault("date_from", (today - timedelta(days=30)).isoformat())
    data.setdefault("date_to", today.isoformat())
    offices = ciam_offices(actor)
    if offices:
        data.setdefault("office", str(offices[0].pk))
    return ReportForm(data, offices=offices)


@require_GET
def reports(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    require(can_supervise(actor))
    form = _report_form(request)
    report = None
    if form.is_valid():
        try:
            report = hotline_report(actor, **form.cleaned_data)
        except ValueError as error:
            form.add_error(None, str(error))
    return render(
        request,
        "hotline/reports.html",
        {
            "form": form,
            "report": report,
            "sections": [(dimension_labels()[d], report.sections[d]) for d in DIMENSIONS if report],
            "query": request.GET.urlencode(),
        },
        status=422 if form.errors else 200,
    )


@require_GET
def report_export(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    require(can_supervise(actor))
    form = _report_form(request)
    if not form.is_valid():
        return HttpResponse(_("Parámetros no válidos."), status=400, content_type="text/plain")
    try:
        report = hotline_report(actor, **form.cleaned_data)
    except ValueError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain")
    audit_record(
        actor=actor,
        action=Action.EXPORT,
        target_type="hotline.report",
        target_id=report.office.pk,
        reason=f"{report.date_from}..{report.date_to}",
    )
    response = HttpResponse(report_csv(report), content_type="text/csv; charset=utf-8")
    name = f"ciam-{report.office.code}-{report.date_from}-{report.date_to}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
