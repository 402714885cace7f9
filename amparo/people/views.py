"""People pages: list, detail, registration and edit. Every read of personal data and
every write leaves a row in the access trail."""

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
from amparo.people.forms import PersonForm, PersonSearchForm
from amparo.people.models import Person
from amparo.people.permissions import can_see_people, offices_for_new_people
from amparo.people.selectors import PERSON_TARGET_TYPE, is_writable_by, people_visible_to
from amparo.people.services import person_create, person_update

PAGE_SIZE = 25


def _people_actor(request: HttpRequest) -> Actor:
    actor: Actor | None = getattr(request, "actor", None)
    if not can_see_people(actor):
        raise Http404
    assert actor is not None
    return actor


@require_GET
def list_people(request: HttpRequest) -> HttpResponse:
    actor = _people_actor(request)
    form = PersonSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(people_visible_to(actor, query=query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    audit_record(actor=actor, action=Action.LIST, target_type=PERSON_TARGET_TYPE, request=request)
    context = {
        "form": form,
        "page": page,
        "can_create": offices_for_new_people(actor).exists(),
    }
    return render(request, "people/list.html", context)


@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _people_actor(request)
    person = get_for_actor(actor, Person.objects.select_related("office"), pk, request=request)
    audit_record(actor=actor, action=Action.VIEW, target=person, request=request)
    context = {
        "person": person,
        "can_edit": is_writable_by(actor, person),
        "can_audit": can_read_audit_trail(actor),
        "target_type": PERSON_TARGET_TYPE,
    }
    return render(request, "people/detail.html", context)


@require_http_methods(["GET", "POST"])
def create_person(request: HttpRequest) -> HttpResponse:
    actor = _people_actor(request)
    if not offices_for_new_people(actor).exists():
        raise Http404
    form = PersonForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        data = form.changes()
        office = data.pop("office", None) or actor.office
        try:
            person = person_create(actor=actor, office=office, request=request, **data)
        except ValidationError as error:
            form.add_error(None, _message(error))
        else:
            return redirect("people:detail", pk=person.pk)
    status = 400 if form.is_bound else 200
    return render(request, "people/form.html", {"form": form, "person": None}, status=status)


@require_http_methods(["GET", "POST"])
def edit_person(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _people_actor(request)
    person = get_for_actor(
        actor, Person.objects.select_related("office"), pk, write=True, request=request
    )
    form = PersonForm(request.POST or None, instance=person, actor=actor)
    if request.method == "POST" and form.is_valid():
        try:
            person_update(actor=actor, person=person, request=request, **form.changes())
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _message(error))
        else:
            return redirect("people:detail", pk=person.pk)
    if not form.is_bound:
        audit_record(actor=actor, action=Action.VIEW, target=person, request=request)
    status = 400 if form.is_bound else 200
    return render(request, "people/form.html", {"form": form, "person": person}, status=status)


def _message(error: Exception) -> ValidationError:
    """A service refusal as a form-wide error (the form already checked each field)."""
    if isinstance(error, ValidationError):
        return ValidationError(error.messages)
    return ValidationError(_("No tiene permiso para asignar esa representación."))
