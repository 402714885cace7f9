"""Demo staff: one user per role with a documented password and TOTP secret.

Every demo user has a real, confirmed TOTP device: the second factor is never switched
off, the secret is simply published so anyone can add it to an authenticator app (or run
`manage.py demo_totp <username>`). Never load these users on a real deployment.
"""

import logging
from base64 import b32decode
from dataclasses import dataclass

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from amparo.accounts.models import Membership, Role, User
from amparo.network.models import Office

logger = logging.getLogger(__name__)

DEMO_PASSWORD = "Amparo-Demo-2026"  # noqa: S105 - published on purpose, demo only
DEMO_DEVICE_NAME = "Demo"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    totp_secret: str  # base32, as typed into an authenticator app
    memberships: tuple[tuple[str, Role], ...]  # (office code, role)


@dataclass(frozen=True)
class DemoAccount:
    """One demo membership as created, for printing and documentation."""

    username: str
    role: str
    office_code: str
    password: str
    totp_secret: str


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("demo.admin", "Adriana", "Central", "GULBJV4NEAIW47UH3DV5I4TYPSFUFTGG",
             (("SRE", Role.CENTRAL_ADMIN),)),
    DemoUser("demo.analista", "Andrés", "Análisis", "76PXXJBAAHOHR7HH77YO6NRD73ZF24WF",
             (("SRE", Role.CENTRAL_ANALYST),)),
    DemoUser("demo.auditoria", "Aurora", "Auditoría", "CHW2VPD43JAOR6ETV4EKEFSW4EDKCCLV",
             (("SRE", Role.AUDITOR),)),
    DemoUser("demo.ciam", "Olga", "Operadora", "NT4QTMQLJYPNGSOA3UZNWZFZPX26TBOO",
             (("CIAM", Role.HOTLINE_OPERATOR),)),
    DemoUser("demo.titular.lax", "Carla", "Titular", "XM5EYFZQRLKGUUQGRVJM7UAFJSITVT6G",
             (("LAX", Role.HEAD_OF_OFFICE),)),
    DemoUser("demo.consular.lax", "Alicia", "Funcionaria", "BXAZU3FAF4HWVWYNI2YSZQSV2FGP5OEL",
             (("LAX", Role.CONSULAR_OFFICER),)),
    DemoUser("demo.consular.chi", "Bruno", "Funcionario", "KA3QOIXDMW3RL6FTVEUJGMWJLLXKGVMA",
             (("CHI", Role.CONSULAR_OFFICER),)),
    DemoUser("demo.pale.lax", "Luis", "Abogado", "BEGKOO2PYK5XPTXMJENISL37GOPMHB6X",
             (("LAX", Role.EXTERNAL_LAWYER),)),
    DemoUser("demo.consular.texas", "Teresa", "Itinerante", "CLFA2EKFHAQAXJQE2DLB5VPFWWJLL3PF",
             (("HOU", Role.CONSULAR_OFFICER), ("DAL", Role.CONSULAR_OFFICER))),
)  # fmt: skip


def demo_user(username: str) -> DemoUser | None:
    return next((demo for demo in DEMO_USERS if demo.username == username), None)


def secret_to_hex(secret: str) -> str:
    return b32decode(secret).hex()


class _DemoPassword:
    """The demo password's hash, computed once per run and shared by every demo user (they
    share the documented password anyway): hashing is deliberately slow, and nine hashes
    plus nine checks made `seed_demo` spend half a minute on nine users."""

    def __init__(self) -> None:
        self._hash = ""

    def is_set_on(self, user: User) -> bool:
        if self._hash and user.password == self._hash:
            return True
        if not user.password:  # just created (check_password would hash to hide timing)
            return False
        if check_password(DEMO_PASSWORD, user.password):
            self._hash = self._hash or user.password
            return True
        return False

    @property
    def hash(self) -> str:
        self._hash = self._hash or make_password(DEMO_PASSWORD)
        return self._hash


def _ensure_user(demo: DemoUser, password: _DemoPassword) -> User:
    user, _ = User.objects.get_or_create(
        username=demo.username,
        defaults={
            "first_name": demo.first_name,
            "last_name": demo.last_name,
            "email": f"{demo.username}@demo.amparo.invalid",
        },
    )
    if not user.is_active or not password.is_set_on(user):
        user.password = password.hash
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
    key = secret_to_hex(demo.totp_secret)
    device, created = TOTPDevice.objects.get_or_create(
        user=user, name=DEMO_DEVICE_NAME, defaults={"key": key, "confirmed": True}
    )
    if not created and (device.key != key or not device.confirmed):
        device.key, device.confirmed = key, True
        device.save(update_fields=["key", "confirmed"])
    return user


def ensure_demo_users() -> list[DemoAccount]:
    """Create or restore the demo users (idempotent). A membership whose office is not
    loaded yet is skipped with a warning; run again after loading the network."""
    accounts: list[DemoAccount] = []
    with transaction.atomic():
        offices = {
            office.code: office
            for office in Office.objects.filter(
                code__in={code for demo in DEMO_USERS for code, _ in demo.memberships}
            )
        }
        password = _DemoPassword()
        for demo in DEMO_USERS:
            user = _ensure_user(demo, password)
            for code, role in demo.memberships:
                office = offices.get(code)
                if office is None:
                    logger.warning("Demo membership skipped: office %s is not loaded", code)
                    continue
                membership, _ = Membership.objects.get_or_create(
                    user=user, office=office, role=role
                )
                if not membership.is_active:
                    membership.is_active = True
                    membership.save(update_fields=["is_active"])
                accounts.append(
                    DemoAccount(
                        username=demo.username,
                        role=role.value,
                        office_code=code,
                        password=DEMO_PASSWORD,
                        totp_secret=demo.totp_secret,
                    )
                )
    return accounts
