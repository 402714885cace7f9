"""Case pages: list, open, detail with timeline, and one view per operation."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from amparo.accounts.access import get_for_actor, may_write_office, visible
from amparo.accounts.actor import Actor, acting
from amparo.accounts.models import Role
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases import keyset, services, workflow
from amparo.cases.case_file import case_file, case_file_response
from amparo.cases.forms import (
    ActionForm,
    AssignForm,
    AttachmentForm,
    CaseFilterForm,
    CaseOpenForm,
    ExportForm,
    NoteForm,
    NotificationForm,
    StatusForm,
    TransferRequestForm,
)
from amparo.cases.models import Case
from amparo.cases.permissions import assignable_officers, export_needs_reason
from amparo.cases.selectors import (
    case_attachments,
    case_for_actor,
    case_list_count,
    case_page,
    case_timeline,
    case_transfers,
    cases_of_person,
    jurisdiction_office_for,
    pending_transfer,
    selectable_subtypes,
)
from amparo.cases.timeline import timeline_entries
from amparo.core.forms import apply_service_errors, focus_first_field
from amparo.people.models import Person
from amparo.people.search import SearchHit
from amparo.people.selectors import people_search

PAGE_SIZE = 50


def filter_form(request: HttpRequest, actor: Actor) -> CaseFilterForm:
    form = CaseFilterForm(
        request.GET, officers=assignable_officers(actor.office_id), show_office=actor.is_central
    )
    form.is_valid()
    return form


def _without(query: QueryDict, *names: str) -> str:
    copy = query.copy()
    for name in names:
        copy.pop(name, None)
    return copy.urlencode()


@require_http_methods(["GET"])
def list_cases(request: HttpRequest) -> HttpResponse:
    """Keyset pages (?after= / ?before= cursors) and a count that stops at 1,000."""
    return case_list_page(request)


def case_list_page(
    request: HttpRequest, *, export_form: ExportForm | None = None, status: int = 200
) -> HttpResponse:
    """The list; after a refused export, with the export panel open on its errors."""
    actor = acting(request)
    form = filter_form(request, actor)
    filters = form.to_filters()
    after, before = request.GET.get("after", ""), request.GET.get("before", "")
    try:
        page = case_page(actor, filters, size=PAGE_SIZE, after=after, before=before)
    except keyset.InvalidCursorError:
        page = case_page(actor, filters, size=PAGE_SIZE)  # a stale link starts over
        after = before = ""
    total, more = case_list_count(actor, filters, page, paged=bool(after or before))
    audit_record(actor=actor, action=Action.LIST, target_type="cases.case")
    return render(
        request,
        "cases/list.html",
        {
            "form": form,
            "page": page,
            "total": total,
            "more_than_cap": more,
            "query": _without(request.GET, "after", "before"),
            "export_query": _without(request.GET, "after", "before", "export_format", "reason"),
            "export_form": export_form or ExportForm(),
            "export_needs_reason": export_needs_reason(actor),
            "can_open": may_write_office(actor, actor.office_id),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def open_case(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    if not may_write_office(actor, actor.office_id):
        raise PermissionDenied
    person_id = request.GET.get("person") or request.POST.get("person")
    if not person_id:
        return render(request, "cases/choose_person.html", status=400)
    beneficiary = get_for_actor(actor, Person.objects.all(), person_id)
    officers = assignable_officers(actor.office_id)
    form = CaseOpenForm(
        request.POST or None,
        subtypes=selectable_subtypes(),
        officers=officers,
        # Who opens a case at the counter usually follows it: it lands in their queue.
        initial={"assigned_to": actor.user.pk} if officers.filter(pk=actor.user.pk) else {},
    )
    suggested_office = jurisdiction_office_for(beneficiary)
    requester_q = request.POST.get("requester_q", "").strip()[:120]
    requester_hits = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if requester_q and not data.get("requester"):
            # A search typed but nobody picked (or Enter pressed without JavaScript): show
            # the matches instead of opening the case without the requester.
            requester_hits = _requester_hits(actor, requester_q, beneficiary, request)
            form.add_error(
                "requester",
                _("Elija a la persona solicitante de la lista, o borre la búsqueda."),
            )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            requester = _requester(actor, data.get("requester"))
            case = services.case_open(
                actor=actor,
                beneficiary=beneficiary,
                requester=requester,
                subtype=data["subtype"],
                channel=data["channel"],
                priority=data["priority"],
                assigned_to=data.get("assigned_to"),
                flags=form.flags(),
                summary=data.get("summary", ""),
                office_override_reason=data.get("office_override_reason", ""),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Caso %(folio)s abierto.") % {"folio": case.folio})
            return redirect("cases:detail", pk=case.pk)
    focus_first_field(form)
    return render(
        request,
        "cases/open.html",
        {
            "form": form,
            "beneficiary": beneficiary,
            "suggested_office": suggested_office,
            "requester_q": requester_q,
            "hits": requester_hits,
            "query": requester_q,
            # central administration opens in the suggested office; others in their own
            "needs_override_reason": not actor.has_role(Role.CENTRAL_ADMIN)
            and (suggested_office.pk if suggested_office else beneficiary.office_id)
            != actor.office_id,
        },
        status=400 if form.errors else 200,
    )


REQUESTER_CHOICES = 10


@require_http_methods(["GET"])
def requester_options(request: HttpRequest) -> HttpResponse:
    """htmx: people the officer may read who match what was typed in the requester search
    (name or document number), as radio buttons for the open-case form. Audited as a search."""
    actor = acting(request)
    if not may_write_office(actor, actor.office_id):
        raise PermissionDenied
    query = request.GET.get("requester_q", "").strip()[:120]
    beneficiary = get_for_actor(actor, Person.objects.all(), request.GET.get("person"))
    hits = _requester_hits(actor, query, beneficiary, request)
    return render(
        request,
        "cases/_requester_options.html",
        {"hits": hits, "query": query, "selected": request.GET.get("requester", "")},
    )


def _requester_hits(
    actor: Actor, query: str, beneficiary: Person, request: HttpRequest
) -> list[SearchHit]:
    if len(query) < 3:
        return []
    hits = people_search(actor, query, limit=REQUESTER_CHOICES + 1)
    return [hit for hit in hits if hit.person.pk != beneficiary.pk][:REQUESTER_CHOICES]


def _requester(actor: Actor, person_id: int | None) -> Person | None:
    if not person_id:
        return None
    person = visible(actor, Person.objects.filter(pk=person_id)).first()
    if person is None:
        raise ValidationError({"requester": _("La persona no existe o no está a su alcance.")})
    return person


def detail_context(actor: Actor, case: Case, **forms: Any) -> dict[str, Any]:
    can_write = may_write_office(actor, case.office_id)
    return {
        "case": case,
        "can_write": can_write,
        "entries": timeline_entries(case_timeline(case)),
        "notifications": list(case.notifications.all()),
        "transfers": list(case_transfers(case)),
        "pending_transfer": pending_transfer(case),
        "note_form": forms.get("note_form") or NoteForm(),
        "action_form": forms.get("action_form") or ActionForm(),
        "attachments": list(case_attachments(case)),
        "attachment_form": forms.get("attachment_form") or AttachmentForm(),
    }


@require_http_methods(["GET"])
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    case = case_for_actor(actor, pk)
    audit_record(actor=actor, action=Action.VIEW, target=case)
    return render(request, "cases/detail.html", detail_context(actor, case))


@require_http_methods(["GET"])
def print_case_file(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    return case_file_response(case_file(actor, case_for_actor(actor, pk)))


def _timeline_response(
    request: HttpRequest, case: Case, *, saved: str = "", **forms: Any
) -> HttpResponse:
    """The timeline after a note or gestión: for htmx, the swapped timeline with the cursor
    back in the form just used (or its first wrong field) and `saved` announced to screen
    readers; without JavaScript, the case page again."""
    actor = acting(request)
    failed = not saved
    context = detail_context(actor, case, **forms)
    if request.htmx:  # type: ignore[attr-defined]
        # htmx swaps only 2xx answers by default, so errors come back as 200 with the form.
        form = next(iter(forms.values())) if failed else context[_used_form(request)]
        focus_first_field(form)
        return render(request, "cases/_timeline.html", {**context, "saved": saved})
    if failed:
        return render(request, "cases/detail.html", context, status=400)
    return redirect("cases:detail", pk=case.pk)


def _used_form(request: HttpRequest) -> str:
    return "note_form" if request.resolver_match.url_name == "add_note" else "action_form"  # type: ignore[union-attr]


@require_POST
def add_case_note(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    case = case_for_actor(actor, pk, write=True)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.case_add_note(case=case, text=form.cleaned_data["text"], actor=actor)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return _timeline_response(request, case, saved=_("Nota guardada."))
    return _timeline_response(request, case, note_form=form)


@require_POST
def add_case_action(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    case = case_for_actor(actor, pk, write=True)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            services.case_add_action(case=case, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return _timeline_response(request, case, saved=_("Gestión registrada."))
    return _timeline_response(request, case, action_form=form)


def _form_page(
    request: HttpRequest, case: Case, form: Any, *, title: str, submit: str
) -> HttpResponse:
    return render(
        request,
        "cases/case_form.html",
        {"case": case, "form": form, "title": title, "submit": submit},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def assign_case(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    case = case_for_actor(actor, pk, write=True)
    form = AssignForm(
        request.POST or None,
        officers=assignable_officers(case.office_id),
        initial={"assigned_to": case.assigned_to_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.case_assign(
                case=case,
                assignee=form.cleaned_data["assigned_to"],
                actor=actor,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Asignación actualizada."))
            return redirect("cases:detail", pk=case.pk)
    return _form_page(request, case, form, title=_("Asignar caso"), submit=_("Asignar"))


@require_http_methods(["GET", "POST"])
def change_case_status(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    case = case_for_actor(actor, pk, write=True)
    form = StatusForm(request.POST or None, allowed=sorted(workflow.allowed_next(case.status)))
    if request.method == "POST" and form.is_valid():
        try:
            services.case_change_status(case=case, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Estatus actualizado."))
            return redirect("cases:detail", pk=case.pk)
    return _form_page(request, case, form, title=_("Cambiar estatus"), submit=_("Guardar"))


@require_http_methods(["GET", "POST"])
def record_notification(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    case = case_for_actor(actor, pk, write=True)
    form = NotificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_record_notification(case=case, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Notificación consular registrada."))
            return redirect("cases:detail", pk=case.pk)
    return _form_page(
        request, case, form, title=_("Notificación consular (art. 36)"), submit=_("Registrar")
    )


@require_http_methods(["GET", "POST"])
def request_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    case = case_for_actor(actor, pk, write=True)
    form = TransferRequestForm(request.POST or None, exclude_office_id=case.office_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_transfer_request(case=case, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Traslado solicitado."))
            return redirect("cases:detail", pk=case.pk)
    return _form_page(request, case, form, title=_("Solicitar traslado"), submit=_("Solicitar"))


@require_POST
def cancel_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    case = case_for_actor(actor, pk, write=True)
    transfer = pending_transfer(case)
    if transfer is None:
        messages.error(request, _("El caso no tiene un traslado pendiente."))
        return redirect("cases:detail", pk=case.pk)
    try:
        services.case_transfer_cancel(transfer=transfer, actor=actor)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Traslado cancelado."))
    return redirect("cases:detail", pk=case.pk)


PERSON_CASES_SHOWN = 50


@require_http_methods(["GET"])
def person_cases(request: HttpRequest, person_pk: int) -> HttpResponse:
    """htmx, on the person's page: their cases the actor may read (the person itself is
    checked first, so a hidden person answers 404 like any hidden record)."""
    actor = acting(request)
    person = get_for_actor(actor, Person.objects.all(), person_pk)
    cases = list(cases_of_person(actor, person.pk)[:PERSON_CASES_SHOWN])
    audit_record(actor=actor, action=Action.LIST, target_type="cases.case", reason="person")
    template = "cases/_person_cases.html" if request.htmx else "cases/person_cases.html"  # type: ignore[attr-defined]
    return render(request, template, {"person": person, "cases": cases})
