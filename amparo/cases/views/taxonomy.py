"""Central administration edits the catalog of materias and subtypes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from amparo.accounts.actor import Actor, acting
from amparo.cases import services
from amparo.cases.forms import MateriaForm, SubtypeForm
from amparo.cases.models import Materia, Subtype
from amparo.cases.permissions import can_edit_taxonomy
from amparo.core.forms import apply_service_errors


def _admin(request: HttpRequest) -> Actor:
    actor = acting(request)
    if not can_edit_taxonomy(actor):
        raise PermissionDenied
    return actor


@require_http_methods(["GET"])
def taxonomy(request: HttpRequest) -> HttpResponse:
    _admin(request)
    subtypes = Subtype.objects.annotate(case_count=Count("cases")).order_by("position", "label")
    materias = Materia.objects.prefetch_related(Prefetch("subtypes", queryset=subtypes))
    return render(request, "cases/taxonomy.html", {"materias": materias})


def _form_page(request: HttpRequest, form: MateriaForm | SubtypeForm, title: str) -> HttpResponse:
    return render(
        request,
        "cases/taxonomy_form.html",
        {"form": form, "title": title},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def create_materia(request: HttpRequest) -> HttpResponse:
    actor = _admin(request)
    form = MateriaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.materia_create(actor=actor, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Materia creada."))
            return redirect("cases:taxonomy")
    return _form_page(request, form, _("Nueva materia"))


@require_http_methods(["GET", "POST"])
def edit_materia(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _admin(request)
    materia = get_object_or_404(Materia, pk=pk)
    form = MateriaForm(
        request.POST or None,
        initial={"code": materia.code, "label": materia.label, "position": materia.position},
    )
    form.fields["code"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.materia_update(
                materia=materia,
                label=form.cleaned_data["label"],
                position=form.cleaned_data["position"],
                actor=actor,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Materia actualizada."))
            return redirect("cases:taxonomy")
    return _form_page(request, form, _("Editar materia"))


@require_http_methods(["GET", "POST"])
def create_subtype(request: HttpRequest) -> HttpResponse:
    actor = _admin(request)
    form = SubtypeForm(request.POST or None, initial={"materia": request.GET.get("materia")})
    if request.method == "POST" and form.is_valid():
        try:
            services.subtype_create(actor=actor, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Subtipo creado."))
            return redirect("cases:taxonomy")
    return _form_page(request, form, _("Nuevo subtipo"))


@require_http_methods(["GET", "POST"])
def edit_subtype(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _admin(request)
    subtype = get_object_or_404(Subtype, pk=pk)
    form = SubtypeForm(
        request.POST or None,
        initial={
            "materia": subtype.materia_id,
            "code": subtype.code,
            "label": subtype.label,
            "position": subtype.position,
        },
    )
    form.fields["materia"].disabled = True
    form.fields["code"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.subtype_update(
                subtype=subtype,
                label=form.cleaned_data["label"],
                position=form.cleaned_data["position"],
                actor=actor,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Subtipo actualizado."))
            return redirect("cases:taxonomy")
    return _form_page(request, form, _("Editar subtipo"))


@require_POST
def retire_subtype(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _admin(request)
    subtype = get_object_or_404(Subtype, pk=pk)
    retired = request.POST.get("retired") != "0"
    services.subtype_set_retired(subtype=subtype, retired=retired, actor=actor)
    messages.success(request, _("Subtipo retirado.") if retired else _("Subtipo reactivado."))
    return redirect("cases:taxonomy")
