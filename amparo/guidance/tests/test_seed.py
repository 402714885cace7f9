from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from amparo.accounts.models import User
from amparo.guidance.models import GuidanceScript, GuidanceScriptVersion
from amparo.guidance.seed import load_guidance_seed
from amparo.guidance.seed_content import SEED_SCRIPTS
from amparo.guidance.selectors import scripts_for_topic
from amparo.hotline.topics import CallTopic

pytestmark = pytest.mark.django_db


def test_every_topic_has_at_least_one_seed_script() -> None:
    assert {seed.topic for seed in SEED_SCRIPTS} == set(CallTopic)


def test_loading_twice_creates_each_script_once() -> None:
    assert load_guidance_seed() == len(SEED_SCRIPTS)
    out = StringIO()
    call_command("load_guidance", stdout=out)
    assert out.getvalue().strip() == "Guías creadas: 0"
    assert GuidanceScript.objects.count() == len(SEED_SCRIPTS)
    assert GuidanceScriptVersion.objects.filter(is_current=True).count() == len(SEED_SCRIPTS)


def test_the_detention_rights_script_is_found_without_accents() -> None:
    load_guidance_seed()
    rights = scripts_for_topic(CallTopic.DETENTION_DEPORTATION, "derechos detencion")[0]
    assert "Convención de Viena" in rights.body
    assert "artículo 36" in rights.body
    locator = scripts_for_topic(CallTopic.LOCATE_RELATIVE, "numero a")[0]
    assert "ambos apellidos" in locator.body


def test_a_search_beside_the_call_form_finds_every_topic_the_calls_first() -> None:
    """ "ICE" typed while the call is about documents still finds how to locate a detainee."""
    load_guidance_seed()
    titles = [v.script.title for v in scripts_for_topic(CallTopic.CONSULAR_PROCEDURES, "ICE")]
    assert "Cómo localizar a una persona detenida" in titles
    found = scripts_for_topic(CallTopic.LOCATE_RELATIVE, "ICE")
    topics = [v.script.topic for v in found]
    assert topics[0] == CallTopic.LOCATE_RELATIVE and len(set(topics)) > 1
    assert topics == sorted(topics, key=lambda topic: topic != CallTopic.LOCATE_RELATIVE)
    # Without a search, the panel shows the call's topic only.
    assert {v.script.topic for v in scripts_for_topic(CallTopic.LOCATE_RELATIVE)} == {
        CallTopic.LOCATE_RELATIVE
    }


def test_an_operator_opens_every_seed_script(as_user, olga: User) -> None:
    load_guidance_seed()
    client = as_user(olga)
    for seed in SEED_SCRIPTS:
        page = client.get(reverse("guidance:detail", args=[seed.slug]))
        assert page.status_code == 200, seed.slug
        assert "<ul><li>" in page.text, seed.slug
