"""Forms across the apps. How every form renders: through Jinja2, which Django supports as a second engine and
ships its widget templates for. The same HTML as the Django engine, several times faster
on forms with long selects (the case filter form went from 5.5 to about 1 ms). Pages
themselves stay Django templates; a field is written into one as
`{{ form.name.as_field_group }}` (template: core/jinja2/partials/form_field.html)."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import Jinja2


def date_input() -> forms.DateInput:
    """An HTML date picker: it reads and writes ISO dates, whatever the page's language."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FormRenderer(Jinja2):
    field_template_name = "partials/form_field.html"


def apply_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError next to the matching field, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def focus_first_field(form: forms.BaseForm) -> None:
    """Start the cursor in the form's first wrong field, or its first field: the browser
    focuses it on load, and htmx after a swap (`autofocus`). Call after validating."""
    wrong = [name for name in form.fields if form.is_bound and name in form.errors]
    names = wrong or list(form.fields)
    if names:
        form.fields[names[0]].widget.attrs["autofocus"] = True
