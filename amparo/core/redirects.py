"""Where to go after a form: the `next` the page asked for, if it is a path on this site."""

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def next_path(request: HttpRequest, default: str) -> str:
    """The request's `next` (POST, then GET) when it is a path on this site ("/casos/"),
    else `default` (a URL name or path). Anything else — another host, a scheme, a bare
    word — is ignored rather than followed or resolved as a view name."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if (
        candidate.startswith("/")
        and not candidate.startswith("//")
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate
    return resolve_url(default)


def redirect_to_next(request: HttpRequest, default: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(next_path(request, default))
