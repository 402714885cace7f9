"""Forms across the apps. How every form renders: through Jinja2, which Django supports as a second engine and
ships its widget templates for. The same HTML as the Django engine, several times faster
on forms with long selects (the case filter form went from 5.5 to about 1 ms). Pages
themselves stay Django templates; a field is written into one as
`{{ form.name.as_field_group }}` (template: core/jinja2/partials/form_field.html)."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import Jinja2


class FormRenderer(Jinja2):
    field_template_name = "partials/form_field.html"


def apply_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError next to the matching field, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
