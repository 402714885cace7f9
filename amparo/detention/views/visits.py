"""Visits: planned, printed as a sheet to take along (many facilities forbid phones),
logged afterwards from the keyboard, cancelled; and their follow-ups marked done."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from amparo.accounts.access import may_write, may_write_office
from amparo.accounts.actor import acting
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.permissions import assignable_officers
from amparo.core.forms import apply_service_errors
from amparo.detention import selectors, visits
from amparo.detention.forms import FoundSeenFormSet, KnownSeenFormSet, LogForm, VisitForm
from amparo.detention.models import VisitStatus

CHECKLIST_FIELDS = list(visits.CHECKLIST)


@require_http_methods(["GET", "POST"])
def visit_list(request: HttpRequest) -> HttpResponse:
    """The office's visits, and the form to plan one."""
    actor = acting(request)
    office = actor.office
    can_plan = may_write_office(actor, office.pk)
    form = VisitForm(
        request.POST or None, initial={"facility": request.GET.get("centro"), "officers": [actor.user]},
        facilities=selectors.facility_choices(), staff=assignable_officers(office.pk),
    )  # fmt: skip
    if request.method == "POST":
        if not can_plan:
            raise PermissionDenied
        if form.is_valid():
            try:
                visit = visits.visit_plan(actor=actor, office=office, **form.cleaned_data)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Visita programada."))
                return redirect("detention:visit", visit.pk)
    found = selectors.visits_for(actor).order_by("status", "-planned_on")[:100]
    context = {"visits": found, "form": form, "can_plan": can_plan}
    return render(request, "detention/visits.html", context, status=400 if form.errors else 200)


def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    visit = selectors.visit_for(actor, pk)
    audit_record(actor=actor, action=Action.VIEW, target=visit)
    context = {
        "visit": visit,
        "held": selectors.held_for_visit(actor, visit)
        if visit.status == VisitStatus.PLANNED
        else [],
        "seen": visit.seen.select_related("detention__person").prefetch_related("follow_ups"),
        "can_write": may_write(actor, visit),
    }
    return render(request, "detention/visit.html", context)


def visit_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable sheet: the facility's rules and the people to see, with boxes to tick."""
    actor = acting(request)
    visit = selectors.visit_for(actor, pk)
    audit_record(actor=actor, action=Action.EXPORT, target=visit, reason="sheet")
    context = {"visit": visit, "held": selectors.held_for_visit(actor, visit),
               "checklist": CHECKLIST_FIELDS}  # fmt: skip
    return render(request, "detention/visit_sheet.html", context)


@require_http_methods(["GET", "POST"])
def visit_log(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    visit = selectors.visit_for(actor, pk)
    if not may_write(actor, visit) or visit.status != VisitStatus.PLANNED:
        raise PermissionDenied
    held = {d.pk: d for d in selectors.held_for_visit(actor, visit)}
    form = LogForm(request.POST or None, initial={"done_on": visit.planned_on})
    known = KnownSeenFormSet(request.POST or None, prefix="known",
                             initial=[{"detention": pk} for pk in held])  # fmt: skip
    found = FoundSeenFormSet(request.POST or None, prefix="found")
    if request.method == "POST" and form.is_valid() and known.is_valid() and found.is_valid():
        entries = [
            visits.SeenEntry(detention=held[line["detention"]], checklist=_checklist(line))
            for line in known.cleaned_data if line.get("seen") and line.get("detention") in held
        ] + [
            visits.SeenEntry(given_names=line["given_names"], first_surname=line["first_surname"],
                             second_surname=line["second_surname"], a_number=line["a_number"],
                             checklist=_checklist(line))
            for line in found.cleaned_data if line.get("given_names") or line.get("first_surname")
        ]  # fmt: skip
        try:
            visits.visit_log(actor=actor, visit=visit, done_on=form.cleaned_data["done_on"],
                             entries=entries, notes=form.cleaned_data["notes"])  # fmt: skip
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Visita registrada."))
            return redirect("detention:visit", visit.pk)
    lines = [(line, held.get(_int(line["detention"].value()) or 0)) for line in known]
    context = {"visit": visit, "form": form, "known": known, "lines": lines, "found": found}
    return render(request, "detention/visit_log.html", context, status=400 if form.errors else 200)


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None


def _checklist(line: dict[str, object]) -> dict[str, object]:
    return {name: line.get(name) for name in CHECKLIST_FIELDS}


@require_POST
def visit_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    visit = selectors.visit_for(actor, pk)
    try:
        visits.visit_cancel(actor=actor, visit=visit)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Visita cancelada."))
    return redirect("detention:visit", visit.pk)


@require_POST
def follow_up_done(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    follow_up = selectors.follow_up_for(actor, pk)
    try:
        visits.follow_up_done(actor=actor, follow_up=follow_up)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Seguimiento atendido."))
    return redirect("detention:overview")
