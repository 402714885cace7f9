"""The seed catalog of materias and subtypes (domain.md §2) and its idempotent loader.

Central administration edits the catalog afterwards; loading again only adds what is
missing and never renames or revives what an administrator changed or retired.
"""

from typing import Any

# (code, Spanish label, [(subtype code, Spanish label), ...]). Codes never change; labels may.
CATALOG: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "ADMINISTRATIVO",
        "Administrativo",
        [
            ("LOCALIZACION", "Localización de connacionales"),
            ("PRESUNCION_NACIONALIDAD", "Presunción de nacionalidad"),
            ("RECUPERACION_VALORES", "Recuperación de valores"),
            ("RESTOS", "Identificación y traslado de restos"),
            ("REPATRIACION_PACIENTES", "Repatriación de personas enfermas"),
            ("REPATRIACION_VULNERABLES", "Repatriación de personas vulnerables o en indigencia"),
            ("APOYO_ECONOMICO", "Apoyo económico"),
            ("DOCUMENTOS_MEXICANOS", "Documentos mexicanos"),
            ("OTRO", "Otro asunto administrativo"),
        ],
    ),
    (
        "DERECHOS_HUMANOS",
        "Derechos humanos",
        [
            ("VIOLACIONES_AUTORIDADES", "Violaciones por parte de autoridades"),
            ("ABUSO_PENITENCIARIO", "Abuso por personal penitenciario"),
            ("OTRO", "Otro asunto de derechos humanos"),
        ],
    ),
    (
        "LABORAL",
        "Laboral",
        [
            ("LESIONES_LABORALES", "Lesiones laborales"),
            ("SALARIOS_NO_PAGADOS", "Salarios no pagados"),
            ("INDEMNIZACIONES", "Indemnizaciones"),
            ("ACOSO_LABORAL", "Acoso laboral"),
            ("OTRO", "Otro asunto laboral"),
        ],
    ),
    (
        "MIGRATORIO",
        "Migratorio",
        [
            ("MENORES_NO_ACOMPANADOS", "Menores en custodia o no acompañados"),
            ("DETENCION_DEPORTACION", "Detención y deportación"),
            ("REPATRIACION_ALR_PRIM", "Repatriación (ALR / PRIM)"),
            ("OTRO", "Otro asunto migratorio"),
        ],
    ),
    (
        "PENAL",
        "Penal",
        [
            ("VISITAS_CARCELARIAS", "Visitas a cárceles y prisiones"),
            ("PENA_CAPITAL", "Pena de muerte (MCLAP)"),
            ("TRASLADO_REOS", "Traslado de personas sentenciadas"),
            ("OTRO", "Otro asunto penal"),
        ],
    ),
    (
        "CIVIL_FAMILIAR",
        "Civil y familiar",
        [
            ("PENSION_ALIMENTICIA", "Pensión alimenticia"),
            ("CUSTODIA", "Custodia"),
            ("SUCESIONES", "Sucesiones"),
            ("DEMANDAS_CIVILES", "Demandas civiles"),
            ("SUSTRACCION_INTERNACIONAL", "Sustracción internacional de menores (La Haya)"),
            ("MENORES_CPS", "Menores bajo servicios de protección infantil"),
            ("OTRO", "Otro asunto civil o familiar"),
        ],
    ),
]


def load_case_taxonomy(*, materia_model: Any = None, subtype_model: Any = None) -> int:
    """Create the catalog's missing materias and subtypes; return how many rows were added.

    Takes the model classes so a data migration can pass its historical models."""
    if materia_model is None or subtype_model is None:
        from amparo.cases.models import Materia, Subtype

        materia_model, subtype_model = Materia, Subtype
    added = 0
    for materia_position, (code, label, subtypes) in enumerate(CATALOG, start=1):
        materia, created = materia_model.objects.get_or_create(
            code=code, defaults={"label": label, "position": materia_position * 10}
        )
        added += int(created)
        for subtype_position, (subtype_code, subtype_label) in enumerate(subtypes, start=1):
            _, created = subtype_model.objects.get_or_create(
                materia=materia,
                code=subtype_code,
                defaults={"label": subtype_label, "position": subtype_position * 10},
            )
            added += int(created)
    return added
