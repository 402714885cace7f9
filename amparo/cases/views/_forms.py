from django import forms
from django.core.exceptions import ValidationError


def apply_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError next to the matching field, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
