"""Loading the initial guidance scripts. Idempotent: a script whose slug already exists is
left untouched, so central office edits are never overwritten."""

from django.db import transaction

from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.guidance.models import GuidanceScript, ScriptLanguage
from amparo.guidance.seed_content import SEED_SCRIPTS
from amparo.guidance.services import add_version

SEED_NOTE = "Contenido inicial"


def load_guidance_seed() -> int:
    """Create and publish every seed script that does not exist yet; returns how many."""
    existing = set(GuidanceScript.objects.values_list("slug", flat=True))
    created = 0
    for seed in SEED_SCRIPTS:
        if seed.slug in existing:
            continue
        with transaction.atomic():
            script = GuidanceScript(slug=seed.slug, topic=seed.topic, title=seed.title)
            script.full_clean()
            script.save()
            add_version(
                script=script,
                body=seed.body,
                language=ScriptLanguage.SPANISH,
                change_note=SEED_NOTE,
                author=None,
                publish=True,
            )
            audit_record(actor=None, action=Action.CREATE, target=script, reason="load_guidance")
        created += 1
    return created
