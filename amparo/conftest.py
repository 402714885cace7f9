"""Shared personas for every test: two consulates and one user per role.

alice: consular officer of consulate A · bob: consular officer of consulate B ·
carla: head of office A · olga: CIAM hotline operator · luis: PALE lawyer ·
ana: central analyst · adan: central administrator · aurora: auditor.
"""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from pytest_django.fixtures import Settings

from amparo.accounts.models import Membership, Role, User
from amparo.accounts.sessions import mark_fresh
from amparo.accounts.tests.factories import MembershipFactory, UserFactory, confirmed_totp_device
from amparo.network.models import JurisdictionArea, Office, OfficeKind
from amparo.network.selectors import invalidate_jurisdiction
from amparo.network.tests.factories import OfficeFactory
from amparo.notifications.tests.push_service import FakePushService
from amparo.notifications.tests.push_service import running as push_service_running


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Settings) -> None:
    """Tests hash many passwords; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """What one test cached (a provider's history under an id the next test reuses, the
    offices the jurisdiction map names) must not answer the next one."""
    yield
    cache.clear()
    invalidate_jurisdiction()


@dataclass
class Network:
    consulate_a: Office
    consulate_b: Office
    ciam: Office
    headquarters: Office


@pytest.fixture
def network(db: None) -> Network:
    return Network(
        consulate_a=OfficeFactory.create(
            code="TA", slug="consulado-a", name="Consulado A", region="TX"
        ),
        consulate_b=OfficeFactory.create(
            code="TB",
            slug="consulado-b",
            name="Consulado B",
            region="CA",
            city="Fresno",
            time_zone="America/Los_Angeles",
            latitude=36.74,
            longitude=-119.79,
        ),
        ciam=OfficeFactory.create(
            code="TCIAM",
            slug="ciam-prueba",
            name="CIAM",
            kind=OfficeKind.CONTACT_CENTER,
            region="AZ",
            city="Tucson",
            time_zone="America/Phoenix",
        ),
        headquarters=OfficeFactory.create(
            code="TSRE",
            slug="sre-prueba",
            name="SRE",
            kind=OfficeKind.HEADQUARTERS,
            country="MX",
            region="CMX",
            city="Ciudad de México",
            time_zone="America/Mexico_City",
        ),
    )


@pytest.fixture
def los_angeles_and_orange(network: Network) -> None:
    """Los Angeles and Orange counties at their shipped registry centres, consulate B's and
    consulate A's: the nearest centre to Long Beach (Los Angeles County) is Orange's."""
    for code, name, latitude, longitude, office in (
        ("US-CA-LOS-ANGELES", "Los Angeles County", 34.0714, -118.2547, network.consulate_b),
        ("US-CA-ORANGE", "Orange County", 33.7285, -117.8467, network.consulate_a),
    ):
        JurisdictionArea.objects.create(code=code, country="US", region="CA", name=name,
                                        latitude=latitude, longitude=longitude, office=office)  # fmt: skip
    invalidate_jurisdiction()


def _member(username: str, office: Office, role: Role) -> User:
    user = UserFactory.create(username=username)
    MembershipFactory.create(user=user, office=office, role=role)
    return user


@pytest.fixture
def alice(network: Network) -> User:
    return _member("alice", network.consulate_a, Role.CONSULAR_OFFICER)


@pytest.fixture
def bob(network: Network) -> User:
    return _member("bob", network.consulate_b, Role.CONSULAR_OFFICER)


@pytest.fixture
def carla(network: Network) -> User:
    return _member("carla", network.consulate_a, Role.HEAD_OF_OFFICE)


@pytest.fixture
def olga(network: Network) -> User:
    return _member("olga", network.ciam, Role.HOTLINE_OPERATOR)


@pytest.fixture
def luis(network: Network) -> User:
    return _member("luis", network.consulate_a, Role.EXTERNAL_LAWYER)


@pytest.fixture
def ana(network: Network) -> User:
    return _member("ana", network.headquarters, Role.CENTRAL_ANALYST)


@pytest.fixture
def adan(network: Network) -> User:
    return _member("adan", network.headquarters, Role.CENTRAL_ADMIN)


@pytest.fixture
def aurora(network: Network) -> User:
    return _member("aurora", network.headquarters, Role.AUDITOR)


def login_verified(client: Client, user: User, membership: Membership | None = None) -> Client:
    """Sign `user` in as if they had passed password and TOTP (the login flow itself is
    tested end to end in accounts/tests and in the browser test)."""
    device = confirmed_totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    mark_fresh(session)  # as the sign-in request leaves it
    if membership is not None:
        from amparo.accounts.actor import ACTIVE_MEMBERSHIP_SESSION_KEY

        session[ACTIVE_MEMBERSHIP_SESSION_KEY] = membership.pk
    session.save()
    return client


@pytest.fixture
def as_user(client: Client):  # type: ignore[no-untyped-def]
    """as_user(alice) → a test client signed in (with second factor) as alice."""

    def sign_in(user: User, membership: Membership | None = None) -> Client:
        fresh = Client()
        return login_verified(fresh, user, membership)

    return sign_in


@pytest.fixture
def push_service(settings: Settings) -> Iterator[FakePushService]:
    """A Web Push service on 127.0.0.1 (and the only host the server may post to)."""
    settings.AMPARO_PUSH_SERVICE_HOSTS = ["127.0.0.1"]
    yield from push_service_running()
