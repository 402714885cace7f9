from django.template import loader
from django.test import Client
from django.urls import reverse

from amparo.accounts.models import User


def test_the_server_error_page_renders_without_a_request() -> None:
    html = loader.get_template("500.html").render()
    assert "Error del servidor" in html
    assert "css/app.css" in html


def test_missing_pages_show_the_friendly_not_found_page(
    client: Client, as_user, alice: User
) -> None:
    for visitor in (client, as_user(alice)):
        response = visitor.get("/no-existe/")
        assert response.status_code == 404
        assert "Página no encontrada" in response.content.decode()


def test_a_forged_form_gets_the_csrf_page(as_user, alice: User) -> None:
    client = as_user(alice)
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("set_language"), {"language": "en"})
    assert response.status_code == 403
    assert "La sesión del formulario expiró" in response.content.decode()


def test_the_forbidden_page_renders_for_an_anonymous_request(rf, db: None) -> None:
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    html = loader.get_template("403.html").render({}, request)
    assert "Acceso no permitido" in html
