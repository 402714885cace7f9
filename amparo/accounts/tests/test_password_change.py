import pytest
from django.test import Client
from django.urls import reverse

from amparo.accounts.models import User
from amparo.accounts.tests.codes import AsUser
from amparo.accounts.tests.factories import TEST_PASSWORD
from amparo.audit.models import AccessRecord, Action

URL = reverse("accounts:password_change")
NEW = "Nueva-Clave-Segura-2026"


def _change(client: Client, current: str, new: str, repeated: str | None = None) -> object:
    data = {"current": current, "new": new, "repeated": new if repeated is None else repeated}
    return client.post(URL, data)


def test_a_signed_in_person_changes_their_password_and_stays_signed_in(
    as_user: AsUser, alice: User
) -> None:
    client = as_user(alice)
    assert client.get(URL).status_code == 200
    response = _change(client, TEST_PASSWORD, NEW)
    assert response.status_code == 302  # type: ignore[attr-defined]
    alice.refresh_from_db()
    assert alice.check_password(NEW)
    assert client.get(reverse("dashboard:home")).status_code == 200  # this session lives on
    assert AccessRecord.objects.filter(
        user=alice, action=Action.UPDATE, target_id=str(alice.pk), reason="contraseña"
    ).exists()


def test_other_sessions_of_the_account_end(as_user: AsUser, alice: User) -> None:
    other = as_user(alice)
    assert other.get(reverse("dashboard:home")).status_code == 200
    _change(as_user(alice), TEST_PASSWORD, NEW)
    assert other.get(reverse("dashboard:home")).status_code == 302


def test_a_wrong_current_password_or_a_weak_new_one_changes_nothing(
    as_user: AsUser, alice: User
) -> None:
    client = as_user(alice)
    for current, new, repeated, message in (
        ("incorrecta-123456", NEW, None, "La contraseña actual no es correcta."),
        (TEST_PASSWORD, "corta", None, "demasiado corta"),
        (TEST_PASSWORD, "123456789012345", None, "totalmente numérica"),
        (TEST_PASSWORD, NEW, NEW + "x", "no coinciden"),
        (TEST_PASSWORD, TEST_PASSWORD, None, "distinta de la actual"),
    ):
        response = _change(client, current, new, repeated)
        assert response.status_code == 400, message  # type: ignore[attr-defined]
        assert message in response.content.decode(), message  # type: ignore[attr-defined]
    alice.refresh_from_db()
    assert alice.check_password(TEST_PASSWORD)
    assert not AccessRecord.objects.filter(user=alice, reason="contraseña").exists()


@pytest.mark.django_db
def test_the_page_needs_a_signed_in_person() -> None:
    response = Client().get(URL)
    assert response.status_code == 302 and "/cuenta/entrar/" in response["Location"]
