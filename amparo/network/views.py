from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from amparo.accounts.actor import acting
from amparo.network import selectors
from amparo.network.csv_import import ImportFailedError, decode_upload
from amparo.network.forms import AreaReassignForm, JurisdictionImportForm, OfficeFilterForm
from amparo.network.permissions import can_edit_jurisdiction
from amparo.network.services import jurisdiction_import, jurisdiction_reassign


def office_list(request: HttpRequest) -> HttpResponse:
    form = OfficeFilterForm(request.GET or None, countries=selectors.office_countries())
    filters = form.cleaned_data if form.is_valid() else {}
    offices = selectors.offices_filtered(
        country=filters.get("country", ""),
        kind=filters.get("kind", ""),
        search=filters.get("q", ""),
    )
    page = Paginator(offices, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "network/office_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def office_detail(request: HttpRequest, code: str) -> HttpResponse:
    office = selectors.office_by_code(code)
    if office is None:
        raise Http404
    return render(
        request,
        "network/office_detail.html",
        {"office": office, "areas": selectors.areas_of_office(office)},
    )


def jurisdiction_overview(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "network/jurisdiction_overview.html",
        {"regions": selectors.area_regions(), "can_edit": can_edit_jurisdiction(acting(request))},
    )


def jurisdiction_region(request: HttpRequest, country: str, region: str) -> HttpResponse:
    areas = selectors.areas_in_region(country, region)
    if not areas.exists():
        raise Http404
    return render(
        request,
        "network/jurisdiction_region.html",
        {"areas": areas, "country": country.upper(), "region": region.upper()},
    )


@require_http_methods(["GET", "POST"])
def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    area = selectors.area_by_code(code)
    if area is None:
        raise Http404
    actor = acting(request)
    can_edit = can_edit_jurisdiction(actor)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    form = AreaReassignForm(request.POST or None, area=area) if can_edit else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            jurisdiction_reassign(
                area=area,
                office=form.cleaned_data["office"],
                reason=form.cleaned_data["reason"],
                actor=actor,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Se reasignó %(area)s.") % {"area": area.name})
            return redirect("network:area_detail", code=area.code)
    return render(
        request,
        "network/area_detail.html",
        {"area": area, "history": selectors.area_history(area), "form": form},
        status=400 if form is not None and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def import_jurisdiction(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    if not can_edit_jurisdiction(actor):
        raise PermissionDenied
    form = JurisdictionImportForm(request.POST or None, request.FILES or None)
    report, errors = None, []
    if request.method == "POST" and form.is_valid():
        text = decode_upload(form.cleaned_data["file"].read())
        try:
            report = jurisdiction_import(
                text=text,
                actor=actor,
                reason=form.cleaned_data["reason"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except ImportFailedError as failure:
            errors = failure.report.errors
    status = 400 if (request.method == "POST" and (errors or form.errors)) else 200
    return render(
        request,
        "network/jurisdiction_import.html",
        {"form": form, "report": report, "errors": errors},
        status=status,
    )
