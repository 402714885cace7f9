"""How the JSON API reports a service's refusal: one translation for every router."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja.errors import HttpError


def run_service[T](call: Callable[[], T]) -> T:
    """Run a service, turning its rule errors into 422 and refusals into 403 ({"detail"})."""
    try:
        return call()
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from error
    except PermissionDenied as error:
        raise HttpError(403, _("No tiene permiso para esta operación.")) from error
