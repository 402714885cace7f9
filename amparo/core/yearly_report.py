"""The view of a module's yearly report, shared by the modules that have one: the year
asked for (the office's current year by default), then the page, or its tables as CSV or
XLSX. Showing it is an audited list; downloading it, an audited export."""

from collections.abc import Callable
from typing import Protocol

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from amparo.accounts.actor import Actor, acting
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.spreadsheets import Sheets, sheets_response


class YearForm(forms.Form):
    anio = forms.IntegerField(label=_("Año"), min_value=2000, max_value=2100)


class YearlyReport(Protocol):
    @property
    def year(self) -> int: ...

    @property
    def sheets(self) -> Sheets: ...


def yearly_report(
    request: HttpRequest, extension: str, *, build: Callable[[Actor, int], YearlyReport],
    template: str, target_type: str, filename: str,
) -> HttpResponse:  # fmt: skip
    """`template` gets `form` and `report`; templates/partials/yearly_report.html draws both."""
    actor = acting(request)
    form = YearForm(request.GET or {"anio": actor.office.local_today().year})
    if not form.is_valid():
        return render(request, template, {"form": form}, status=400)
    data = build(actor, form.cleaned_data["anio"])
    if not extension:
        audit_record(actor=actor, action=Action.LIST, target_type=target_type, reason="report")
        return render(request, template, {"form": form, "report": data})
    audit_record(
        actor=actor, action=Action.EXPORT, target_type=target_type, reason=f"report.{extension}"
    )
    return sheets_response(data.sheets, extension, f"{filename}-{data.year}")
