"""Export of the filtered case list (same filters and scope as the list page)."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from amparo.accounts.actor import acting
from amparo.cases.exports import export_response, start_export
from amparo.cases.forms import ExportForm
from amparo.cases.views.cases import case_list_page, filter_form
from amparo.core.forms import apply_service_errors


@require_GET
def export_cases(request: HttpRequest) -> HttpResponse:
    """?export_format=csv|xlsx&reason=… plus the list's filters. Refused (bad input, or no
    reason where one is needed): the list again, status 400, the export panel open on why."""
    actor = acting(request)
    filters = filter_form(request, actor).to_filters()
    form = ExportForm(request.GET)
    if not form.is_valid():
        return case_list_page(request, export_form=form, status=400)
    try:
        rows = start_export(
            actor=actor,
            filters=filters,
            export_format=form.cleaned_data["export_format"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        apply_service_errors(form, error)
        return case_list_page(request, export_form=form, status=400)
    return export_response(form.cleaned_data["export_format"], rows)
