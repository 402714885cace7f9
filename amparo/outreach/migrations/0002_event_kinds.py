from django.db import migrations

# The kinds the ministry reports in 2025 (seeds 000 and 003). Central office adds more.
KINDS = [
    ("campaign_event", "Evento «Conoce y ejerce tus derechos»", "“Know and exercise your rights” event", "rights_campaign"),
    ("workshop_rights", "Taller: derechos sin importar la situación migratoria", "Workshop: rights regardless of immigration status", "rights_campaign"),
    ("workshop_migratory_diagnosis", "Taller de diagnóstico migratorio", "Workshop: immigration status check", "rights_campaign"),
    ("workshop_daca", "Taller para personas beneficiarias de DACA", "Workshop for DACA recipients", "rights_campaign"),
    ("workshop_vaim", "Taller para mujeres en riesgo de violencia familiar (VAIM)", "Workshop for women at risk of family violence (VAIM)", "rights_campaign"),
    ("workshop_labour", "Taller de derechos laborales", "Workshop: labour rights", "rights_campaign"),
    ("open_door", "Reunión de puertas abiertas con la persona titular", "Open-door meeting with the head of office", "open_door"),
    ("legal_advice_week", "Sesión de la Semana de Asesorías Legales Externas", "External legal-advice week session", "legal_advice_week"),
    ("mobile_consulate", "Jornada de consulado móvil", "Mobile consulate day", "mobile_consulate"),
]


def add_kinds(apps, schema_editor):
    EventKind = apps.get_model("outreach", "EventKind")
    for position, (code, name_es, name_en, program) in enumerate(KINDS, start=1):
        EventKind.objects.update_or_create(
            code=code,
            defaults={"name_es": name_es, "name_en": name_en, "program": program, "position": position * 10},
        )


class Migration(migrations.Migration):
    dependencies = [("outreach", "0001_events")]
    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
