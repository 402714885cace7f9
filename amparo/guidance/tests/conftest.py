import pytest

from amparo.accounts.actor import Actor
from amparo.accounts.models import User
from amparo.guidance.models import GuidanceScript
from amparo.guidance.services import script_create, script_version_create
from amparo.hotline.topics import CallTopic


def actor_of(user: User) -> Actor:
    return Actor(user=user, membership=user.memberships.get())


@pytest.fixture
def admin_actor(adan: User) -> Actor:
    return actor_of(adan)


@pytest.fixture
def rights_script(admin_actor: Actor) -> GuidanceScript:
    """A detention script with v1 published and v2 published on top of it."""
    script = script_create(
        slug="derechos-detencion",
        topic=CallTopic.DETENTION_DEPORTATION,
        title="Derechos en la detención",
        body="Puede guardar silencio.\n\n- No firme nada que no entienda.",
        language="es-mx",
        change_note="Primera versión",
        publish=True,
        actor=admin_actor,
    )
    script_version_create(
        script=script,
        body="Puede guardar silencio y pedir un abogado.\n\n- No firme nada que no entienda.",
        language="es-mx",
        change_note="Agrega el derecho a un abogado",
        publish=True,
        actor=admin_actor,
    )
    return script
