"""People pages: search and list, detail, registration (with duplicate check) and edit.
Every read of personal data and every write leaves a row in the access trail."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from amparo.accounts.access import get_for_actor
from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.selectors import can_read_audit_trail
from amparo.audit.services import audit_record
from amparo.core.forms import focus_first_field
from amparo.people.forms import (
    ConfirmNewForm,
    ContactFormSet,
    DocumentFormSet,
    PersonForm,
    PersonSearchForm,
    formset_with_another_row,
    new_rows,
)
from amparo.people.merges import can_merge
from amparo.people.models import Person
from amparo.people.names import name_parts
from amparo.people.permissions import can_register_people, can_see_people
from amparo.people.selectors import (
    PERSON_TARGET_TYPE,
    is_writable_by,
    office_suggestion,
    office_suggestion_for,
    people_search,
    people_visible_to,
)
from amparo.people.services import DuplicateSuspectedError, person_create, person_edit

PAGE_SIZE = 25
ADD_ROW_BUTTONS = {"add_document": "documents", "add_contact": "contacts"}


def people_actor(request: HttpRequest) -> Actor:
    actor: Actor | None = getattr(request, "actor", None)
    if not can_see_people(actor):
        raise Http404
    assert actor is not None
    return actor


@require_GET
def list_people(request: HttpRequest) -> HttpResponse:
    """Without a query, everyone in scope by surname; with one, the best matches first."""
    actor = people_actor(request)
    form = PersonSearchForm(request.GET)
    query, date_of_birth = "", None
    if form.is_valid():
        query, date_of_birth = form.cleaned_data["q"], form.cleaned_data["date_of_birth"]
    focus_first_field(form)
    context: dict[str, Any] = {
        "form": form,
        "can_create": can_register_people(actor),
    }
    if query or date_of_birth:
        hits = people_search(actor, query, date_of_birth=date_of_birth)
        context["hits"] = hits
        # Offered to the registration form when nobody matched (a name, not a number).
        context["name_searched"] = "" if any(ch.isdigit() for ch in query) else query
    else:
        context["page"] = Paginator(people_visible_to(actor), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        audit_record(actor=actor, action=Action.LIST, target_type=PERSON_TARGET_TYPE)
    return render(request, "people/list.html", context)


@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = people_actor(request)
    person = get_for_actor(actor, Person.objects.select_related("office", "merged_into"), pk)
    audit_record(actor=actor, action=Action.VIEW, target=person)
    context = {
        "person": person,
        "documents": person.documents.all(),
        "contacts": person.contacts.all(),
        "suggested_office": office_suggestion_for(person),
        "can_edit": is_writable_by(actor, person) and not person.is_merged,
        "can_merge": can_merge(actor) and not person.is_merged,
        "can_audit": can_read_audit_trail(actor),
        "target_type": PERSON_TARGET_TYPE,
    }
    return render(request, "people/detail.html", context)


@require_GET
def suggest_office(request: HttpRequest) -> HttpResponse:
    """htmx: the office whose jurisdiction covers the address typed so far."""
    people_actor(request)
    office = office_suggestion(
        state=request.GET.get("address_state", "").strip().upper()[:2],
        county=request.GET.get("address_county", "").strip()[:120],
        zip_code=request.GET.get("address_zip", "").strip()[:10],
    )
    return render(request, "people/_office_suggestion.html", {"suggested_office": office})


def _bound_formsets(request: HttpRequest) -> tuple[Any, Any, str | None]:
    """Document and contact formsets, with one more row if an "add" button was pressed."""
    data = request.POST if request.method == "POST" else None
    added = next((prefix for name, prefix in ADD_ROW_BUTTONS.items() if name in request.POST), None)
    if data is not None and added is not None:
        data = formset_with_another_row(data, added)
    # A post without a formset's management data (a script, an older page) adds no rows.
    documents = DocumentFormSet(_if_present(data, "documents"), prefix="documents")
    contacts = ContactFormSet(_if_present(data, "contacts"), prefix="contacts")
    return documents, contacts, added


def _if_present(data: Any, prefix: str) -> Any:
    return data if data is not None and f"{prefix}-TOTAL_FORMS" in data else None


def _valid(*forms: Any) -> bool:
    """Every bound form or formset valid (all are checked, so all show their errors)."""
    results = [not form.is_bound or form.is_valid() for form in forms]
    return all(results)


@require_http_methods(["GET", "POST"])
def create_person(request: HttpRequest) -> HttpResponse:
    actor = people_actor(request)
    if not can_register_people(actor):
        raise Http404
    # From a search that found nobody, the name searched is written in for the officer.
    form = PersonForm(
        request.POST or None, actor=actor, initial=name_parts(request.GET.get("nombre", ""))
    )
    confirm = ConfirmNewForm(request.POST or None)
    documents, contacts, adding_row = _bound_formsets(request)
    context: dict[str, Any] = {"person": None, "documents": documents, "contacts": contacts}
    status = 200
    if request.method == "POST" and adding_row is None:
        status = 400
        if _valid(form, confirm, documents, contacts):
            data = form.changes()
            office = data.pop("office", None) or actor.office
            if "office" in form.fields and not form.cleaned_data.get("office"):
                # Only those who may choose fall back on the jurisdiction of the address.
                office = _office_by_jurisdiction(data) or actor.office
            try:
                person = person_create(
                    actor=actor,
                    office=office,
                    documents=new_rows(documents),
                    contacts=new_rows(contacts),
                    confirm_new=confirm.cleaned_data["confirm_new"],
                    **data,
                )
            except DuplicateSuspectedError as duplicates:
                context["duplicates"] = duplicates.candidates
                status = 409
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, _message(error))
            else:
                return redirect("people:detail", pk=person.pk)
    focus_first_field(form)
    context.update(form=form, confirm=confirm, suggested_office=_suggestion_of(form))
    return render(request, "people/form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def edit_person(request: HttpRequest, pk: int) -> HttpResponse:
    actor = people_actor(request)
    person = get_for_actor(actor, Person.objects.select_related("office"), pk, write=True)
    if person.is_merged:
        raise Http404
    form = PersonForm(request.POST or None, instance=person, actor=actor)
    documents, contacts, adding_row = _bound_formsets(request)
    status = 200
    if request.method == "POST" and adding_row is None:
        status = 400
        if _valid(form, documents, contacts):
            try:
                person_edit(
                    actor=actor,
                    person=person,
                    changes=form.changes(),
                    add_documents=new_rows(documents),
                    remove_documents=_ids(request.POST.getlist("remove_document")),
                    add_contacts=new_rows(contacts),
                    remove_contacts=_ids(request.POST.getlist("remove_contact")),
                )
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, _message(error))
            else:
                return redirect("people:detail", pk=person.pk)
    if not form.is_bound:
        audit_record(actor=actor, action=Action.VIEW, target=person)
    context = {
        "form": form,
        "person": person,
        "documents": documents,
        "contacts": contacts,
        "existing_documents": person.documents.all(),
        "existing_contacts": person.contacts.all(),
        "suggested_office": _suggestion_of(form),
    }
    return render(request, "people/form.html", context, status=status)


def _ids(values: list[str]) -> list[int]:
    return [int(value) for value in values if value.isdigit()]


def _suggestion_of(form: PersonForm) -> Any:
    source: Any = form.data if form.is_bound else form.initial
    return office_suggestion(
        state=str(source.get("address_state") or "").strip().upper()[:2],
        county=str(source.get("address_county") or "").strip()[:120],
        zip_code=str(source.get("address_zip") or "").strip()[:10],
    )


def _office_by_jurisdiction(data: dict[str, Any]) -> Any:
    return office_suggestion(
        state=data.get("address_state", ""),
        county=data.get("address_county", ""),
        zip_code=data.get("address_zip", ""),
    )


def _message(error: Exception) -> ValidationError:
    """A service refusal as a form-wide error (the form already checked each field)."""
    if isinstance(error, ValidationError):
        return ValidationError(error.messages)
    return ValidationError(_("No tiene permiso para asignar esa representación."))
