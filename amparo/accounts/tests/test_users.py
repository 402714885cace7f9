"""Managing users and memberships: who may do what, through the pages and the services."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_totp.models import TOTPDevice

from amparo.accounts.actor import Actor, resolve_actor
from amparo.accounts.models import Membership, Role, User
from amparo.accounts.services import membership_add, second_factor_reset, user_create
from amparo.accounts.tests.codes import AsUser
from amparo.accounts.tests.factories import MembershipFactory, confirmed_totp_device
from amparo.audit.models import AccessRecord, Action
from amparo.conftest import Network

USERS = "/cuenta/usuarios/"
NEW_USER = "/cuenta/usuarios/nuevo/"


def actor_of(user: User) -> Actor:
    actor = resolve_actor(user, None)
    assert actor is not None
    return actor


def new_user_data(office_pk: int, role: str = Role.CONSULAR_OFFICER, **extra: str) -> dict:
    return {
        "username": "nuevo.oficial",
        "first_name": "Nora",
        "last_name": "Nava",
        "email": "nora@example.org",
        "password": "Una-contraseña-larga-2026",
        "password_confirmation": "Una-contraseña-larga-2026",
        "office": str(office_pk),
        "role": role,
        **extra,
    }


# Who sees the pages ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("username", "status"),
    [("adan", 200), ("carla", 200), ("alice", 403), ("ana", 403), ("aurora", 403)],
)
def test_only_central_administration_and_heads_of_office_reach_user_management(
    as_user: AsUser, request: pytest.FixtureRequest, username: str, status: int
) -> None:
    request.getfixturevalue("alice")  # someone to list besides the caller
    response = as_user(request.getfixturevalue(username)).get(USERS)

    assert response.status_code == status
    if status == 403:
        assert "administran usuarios" in response.content.decode()


def test_the_navigation_shows_users_only_to_those_who_manage_them(
    as_user: AsUser,
    carla: User,
    alice: User,
) -> None:
    assert 'href="/cuenta/usuarios/"' in as_user(carla).get("/").content.decode()
    assert 'href="/cuenta/usuarios/"' not in as_user(alice).get("/").content.decode()


def test_a_head_of_office_lists_only_their_office_and_central_lists_everyone(
    as_user: AsUser,
    adan: User,
    carla: User,
    alice: User,
    bob: User,
) -> None:
    carla_list = as_user(carla).get(USERS)
    listed = {u.username for u in carla_list.context["page"].object_list}
    assert listed == {"alice", "carla"}

    adan_list = {u.username for u in as_user(adan).get(USERS).context["page"].object_list}
    assert {"alice", "bob", "carla", "adan"} <= adan_list
    assert AccessRecord.objects.filter(action=Action.LIST, username="carla").exists()


def test_a_head_of_office_cannot_open_a_user_of_another_office(
    as_user: AsUser,
    carla: User,
    adan: User,
    bob: User,
) -> None:
    assert as_user(carla).get(f"{USERS}{bob.pk}/").status_code == 404
    assert as_user(adan).get(f"{USERS}{bob.pk}/").status_code == 200


# Creating users --------------------------------------------------------------------------------
def test_a_head_of_office_creates_an_officer_in_their_office(
    as_user: AsUser,
    carla: User,
    network: Network,
) -> None:
    response = as_user(carla).post(NEW_USER, new_user_data(network.consulate_a.pk))

    assert response.status_code == 302
    created = User.objects.get(username="nuevo.oficial")
    assert created.check_password("Una-contraseña-larga-2026")
    membership = created.memberships.get()
    assert (membership.office, membership.role) == (network.consulate_a, Role.CONSULAR_OFFICER)
    assert not TOTPDevice.objects.filter(user=created).exists()  # enrolls at first sign-in
    assert AccessRecord.objects.filter(
        action=Action.CREATE, target_type="accounts.user", target_id=str(created.pk)
    ).exists()


def test_a_head_of_office_cannot_create_users_in_another_office(
    as_user: AsUser,
    carla: User,
    adan: User,
    network: Network,
) -> None:
    response = as_user(carla).post(NEW_USER, new_user_data(network.consulate_b.pk))

    assert response.status_code == 403
    assert "su propia representación" in response.content.decode()
    assert not User.objects.filter(username="nuevo.oficial").exists()

    assert as_user(adan).post(NEW_USER, new_user_data(network.consulate_b.pk)).status_code == 302


@pytest.mark.parametrize(
    "role", [Role.CENTRAL_ADMIN, Role.CENTRAL_ANALYST, Role.AUDITOR, Role.HEAD_OF_OFFICE]
)
def test_a_head_of_office_cannot_grant_central_audit_or_head_roles(
    as_user: AsUser,
    carla: User,
    network: Network,
    role: Role,
) -> None:
    response = as_user(carla).post(NEW_USER, new_user_data(network.consulate_a.pk, role=role))

    assert response.status_code == 403
    assert "No puede otorgar ese rol" in response.content.decode()
    assert not User.objects.filter(username="nuevo.oficial").exists()


def test_central_administration_grants_central_roles(
    as_user: AsUser,
    adan: User,
    network: Network,
) -> None:
    data = new_user_data(network.headquarters.pk, role=Role.CENTRAL_ANALYST)
    assert as_user(adan).post(NEW_USER, data).status_code == 302
    assert Membership.objects.get(user__username="nuevo.oficial").role == Role.CENTRAL_ANALYST


def test_bad_input_is_a_clear_400_and_writes_nothing(
    as_user: AsUser,
    carla: User,
    alice: User,
    network: Network,
) -> None:
    client = as_user(carla)
    cases = {
        "ya existe": new_user_data(network.consulate_a.pk, username="alice"),
        "no coinciden": new_user_data(
            network.consulate_a.pk, password_confirmation="otra-cosa-123456"
        ),
        "demasiado corta": new_user_data(
            network.consulate_a.pk, password="corta1", password_confirmation="corta1"
        ),
    }
    users_before = User.objects.count()
    for message, data in cases.items():
        response = client.post(NEW_USER, data)
        assert response.status_code == 400, message
        assert message in response.content.decode().lower(), message
    assert User.objects.count() == users_before
    assert not AccessRecord.objects.filter(action=Action.CREATE).exists()


# Memberships -----------------------------------------------------------------------------------
def test_a_head_adds_a_membership_in_their_office_but_not_elsewhere(
    as_user: AsUser,
    carla: User,
    alice: User,
    network: Network,
) -> None:
    client = as_user(carla)
    url = f"{USERS}{alice.pk}/membresias/"

    forbidden = client.post(url, {"office": network.consulate_b.pk, "role": Role.CONSULAR_OFFICER})
    assert forbidden.status_code == 403
    allowed = client.post(url, {"office": network.consulate_a.pk, "role": Role.EXTERNAL_LAWYER})
    assert allowed.status_code == 302

    assert set(alice.memberships.values_list("office__code", "role")) == {
        ("TA", Role.CONSULAR_OFFICER),
        ("TA", Role.EXTERNAL_LAWYER),
    }


def test_adding_a_membership_twice_is_a_clear_error(
    as_user: AsUser,
    carla: User,
    alice: User,
    network: Network,
) -> None:
    response = as_user(carla).post(
        f"{USERS}{alice.pk}/membresias/",
        {"office": network.consulate_a.pk, "role": Role.CONSULAR_OFFICER},
    )
    assert response.status_code == 400
    assert "ya tiene ese rol" in response.content.decode()


def test_a_head_deactivates_a_membership_of_their_office_but_not_of_another(
    as_user: AsUser,
    carla: User,
    alice: User,
    bob: User,
) -> None:
    client = as_user(carla)
    alices = Membership.objects.get(user=alice)
    bobs = Membership.objects.get(user=bob)

    assert client.post(f"/cuenta/membresias/{bobs.pk}/baja/").status_code == 404
    assert client.post(f"/cuenta/membresias/{alices.pk}/baja/").status_code == 302

    alices.refresh_from_db()
    bobs.refresh_from_db()
    assert (alices.is_active, bobs.is_active) == (False, True)
    assert as_user(alice).get("/").status_code == 403  # no membership left


def test_nobody_deactivates_the_membership_they_act_under(
    as_user: AsUser,
    carla: User,
) -> None:
    own = Membership.objects.get(user=carla)
    response = as_user(carla).post(f"/cuenta/membresias/{own.pk}/baja/")
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.is_active


def test_a_deactivated_membership_can_be_granted_again_by_central_administration(
    adan: User, alice: User, network: Network
) -> None:
    alices = Membership.objects.get(user=alice)
    alices.is_active = False
    alices.save()

    again = membership_add(
        user=alice, office=network.consulate_a, role=Role.CONSULAR_OFFICER, actor=actor_of(adan)
    )
    assert again.pk == alices.pk
    assert again.is_active


# Second factor reset ---------------------------------------------------------------------------
def test_a_head_resets_the_second_factor_of_their_staff_who_then_enrolls_again(
    as_user: AsUser,
    carla: User,
    alice: User,
    bob: User,
) -> None:
    confirmed_totp_device(alice)
    confirmed_totp_device(bob)
    alice_session = as_user(alice)
    client = as_user(carla)

    assert client.post(f"{USERS}{bob.pk}/segundo-factor/restablecer/").status_code == 404
    assert client.post(f"{USERS}{alice.pk}/segundo-factor/restablecer/").status_code == 302

    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert TOTPDevice.objects.filter(user=bob).exists()
    assert alice_session.get("/").status_code == 302  # her open session lost its second factor
    assert AccessRecord.objects.filter(
        action=Action.UPDATE, reason="restablecimiento de segundo factor", target_id=str(alice.pk)
    ).exists()


def test_nobody_resets_their_own_second_factor(as_user: AsUser, carla: User) -> None:
    confirmed_totp_device(carla)
    response = as_user(carla).post(f"{USERS}{carla.pk}/segundo-factor/restablecer/")
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=carla).exists()


def test_a_head_cannot_reset_someone_who_also_holds_a_central_role(
    carla: User, adan: User, network: Network
) -> None:
    MembershipFactory(user=adan, office=network.consulate_a, role=Role.CONSULAR_OFFICER)
    confirmed_totp_device(adan)
    with pytest.raises(PermissionDenied):
        second_factor_reset(user=adan, actor=actor_of(carla))
    assert TOTPDevice.objects.filter(user=adan).exists()


# Services check the actor on their own ---------------------------------------------------------
def test_services_refuse_actors_who_do_not_manage_users(alice: User, network: Network) -> None:
    with pytest.raises(PermissionDenied):
        user_create(
            username="x.y",
            first_name="X",
            last_name="Y",
            email="",
            password="Larga-y-segura-2026",
            office=network.consulate_a,
            role=Role.CONSULAR_OFFICER,
            actor=actor_of(alice),
        )
    assert not User.objects.filter(username="x.y").exists()


def test_a_head_cannot_pull_a_user_of_another_office_into_theirs(
    carla: User, bob: User, network: Network
) -> None:
    with pytest.raises(PermissionDenied):
        membership_add(
            user=bob, office=network.consulate_a, role=Role.CONSULAR_OFFICER, actor=actor_of(carla)
        )
    assert bob.memberships.count() == 1


def test_staff_who_do_not_manage_users_cannot_open_anyone_not_even_a_colleague(
    as_user: AsUser, alice: User, carla: User
) -> None:
    assert as_user(alice).get(f"{USERS}{carla.pk}/").status_code == 404
    assert as_user(carla).get(f"{USERS}{alice.pk}/").status_code == 200


def test_the_user_list_does_not_query_once_per_user(
    as_user: AsUser, adan: User, network: Network
) -> None:
    client = as_user(adan)
    with CaptureQueriesContext(connection) as few:
        client.get(USERS)
    for number in range(10):
        Membership.objects.create(
            user=User.objects.create(username=f"extra{number}"),
            office=network.consulate_b,
            role=Role.CONSULAR_OFFICER,
        )
    with CaptureQueriesContext(connection) as many:
        client.get(USERS)
    assert len(many) == len(few)


# Staff who left the office ---------------------------------------------------------------------
def test_a_head_has_no_power_over_staff_whose_membership_in_the_office_ended(
    as_user: AsUser, carla: User, alice: User, network: Network
) -> None:
    confirmed_totp_device(alice)
    Membership.objects.filter(user=alice).update(is_active=False)
    client = as_user(carla)

    assert client.get(f"{USERS}{alice.pk}/").status_code == 404
    assert client.post(f"{USERS}{alice.pk}/segundo-factor/restablecer/").status_code == 404
    granted = client.post(
        f"{USERS}{alice.pk}/membresias/",
        {"office": network.consulate_a.pk, "role": Role.CONSULAR_OFFICER},
    )
    assert granted.status_code == 404
    assert (
        client.post(
            f"{USERS}{alice.pk}/contrasena/restablecer/",
            {"password": "Temporal-Larga-2026", "password_confirmation": "Temporal-Larga-2026"},
        ).status_code
        == 404
    )
    assert TOTPDevice.objects.filter(user=alice).exists()
    assert not Membership.objects.filter(user=alice, is_active=True).exists()
    with pytest.raises(PermissionDenied):
        second_factor_reset(user=alice, actor=actor_of(carla))
    assert as_user(carla).get(USERS).content.decode().count(alice.username) == 0


# Passwords set by someone else -----------------------------------------------------------------
TEMPORARY = "Temporal-Larga-2026"


def test_a_head_sets_a_temporary_password_that_must_be_changed_at_sign_in(
    as_user: AsUser, carla: User, alice: User
) -> None:
    alice_session = as_user(alice)
    response = as_user(carla).post(
        f"{USERS}{alice.pk}/contrasena/restablecer/",
        {"password": TEMPORARY, "password_confirmation": TEMPORARY},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(TEMPORARY) and alice.must_change_password
    assert alice_session.get("/").status_code == 302  # her open session ended
    assert AccessRecord.objects.filter(
        action=Action.UPDATE, reason="restablecimiento de contraseña", target_id=str(alice.pk)
    ).exists()

    client = as_user(alice)
    assert client.get("/").url == "/cuenta/contrasena/"  # type: ignore[attr-defined]
    assert client.get("/casos/").status_code == 302
    refused = client.get("/api/v1/cases")
    assert refused.status_code == 403 and "contraseña" in refused.json()["detail"]
    page = client.get("/cuenta/contrasena/")
    assert "la fijó otra persona" in page.content.decode()
    changed = client.post(
        "/cuenta/contrasena/",
        {"current": TEMPORARY, "new": "Mi-Propia-Clave-2026", "repeated": "Mi-Propia-Clave-2026"},
    )
    assert changed.status_code == 302
    alice.refresh_from_db()
    assert not alice.must_change_password
    assert client.get("/").status_code == 200


def test_a_new_account_changes_the_initial_password_at_first_sign_in(
    carla: User, network: Network
) -> None:
    user = user_create(
        username="nuevo.oficial",
        first_name="Nora",
        last_name="Nava",
        email="",
        password=TEMPORARY,
        office=network.consulate_a,
        role=Role.CONSULAR_OFFICER,
        actor=actor_of(carla),
    )
    assert user.must_change_password


def test_a_temporary_password_is_validated_and_nobody_resets_their_own(
    as_user: AsUser, carla: User, alice: User
) -> None:
    client = as_user(carla)
    weak = client.post(
        f"{USERS}{alice.pk}/contrasena/restablecer/",
        {"password": "corta", "password_confirmation": "corta"},
    )
    assert weak.status_code == 400
    assert "demasiado corta" in weak.content.decode()
    own = client.post(
        f"{USERS}{carla.pk}/contrasena/restablecer/",
        {"password": TEMPORARY, "password_confirmation": TEMPORARY},
    )
    assert own.status_code == 403
    alice.refresh_from_db()
    carla.refresh_from_db()
    assert not alice.must_change_password and not carla.must_change_password
