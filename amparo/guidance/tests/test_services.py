import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from amparo.accounts.actor import Actor
from amparo.accounts.models import User
from amparo.audit.models import AccessRecord, Action
from amparo.guidance.models import GuidanceScript, GuidanceScriptVersion
from amparo.guidance.selectors import current_version_of, scripts_for_topic
from amparo.guidance.services import (
    script_create,
    script_restore,
    script_retire,
    script_version_create,
    script_version_publish,
)
from amparo.guidance.tests.conftest import actor_of
from amparo.hotline.topics import CallTopic

pytestmark = pytest.mark.django_db


def test_publishing_v2_keeps_v1_readable_and_makes_v2_current(
    rights_script: GuidanceScript,
) -> None:
    v1, v2 = rights_script.versions.order_by("number")
    assert (v1.number, v2.number) == (1, 2)
    assert v1.body == "Puede guardar silencio.\n\n- No firme nada que no entienda."
    assert v1.published_at is not None and not v1.is_current
    assert v2.is_current
    assert current_version_of(rights_script) == v2


def test_a_draft_is_not_shown_until_published(
    rights_script: GuidanceScript, admin_actor: Actor
) -> None:
    draft = script_version_create(
        script=rights_script, body="Texto nuevo", language="es-mx", actor=admin_actor
    )
    assert draft.number == 3
    assert draft.published_at is None
    assert [v.number for v in scripts_for_topic(CallTopic.DETENTION_DEPORTATION)] == [2]

    script_version_publish(version=draft, actor=admin_actor)

    assert [v.number for v in scripts_for_topic(CallTopic.DETENTION_DEPORTATION)] == [3]
    assert GuidanceScriptVersion.objects.filter(script=rights_script, is_current=True).count() == 1


def test_an_older_draft_cannot_replace_a_newer_current_version(
    rights_script: GuidanceScript, admin_actor: Actor
) -> None:
    old_draft = script_version_create(
        script=rights_script, body="Borrador viejo", language="es-mx", actor=admin_actor
    )
    script_version_create(
        script=rights_script, body="Más nuevo", language="es-mx", publish=True, actor=admin_actor
    )
    with pytest.raises(ValidationError):
        script_version_publish(version=old_draft, actor=admin_actor)
    old_draft.refresh_from_db()
    assert old_draft.published_at is None
    assert current_version_of(rights_script).body == "Más nuevo"  # type: ignore[union-attr]


def test_each_language_has_its_own_current_version(
    rights_script: GuidanceScript, admin_actor: Actor
) -> None:
    english = script_version_create(
        script=rights_script,
        body="You have the right to remain silent.",
        language="en",
        publish=True,
        actor=admin_actor,
    )
    assert current_version_of(rights_script, "en") == english
    assert current_version_of(rights_script, "es-mx").language == "es-mx"  # type: ignore[union-attr]


def test_retiring_hides_a_script_and_restoring_shows_it(
    rights_script: GuidanceScript, admin_actor: Actor
) -> None:
    script_retire(script=rights_script, actor=admin_actor)
    assert scripts_for_topic(CallTopic.DETENTION_DEPORTATION) == []
    assert rights_script.versions.count() == 2

    script_restore(script=rights_script, actor=admin_actor)
    assert len(scripts_for_topic(CallTopic.DETENTION_DEPORTATION)) == 1


def test_an_officer_cannot_write_a_script(alice: User, adan: User) -> None:
    with pytest.raises(PermissionDenied):
        script_create(
            slug="x",
            topic=CallTopic.OTHER,
            title="X",
            body="Texto",
            language="es-mx",
            actor=actor_of(alice),
        )
    assert not GuidanceScript.objects.exists()


def test_an_invalid_first_version_leaves_no_half_written_script(admin_actor: Actor) -> None:
    with pytest.raises(ValidationError):
        script_create(
            slug="vacia",
            topic=CallTopic.OTHER,
            title="Vacía",
            body="   ",
            language="es-mx",
            actor=admin_actor,
        )
    assert not GuidanceScript.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("slug", "panel"), ("slug", "con espacios"), ("topic", "nope"), ("language", "fr")],
)
def test_it_rejects_bad_input(admin_actor: Actor, field: str, value: str) -> None:
    data: dict[str, str] = {
        "slug": "valida",
        "topic": CallTopic.OTHER,
        "title": "Título",
        "body": "Texto",
        "language": "es-mx",
    } | {field: value}
    with pytest.raises(ValidationError):
        script_create(
            slug=data["slug"],
            topic=data["topic"],
            title=data["title"],
            body=data["body"],
            language=data["language"],
            actor=admin_actor,
        )
    assert not GuidanceScript.objects.exists()


def test_every_write_is_in_the_access_trail(
    rights_script: GuidanceScript, admin_actor: Actor
) -> None:
    script_retire(script=rights_script, actor=admin_actor)
    records = AccessRecord.objects.filter(username="adan")
    assert records.filter(action=Action.CREATE, target_type="guidance.guidancescript").count() == 1
    assert (
        records.filter(action=Action.CREATE, target_type="guidance.guidancescriptversion").count()
        == 2
    )
    assert records.filter(action=Action.UPDATE, reason="retire").count() == 1
