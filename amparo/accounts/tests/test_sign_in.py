from datetime import timedelta
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import Settings as SettingsWrapper

from amparo.accounts import sign_in
from amparo.accounts.actor import ACTIVE_MEMBERSHIP_SESSION_KEY
from amparo.accounts.models import Membership, Role, User
from amparo.accounts.tests.codes import AsUser, code_for, wrong_code_for
from amparo.accounts.tests.factories import TEST_PASSWORD, confirmed_totp_device
from amparo.audit.models import AccessRecord, Action
from amparo.conftest import Network

LOGIN = "/cuenta/entrar/"
SECOND_FACTOR = "/cuenta/segundo-factor/"
ENROLL = "/cuenta/alta-segundo-factor/"
ME = "/api/v1/accounts/me"


def submit_password(client: Client, username: str, password: str = TEST_PASSWORD, **extra: str):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


@pytest.fixture
def device(alice: User) -> TOTPDevice:
    return confirmed_totp_device(alice)


def test_password_then_code_signs_in_and_lands_on_the_dashboard(
    client: Client, alice: User, device: TOTPDevice
) -> None:
    response = submit_password(client, "alice")
    assert response.status_code == 302
    assert response["Location"] == SECOND_FACTOR

    response = client.post(SECOND_FACTOR, {"otp_token": code_for(device)})
    assert response.status_code == 302
    assert response["Location"] == "/"

    dashboard = client.get("/")
    assert dashboard.status_code == 200
    assert client.get(ME).json()["username"] == "alice"
    login = AccessRecord.objects.get(action=Action.LOGIN)
    assert (login.username, login.role) == ("alice", Role.CONSULAR_OFFICER)


def test_it_goes_back_to_the_page_asked_for_but_never_off_site(
    client: Client, alice: User, device: TOTPDevice
) -> None:
    response = submit_password(client, "alice", next="/personas/")
    assert response["Location"] == f"{SECOND_FACTOR}?next=%2Fpersonas%2F"
    response = client.post(f"{SECOND_FACTOR}?next=%2Fpersonas%2F", {"otp_token": code_for(device)})
    assert response["Location"] == "/personas/"

    other = Client()
    submit_password(other, "alice", next="https://evil.example/")
    response = other.post(
        SECOND_FACTOR,
        {"otp_token": code_for(device, steps_ahead=1), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_a_wrong_password_is_refused_and_traced_without_the_password(
    client: Client, alice: User, device: TOTPDevice
) -> None:
    response = submit_password(client, "alice", password="contraseña-equivocada")

    assert response.status_code == 400
    assert "Usuario o contraseña incorrectos" in response.content.decode()
    failure = AccessRecord.objects.get(action=Action.LOGIN_FAILED)
    assert failure.username == "alice"
    assert "equivocada" not in f"{failure.reason}{failure.path}"
    assert client.get("/").status_code == 302


def test_a_wrong_code_is_refused_and_the_user_stays_signed_out(
    client: Client, alice: User, device: TOTPDevice, settings: SettingsWrapper
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # let the right code follow the wrong one at once
    submit_password(client, "alice")
    wrong = wrong_code_for(device)

    response = client.post(SECOND_FACTOR, {"otp_token": wrong})

    assert response.status_code == 400
    assert "Código incorrecto" in response.content.decode()
    assert client.get("/")["Location"].startswith(LOGIN)
    failure = AccessRecord.objects.get(action=Action.LOGIN_FAILED)
    assert failure.reason == "segundo factor"
    assert wrong not in f"{failure.reason}{failure.path}"

    assert client.post(SECOND_FACTOR, {"otp_token": code_for(device)}).status_code == 302
    assert client.get("/").status_code == 200


def test_a_code_is_accepted_only_once(client: Client, alice: User, device: TOTPDevice) -> None:
    code = code_for(device)
    submit_password(client, "alice")
    assert client.post(SECOND_FACTOR, {"otp_token": code}).status_code == 302

    replay = Client()
    submit_password(replay, "alice")
    assert replay.post(SECOND_FACTOR, {"otp_token": code}).status_code == 400


def test_a_code_that_is_not_six_digits_is_a_clear_400(
    client: Client, alice: User, device: TOTPDevice
) -> None:
    submit_password(client, "alice")
    response = client.post(SECOND_FACTOR, {"otp_token": "12ab"})
    assert response.status_code == 400
    assert "6 dígitos" in response.content.decode()


def test_after_only_the_password_no_page_and_no_api_is_reachable(
    client: Client, alice: User, bob: User, device: TOTPDevice
) -> None:
    submit_password(client, "alice")

    assert client.get("/")["Location"].startswith(LOGIN)
    assert client.get(ME).status_code == 401
    assert client.get("/cuenta/usuarios/").status_code == 302
    assert client.get(SECOND_FACTOR).status_code == 200


def test_a_session_signed_in_without_the_second_factor_is_sent_to_it_and_gets_401(
    client: Client, alice: User, device: TOTPDevice
) -> None:
    client.force_login(alice)  # password-level login only, no device in session

    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == SECOND_FACTOR
    assert client.get(ME).status_code == 401
    # and the second-factor page makes it start again from the password
    assert client.get(SECOND_FACTOR)["Location"].startswith(LOGIN)


def test_the_second_factor_page_needs_a_recent_password(
    client: Client, alice: User, device: TOTPDevice
) -> None:
    assert client.get(SECOND_FACTOR)["Location"].startswith(LOGIN)

    submit_password(client, "alice")
    later = sign_in.time.time() + sign_in.PENDING_MAX_AGE_SECONDS + 1
    with mock.patch.object(sign_in.time, "time", return_value=later):
        response = client.post(SECOND_FACTOR, {"otp_token": code_for(device)})
    assert response["Location"].startswith(LOGIN)


def test_five_failures_mixing_passwords_and_codes_lock_the_account(
    client: Client, alice: User, device: TOTPDevice
) -> None:
    for _ in range(2):
        assert submit_password(client, "alice", password="mala-contraseña-1").status_code == 400
    submit_password(client, "alice")
    for _ in range(2):
        assert client.post(SECOND_FACTOR, {"otp_token": wrong_code_for(device)}).status_code == 400

    response = client.post(SECOND_FACTOR, {"otp_token": wrong_code_for(device)})
    assert response.status_code == 429
    assert "bloqueada" in response.content.decode()
    assert AccessAttempt.objects.filter(username="alice").exists()

    # Even the right password and code no longer get in, from any browser.
    fresh = Client()
    assert submit_password(fresh, "alice").status_code == 429
    assert fresh.get("/")["Location"].startswith(LOGIN)
    assert AccessRecord.objects.filter(action=Action.LOGIN).count() == 0


def test_five_wrong_codes_lock_the_second_factor_page(
    client: Client, alice: User, device: TOTPDevice
) -> None:
    submit_password(client, "alice")
    statuses = [
        client.post(SECOND_FACTOR, {"otp_token": wrong_code_for(device)}).status_code
        for _ in range(5)
    ]
    assert statuses == [400, 400, 400, 400, 429]
    response = client.post(SECOND_FACTOR, {"otp_token": code_for(device)})
    assert response.status_code == 429
    assert client.get("/").status_code == 302


def test_a_locked_out_user_does_not_lock_out_a_colleague(
    alice: User, carla: User, device: TOTPDevice
) -> None:
    for _ in range(5):
        submit_password(Client(HTTP_USER_AGENT="navegador-alice"), "alice", password="mala-1234567")
    carla_device = confirmed_totp_device(carla)
    colleague = Client(HTTP_USER_AGENT="navegador-carla")
    assert submit_password(colleague, "carla")["Location"] == SECOND_FACTOR
    assert colleague.post(SECOND_FACTOR, {"otp_token": code_for(carla_device)}).status_code == 302


def test_spraying_many_accounts_from_one_address_locks_the_address(
    settings: SettingsWrapper, network: Network
) -> None:
    """A new User-Agent per try (the client chooses it) must not escape the address limit."""
    limit = settings.AMPARO_LOGIN_ADDRESS_FAILURE_LIMIT
    statuses = [
        submit_password(
            Client(HTTP_USER_AGENT=f"navegador-{n}"), f"persona{n}", password="Primavera-2026"
        ).status_code
        for n in range(limit + 2)
    ]
    assert statuses == [400] * limit + [429, 429]
    assert AccessRecord.objects.filter(reason="dirección bloqueada").count() == 2
    other_address = Client(HTTP_USER_AGENT="otro", REMOTE_ADDR="198.51.100.7")
    assert submit_password(other_address, "persona0", password="x-123456789").status_code == 400


def test_a_locked_address_cannot_finish_a_sign_in_either(
    settings: SettingsWrapper, client: Client, alice: User, device: TOTPDevice
) -> None:
    submit_password(client, "alice")
    settings.AMPARO_LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for n in range(3):
        submit_password(Client(HTTP_USER_AGENT=f"ua-{n}"), f"otra{n}", password="x-123456789")
    assert client.post(SECOND_FACTOR, {"otp_token": code_for(device)}).status_code == 429


def test_a_successful_sign_in_clears_earlier_failures(
    client: Client, alice: User, device: TOTPDevice
) -> None:
    for _ in range(4):
        submit_password(client, "alice", password="mala-contraseña-1")
    submit_password(client, "alice")
    client.post(SECOND_FACTOR, {"otp_token": code_for(device)})
    assert not AccessAttempt.objects.filter(username="alice").exists()


def test_sign_out_is_post_only_and_traced(as_user: AsUser, alice: User) -> None:
    client = as_user(alice)
    assert client.get("/cuenta/salir/").status_code == 405

    response = client.post("/cuenta/salir/")

    assert response["Location"] == LOGIN
    assert client.get("/")["Location"].startswith(LOGIN)
    assert AccessRecord.objects.filter(action=Action.LOGOUT, username="alice").exists()


def test_a_user_without_membership_can_still_sign_out(as_user: AsUser, alice: User) -> None:
    client = as_user(alice)
    Membership.objects.filter(user=alice).update(is_active=False)
    assert client.get("/").status_code == 403
    assert client.post("/cuenta/salir/")["Location"] == LOGIN
    assert client.get("/").status_code == 302


# Idle sessions ---------------------------------------------------------------------------------
def test_a_session_idle_for_more_than_15_minutes_is_sent_back_to_sign_in(
    as_user: AsUser,
    alice: User,
) -> None:
    client = as_user(alice)
    assert client.get("/").status_code == 200

    later = timezone.now() + timedelta(minutes=15, seconds=5)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_activity_keeps_the_session_alive(as_user: AsUser, alice: User) -> None:
    client = as_user(alice)
    start = timezone.now()
    for minutes in (10, 20, 30):
        with mock.patch(
            "django.utils.timezone.now", return_value=start + timedelta(minutes=minutes)
        ):
            assert client.get("/").status_code == 200


# Enrollment ------------------------------------------------------------------------------------
def test_a_user_without_a_device_enrolls_with_a_qr_code_and_is_then_signed_in(
    client: Client, alice: User
) -> None:
    response = submit_password(client, "alice")
    assert response["Location"] == ENROLL

    page = client.get(ENROLL)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in html
    device = TOTPDevice.objects.get(user=alice, confirmed=False)
    assert client.get(ENROLL).context["secret"] == page.context["secret"]  # stable on reload
    assert page.context["secret"] in html
    assert client.get("/")["Location"].startswith(LOGIN)

    response = client.post(ENROLL, {"otp_token": code_for(device)})

    assert response["Location"] == "/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200
    assert AccessRecord.objects.filter(
        action=Action.CREATE, target_type="otp_totp.totpdevice", username="alice"
    ).exists()


def test_enrollment_refuses_a_wrong_code(client: Client, alice: User) -> None:
    submit_password(client, "alice")
    client.get(ENROLL)
    device = TOTPDevice.objects.get(user=alice)

    response = client.post(ENROLL, {"otp_token": wrong_code_for(device)})

    assert response.status_code == 400
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/").status_code == 302


def test_a_user_with_a_device_cannot_enroll_another_one(
    client: Client, alice: User, device: TOTPDevice
) -> None:
    submit_password(client, "alice")
    assert client.get(ENROLL)["Location"] == SECOND_FACTOR
    assert TOTPDevice.objects.filter(user=alice).count() == 1


def test_enrollment_needs_a_password_first(client: Client, alice: User) -> None:
    assert client.get(ENROLL)["Location"].startswith(LOGIN)
    assert not TOTPDevice.objects.exists()


# Office switcher -------------------------------------------------------------------------------
def test_the_switcher_changes_the_acting_membership(
    as_user: AsUser,
    alice: User,
    network: Network,
) -> None:
    second = Membership.objects.create(
        user=alice, office=network.consulate_b, role=Role.CONSULAR_OFFICER
    )
    client = as_user(alice)
    assert client.get(ME).json()["office_code"] == "TA"

    response = client.post("/cuenta/representacion/", {"membership": second.pk})

    assert response.status_code == 302
    assert client.session[ACTIVE_MEMBERSHIP_SESSION_KEY] == second.pk
    assert client.get(ME).json()["office_code"] == "TB"


def test_the_switcher_refuses_someone_elses_or_an_ended_membership(
    as_user: AsUser,
    alice: User,
    bob: User,
    network: Network,
) -> None:
    ended = Membership.objects.create(
        user=alice, office=network.consulate_b, role=Role.CONSULAR_OFFICER, is_active=False
    )
    client = as_user(alice)
    bobs = Membership.objects.get(user=bob)

    assert client.post("/cuenta/representacion/", {"membership": bobs.pk}).status_code == 404
    assert client.post("/cuenta/representacion/", {"membership": ended.pk}).status_code == 404
    assert client.post("/cuenta/representacion/", {"membership": "x"}).status_code == 404
    assert client.get(ME).json()["office_code"] == "TA"


def test_the_personas_fixture_session_is_what_the_flow_produces(
    client: Client, alice: User, device: TOTPDevice
) -> None:
    submit_password(client, "alice")
    client.post(SECOND_FACTOR, {"otp_token": code_for(device)})
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_requests_within_a_minute_do_not_rewrite_the_session(as_user: AsUser, alice: User) -> None:
    client = as_user(alice)
    client.get("/")
    session = Session.objects.get()
    first_expiry = session.expire_date
    start = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(seconds=30)):
        assert client.get("/").status_code == 200
    assert Session.objects.get().expire_date == first_expiry
    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(seconds=90)):
        assert client.get("/").status_code == 200
    assert Session.objects.get().expire_date > first_expiry


@pytest.mark.django_db
def test_an_anonymous_visit_creates_no_session(client: Client) -> None:
    client.get(LOGIN)
    assert not Session.objects.exists()
