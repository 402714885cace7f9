"""Security headers on every HTML page, templates that respect the CSP, and a clean
`check --deploy` under production settings."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import reverse

from amparo.accounts.models import User

TEMPLATE_ROOTS = [settings.BASE_DIR / "templates", settings.BASE_DIR / "amparo"]
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
# Non-executable data blocks (json_script) are allowed by CSP and carry no code.
DATA_SCRIPT = re.compile(r"""type\s*=\s*["']application/(ld\+)?json["']""", re.IGNORECASE)
FORBIDDEN_MARKUP = {
    "a style attribute": re.compile(r"""\sstyle\s*=\s*["'{]""", re.IGNORECASE),
    "a <style> block": re.compile(r"<style\b", re.IGNORECASE),
    "an inline event handler": re.compile(r"""\son[a-z]+\s*=\s*["']""", re.IGNORECASE),
    "an htmx inline handler": re.compile(r"\shx-on[:-]", re.IGNORECASE),
    "a javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def csp_directives(response: HttpResponseBase) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_secure_html(response: HttpResponseBase) -> None:
    assert response["Content-Type"].startswith("text/html")
    directives = csp_directives(response)
    for name in ("default-src", "script-src", "style-src"):
        assert name in directives
        assert "'unsafe-inline'" not in directives[name]
        assert "'unsafe-eval'" not in directives[name]
    assert directives["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in {
        "same-origin",
        "strict-origin-when-cross-origin",
        "no-referrer",
    }


def test_public_pages_send_the_security_headers(client: Client, db: None) -> None:
    for url in (reverse("accounts:login"), "/esta-pagina-no-existe/"):
        assert_secure_html(client.get(url))


def test_private_pages_send_the_security_headers(as_user, alice: User) -> None:
    client = as_user(alice)
    for url in (reverse("dashboard:home"), "/esta-pagina-no-existe/"):
        assert_secure_html(client.get(url))


def test_the_api_docs_send_the_security_headers_and_no_inline_code(
    as_user,  # type: ignore[no-untyped-def]
    alice: User,
) -> None:
    response = as_user(alice).get("/api/v1/docs")
    assert response.status_code == 200
    assert_secure_html(response)
    html = response.content.decode()
    for attributes, body in SCRIPT_TAG.findall(html):
        assert not body.strip() or DATA_SCRIPT.search(attributes), "inline script in the API docs"
    assert not FORBIDDEN_MARKUP["a <style> block"].search(html)


def template_files() -> list[Path]:
    return sorted(
        path
        for root in TEMPLATE_ROOTS
        for path in root.rglob("*.html")
        if "templates" in path.parts
    )


def test_there_are_templates_to_scan() -> None:
    names = {path.name for path in template_files()}
    assert {"base.html", "404.html", "500.html", "home.html"} <= names


@pytest.mark.parametrize(
    "path", template_files(), ids=lambda p: str(p.relative_to(settings.BASE_DIR))
)
def test_templates_have_no_inline_scripts_or_styles(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    for attributes, body in SCRIPT_TAG.findall(source):
        assert not body.strip() or DATA_SCRIPT.search(attributes), "an inline <script> with a body"
    for what, pattern in FORBIDDEN_MARKUP.items():
        assert not pattern.search(source), f"{what}"


def test_the_scanner_catches_inline_code() -> None:
    bad = '<script>alert(1)</script><p style="color:red" onclick="x()">'
    assert SCRIPT_TAG.findall(bad)[0][1] == "alert(1)"
    assert FORBIDDEN_MARKUP["a style attribute"].search(bad)
    assert FORBIDDEN_MARKUP["an inline event handler"].search(bad)
    assert not FORBIDDEN_MARKUP["a style attribute"].search('<div data-style="x">')


def test_the_deploy_check_is_clean_with_production_settings(tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "amparo.example",
        "AMPARO_VAR_DIR": str(tmp_path),
    }
    environment.pop("DJANGO_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output


def test_pages_and_api_answers_with_personal_data_are_never_stored(
    as_user,  # type: ignore[no-untyped-def]
    alice: User,
) -> None:
    client = as_user(alice)
    for path in ("/", "/personas/", "/casos/", "/api/v1/cases", "/api/v1/people", "/nada/"):
        cache_control = client.get(path).headers["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, path
    assert "no-store" in Client().get("/cuenta/entrar/").headers["Cache-Control"]


def test_the_api_schema_and_docs_are_for_signed_in_staff_only(
    client: Client,
    as_user,  # type: ignore[no-untyped-def]
    alice: User,
) -> None:
    for path in ("/api/v1/openapi.json", "/api/v1/docs"):
        refused = client.get(path)
        assert refused.status_code == 401
        assert refused.json()["detail"] == "Se requiere iniciar sesión."
    assert "paths" in as_user(alice).get("/api/v1/openapi.json").json()
