"""The kinds of event the ministry reports for 2025 (seeds 000 and 003). Central office adds
more through the service; these are loaded by the data migration, the demo and tests."""

from typing import Any

# (code, Spanish name, English name, programme)
EVENT_KINDS = [
    ("campaign_event", "Evento «Conoce y ejerce tus derechos»", "“Know and exercise your rights” event", "rights_campaign"),
    ("workshop_rights", "Taller: derechos sin importar la situación migratoria", "Workshop: rights regardless of immigration status", "rights_campaign"),
    ("workshop_migratory_diagnosis", "Taller de diagnóstico migratorio", "Workshop: immigration status check", "rights_campaign"),
    ("workshop_daca", "Taller para personas beneficiarias de DACA", "Workshop for DACA recipients", "rights_campaign"),
    ("workshop_vaim", "Taller para mujeres en riesgo de violencia familiar (VAIM)", "Workshop for women at risk of family violence (VAIM)", "rights_campaign"),
    ("workshop_labour", "Taller de derechos laborales", "Workshop: labour rights", "rights_campaign"),
    ("open_door", "Reunión de puertas abiertas con la persona titular", "Open-door meeting with the head of office", "open_door"),
    ("legal_advice_week", "Sesión de la Semana de Asesorías Legales Externas", "External legal-advice week session", "legal_advice_week"),
    ("mobile_consulate", "Jornada de consulado móvil", "Mobile consulate day", "mobile_consulate"),
]  # fmt: skip


def load_event_kinds(*, model: Any = None) -> int:
    """Create the missing kinds; return how many were added. Takes the model class so a
    data migration can pass its historical model."""
    if model is None:
        from amparo.outreach.models import EventKind

        model = EventKind
    added = 0
    for position, (code, name_es, name_en, program) in enumerate(EVENT_KINDS, start=1):
        _kind, created = model.objects.get_or_create(
            code=code,
            defaults={
                "name_es": name_es,
                "name_en": name_en,
                "program": program,
                "position": position * 10,
            },
        )
        added += int(created)
    return added
