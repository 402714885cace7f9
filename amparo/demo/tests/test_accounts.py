from base64 import b32encode

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from amparo.accounts.models import Membership, Role, User
from amparo.demo import accounts
from amparo.demo.accounts import DEMO_PASSWORD, DEMO_USERS, ensure_demo_users
from amparo.demo.management.commands.demo_totp import demo_code
from amparo.network.models import OfficeKind
from amparo.network.tests.factories import OfficeFactory

CODES = ("SRE", "CIAM", "LAX", "CHI", "HOU", "DAL")


@pytest.fixture
def demo_offices(db: None) -> None:
    for code in CODES:
        kind = OfficeKind.HEADQUARTERS if code == "SRE" else OfficeKind.CONSULATE
        OfficeFactory(code=code, slug=f"demo-{code.lower()}", name=f"Oficina {code}", kind=kind)


def test_demo_users_cover_every_role_with_a_confirmed_device(demo_offices: None) -> None:
    accounts = ensure_demo_users()

    assert {a.role for a in accounts} == set(Role)
    assert {a.password for a in accounts} == {DEMO_PASSWORD}
    for demo in DEMO_USERS:
        user = User.objects.get(username=demo.username)
        assert user.check_password(DEMO_PASSWORD)
        device = TOTPDevice.objects.get(user=user, confirmed=True)
        assert b32encode(device.bin_key).decode() == demo.totp_secret
    switcher = User.objects.get(username="demo.consular.texas")
    assert set(switcher.memberships.values_list("office__code", flat=True)) == {"HOU", "DAL"}


def test_demo_users_are_idempotent_and_restored(demo_offices: None) -> None:
    first = ensure_demo_users()
    admin = User.objects.get(username="demo.admin")
    admin.set_password("otra-contraseña-cualquiera")
    admin.save()
    Membership.objects.filter(user=admin).update(is_active=False)

    second = ensure_demo_users()

    assert first == second
    assert User.objects.filter(username__startswith="demo.").count() == len(DEMO_USERS)
    assert TOTPDevice.objects.count() == len(DEMO_USERS)
    assert Membership.objects.count() == len(first)
    admin.refresh_from_db()
    assert admin.check_password(DEMO_PASSWORD)
    assert Membership.objects.get(user=admin).is_active


def test_the_password_is_hashed_once_per_run_not_once_per_user(
    demo_offices: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashes: list[str] = []
    real = accounts.make_password

    def counting(raw: str) -> str:
        hashes.append(raw)
        return real(raw)

    monkeypatch.setattr(accounts, "make_password", counting)

    ensure_demo_users()
    ensure_demo_users()  # a rerun (scripts/serve seeds on every start) hashes nothing

    assert len(hashes) == 1
    passwords = set(User.objects.filter(username__startswith="demo.").values_list("password"))
    assert len(passwords) == 1


def test_missing_offices_are_skipped_not_fatal(db: None, caplog: pytest.LogCaptureFixture) -> None:
    OfficeFactory(code="SRE", slug="demo-sre", kind=OfficeKind.HEADQUARTERS)

    accounts = ensure_demo_users()

    assert {a.office_code for a in accounts} == {"SRE"}
    assert User.objects.filter(username="demo.consular.lax").exists()
    assert "LAX" in caplog.text


def test_a_demo_user_signs_in_with_the_documented_secret(demo_offices: None) -> None:
    ensure_demo_users()
    client = Client()
    client.post("/cuenta/entrar/", {"username": "demo.titular.lax", "password": DEMO_PASSWORD})
    response = client.post("/cuenta/segundo-factor/", {"otp_token": demo_code("demo.titular.lax")})
    assert response.status_code == 302
    assert client.get("/api/v1/accounts/me").json()["role"] == Role.HEAD_OF_OFFICE


def test_demo_totp_prints_the_code_only_for_demo_users(
    demo_offices: None, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("demo_totp", "demo.admin")
    printed = capsys.readouterr().out.strip()
    assert len(printed) == 6
    assert printed.isdigit()
    with pytest.raises(CommandError):
        call_command("demo_totp", "alice")


def test_the_readme_documents_every_demo_user_and_secret() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    assert DEMO_PASSWORD in readme
    for demo_user in DEMO_USERS:
        assert f"`{demo_user.username}`" in readme
        assert demo_user.totp_secret in readme
