"""Export of the filtered case list (same filters and scope as the list page)."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from amparo.accounts.actor import acting
from amparo.cases.exports import export_response, start_export
from amparo.cases.forms import ExportForm
from amparo.cases.views.cases import filter_form


@require_GET
def export_cases(request: HttpRequest) -> HttpResponse:
    """?export_format=csv|xlsx&reason=… plus the list's filters. Bad input → 400 text."""
    actor = acting(request)
    filters = filter_form(request, actor).to_filters()
    form = ExportForm(request.GET)
    if not form.is_valid():
        messages = [str(m) for errors in form.errors.values() for m in errors]
        return _refused(request, messages)
    try:
        rows = start_export(
            actor=actor,
            filters=filters,
            export_format=form.cleaned_data["export_format"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        return _refused(request, error.messages)
    return export_response(form.cleaned_data["export_format"], rows)


def _refused(request: HttpRequest, messages: list[str]) -> HttpResponse:
    query = request.GET.copy()
    for name in ("export_format", "reason"):
        query.pop(name, None)
    return render(
        request,
        "cases/export_refused.html",
        {"messages_list": messages, "query": query.urlencode()},
        status=400,
    )
