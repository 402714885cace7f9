"""Synthetic Mexican nationals for demos and load tests: `generate_people`.

One person per 2025 protection case at scale 1.0. Names, sexes, ages, birth states and
offices are drawn from the frequency tables below (all weights relative and approximate);
rows depend only on (seed, index), so reruns resume and larger scales top up.
"""

import random
import unicodedata
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from amparo.demo.people_details import add_details, areas_by_office
from amparo.demo.progress import (
    DemoDataError,
    ProgressFactory,
    cumulative,
    dataset_fill,
    dataset_prepare,
    no_progress,
)
from amparo.network.models import Office, OfficeKind
from amparo.people.models import Person

# Changing a table's order or weights changes the generated people for every seed.
# fmt: off
# Surnames: head of the distribution after RENAPO/INEGI surname counts (per-mille, rounded),
# then a tail of common surnames at low weight.
SURNAMES: tuple[tuple[str, float], ...] = (
    ("Hernández", 33), ("García", 24), ("Martínez", 21), ("López", 19), ("González", 18),
    ("Pérez", 14), ("Rodríguez", 14), ("Sánchez", 13), ("Ramírez", 12), ("Cruz", 9),
    ("Flores", 8), ("Gómez", 8), ("Morales", 7), ("Vázquez", 7), ("Reyes", 7),
    ("Jiménez", 6), ("Torres", 6), ("Díaz", 6), ("Gutiérrez", 6), ("Ruiz", 5),
    ("Mendoza", 5), ("Aguilar", 5), ("Ortiz", 5), ("Moreno", 5), ("Castillo", 5),
    ("Romero", 4), ("Álvarez", 4), ("Méndez", 4), ("Chávez", 4), ("Rivera", 4),
    ("Juárez", 4), ("Ramos", 4), ("Domínguez", 4), ("Herrera", 4), ("Medina", 4),
    ("Castro", 3), ("Vargas", 3), ("Guzmán", 3), ("Velázquez", 3), ("Muñoz", 3),
    ("Rojas", 3), ("Contreras", 3), ("Salazar", 3), ("Luna", 3), ("Ortega", 3),
    ("Cervantes", 2), ("Peña", 2), ("Núñez", 2), ("Ibarra", 2), ("Estrada", 2),
    ("Delgado", 2), ("Sandoval", 2), ("Ríos", 2), ("Acosta", 2), ("Navarro", 2),
    ("Espinoza", 2), ("Valdez", 2), ("Campos", 2), ("Guerrero", 2), ("Fuentes", 2),
    ("Cortés", 2), ("Santiago", 2), ("Lara", 2), ("Soto", 2), ("Zúñiga", 1.5),
    ("Rosales", 1.5), ("Maldonado", 1.5), ("Cárdenas", 1.5), ("Ávila", 1.5), ("Solís", 1.5),
    ("Pacheco", 1.5), ("Bautista", 1.5), ("Carrillo", 1.5), ("Ochoa", 1.5), ("Valencia", 1.5),
    ("Nava", 1.5), ("Meza", 1.5), ("Trejo", 1), ("Arellano", 1), ("Ayala", 1),
    ("Cisneros", 1), ("Cabrera", 1), ("Mejía", 1), ("Escobar", 1), ("Padilla", 1),
    ("Robles", 1), ("Barrera", 1), ("Galván", 1), ("Quintero", 1), ("Villanueva", 1),
    ("Beltrán", 1), ("Zamora", 1), ("Montes", 1), ("Pineda", 1), ("Ponce", 1),
    ("Rangel", 1), ("Hidalgo", 1), ("Tapia", 1), ("Arias", 1), ("Sosa", 1),
    ("Cuevas", 1), ("Ángeles", 1), ("Jaramillo", 1), ("Alvarado", 1), ("Salinas", 1),
    ("Rubio", 1), ("Osorio", 1), ("Andrade", 1), ("Gallegos", 1), ("Ibáñez", 0.8),
    ("Benítez", 0.8), ("Márquez", 0.8), ("Villegas", 0.8), ("Vega", 0.8), ("Olvera", 0.8),
    ("Bravo", 0.8), ("Figueroa", 0.8), ("Corona", 0.8), ("Tovar", 0.8), ("Escamilla", 0.8),
    ("Mújica", 0.5), ("Briseño", 0.5), ("Peñaloza", 0.5), ("Yáñez", 0.5), ("Xicoténcatl", 0.2),
    ("Cuauhtle", 0.2), ("Tzompa", 0.2), ("Quiñones", 0.5), ("Avendaño", 0.5), ("Magaña", 0.5),
)

# Given names by sex. Compound names ("María Guadalupe", "José Luis") are very common among
# adults registered in the 1960s-1990s; the weights are an approximation of RENAPO lists.
FEMALE_GIVEN_NAMES: tuple[tuple[str, float], ...] = (
    ("María Guadalupe", 30), ("Guadalupe", 14), ("María", 14), ("Juana", 10),
    ("Rosa María", 9), ("María de Jesús", 9), ("Margarita", 8), ("Verónica", 8),
    ("Leticia", 7), ("Patricia", 7), ("Elizabeth", 7), ("Alejandra", 7), ("Gabriela", 7),
    ("Adriana", 6), ("Ana María", 6), ("Martha", 6), ("Yolanda", 6), ("Claudia", 6),
    ("Silvia", 5), ("Araceli", 5), ("María Elena", 5), ("Maribel", 5), ("Diana", 5),
    ("Karla", 4), ("Fernanda", 4), ("Ximena", 3), ("Valeria", 4), ("Daniela", 4),
    ("Andrea", 4), ("Sofía", 3), ("Camila", 3), ("Mariana", 4), ("Brenda", 4),
    ("Norma Angélica", 4), ("Teresa", 4), ("Lucía", 3), ("Itzel", 3), ("Citlali", 2),
    ("Xóchitl", 2), ("Yesenia", 3), ("Mónica", 4), ("Sandra", 4), ("Rocío", 4),
    ("Alicia", 3), ("Beatriz", 3), ("Blanca Estela", 3), ("Ana Laura", 3), ("Luz María", 4),
    ("María del Carmen", 6), ("María Isabel", 4), ("Josefina", 3), ("Esperanza", 3),
    ("Érika", 3), ("Nayeli", 2), ("Jazmín", 2), ("Reyna", 2), ("Irma", 3), ("Angélica", 3),
)
MALE_GIVEN_NAMES: tuple[tuple[str, float], ...] = (
    ("José Luis", 24), ("Juan", 18), ("José", 16), ("Juan Carlos", 12), ("Miguel Ángel", 14),
    ("Francisco", 12), ("Jesús", 12), ("Antonio", 10), ("Alejandro", 10), ("Pedro", 8),
    ("Manuel", 8), ("Ricardo", 7), ("Javier", 8), ("Fernando", 7), ("Roberto", 7),
    ("Jorge", 7), ("Eduardo", 7), ("Daniel", 7), ("Martín", 7), ("Sergio", 6),
    ("Arturo", 6), ("Raúl", 6), ("Óscar", 6), ("Rafael", 6), ("Salvador", 5),
    ("Rubén", 5), ("Juan Manuel", 6), ("José Antonio", 6), ("Luis Fernando", 4),
    ("Carlos", 8), ("Héctor", 5), ("Ramón", 4), ("Efraín", 3), ("Gerardo", 5),
    ("Víctor Manuel", 4), ("Jesús Alberto", 3), ("Alfredo", 4), ("Andrés", 4),
    ("Santiago", 3), ("Mateo", 2), ("Diego", 4), ("Emiliano", 2), ("Ángel", 4),
    ("Iván", 3), ("Omar", 4), ("Hugo", 3), ("Leonardo", 3), ("Gustavo", 3),
    ("Israel", 3), ("Abraham", 2), ("Ernesto", 3), ("Julio César", 4), ("Cuauhtémoc", 1),
    ("Joaquín", 2), ("Guillermo", 3), ("Agustín", 2), ("Benjamín", 2), ("Rogelio", 3),
    ("Rodolfo", 3), ("Felipe", 3), ("Ignacio", 3), ("Mario", 4), ("Enrique", 4),
    ("Juan José", 4), ("José Manuel", 4), ("Luis Ángel", 3), ("Brayan", 2), ("Germán", 2),
)

# Sex split of the protection caseload: mostly men (detention, labour, deportation cases).
# Codes are amparo.people.models.Sex values.
SEXES: tuple[tuple[str, float], ...] = (("M", 61.5), ("F", 38.0), ("U", 0.4), ("X", 0.1))

# Age bands (inclusive years, weight): working ages dominate; minors are a visible minority
# (unaccompanied and accompanied children), older adults a small tail.
AGE_BANDS: tuple[tuple[tuple[int, int], float], ...] = (
    ((0, 11), 4), ((12, 17), 6), ((18, 24), 12), ((25, 34), 25),
    ((35, 44), 24), ((45, 54), 16), ((55, 64), 8), ((65, 80), 5),
)

# Birth state as ISO 3166-2:MX subdivision codes without the "MX-" prefix (3 letters; the
# same scheme as Office.region for Mexico, e.g. "CMX"). Weights follow the traditional
# emigration states (Michoacán, Jalisco, Guanajuato...) per matrícula issuance by state of
# origin; approximate.
BIRTH_STATES: tuple[tuple[str, float], ...] = (
    ("MIC", 11), ("JAL", 11), ("GUA", 10), ("GRO", 6), ("OAX", 6), ("PUE", 6),
    ("MEX", 6), ("ZAC", 5), ("VER", 5), ("CHH", 4), ("SLP", 4), ("HID", 4),
    ("DUR", 3), ("MOR", 3), ("CMX", 3), ("CHP", 2), ("NLE", 2), ("COA", 2),
    ("TAM", 2), ("SON", 2), ("SIN", 2), ("BCN", 2), ("NAY", 2), ("AGU", 1.5),
    ("QUE", 1.5), ("TLA", 0.8), ("COL", 0.8), ("TAB", 0.5), ("YUC", 0.4), ("ROO", 0.3),
    ("CAM", 0.2), ("BCS", 0.2),
)

# Share of people recorded with a single surname (foundlings, registrations by one parent).
NO_SECOND_SURNAME_SHARE = 0.04

# Relative size of the Mexican community each US office serves (approximate: Mexican-born
# population of the consular district, ACS 2019-2023, in tens of thousands). Keys are city
# names folded to lowercase ASCII without spaces; aliases cover Spanish and English forms.
US_OFFICE_WEIGHTS: dict[str, float] = {
    "losangeles": 150, "chicago": 90, "houston": 85, "dallas": 75, "sanantonio": 45,
    "phoenix": 55, "nuevayork": 50, "newyork": 50, "sandiego": 40, "santaana": 45,
    "sanbernardino": 45, "atlanta": 35, "denver": 28, "sacramento": 25, "sanjose": 25,
    "sanfrancisco": 20, "fresno": 28, "lasvegas": 25, "seattle": 22,
    "raleigh": 22, "austin": 18, "elpaso": 20, "mcallen": 20, "laredo": 12,
    "brownsville": 12, "oxnard": 15, "portland": 15, "saltlakecity": 12, "albuquerque": 12,
    "miami": 10, "orlando": 12, "indianapolis": 12, "kansascity": 12, "omaha": 8,
    "saintpaul": 9, "stpaul": 9, "milwaukee": 9, "detroit": 9, "filadelfia": 12,
    "philadelphia": 12, "newbrunswick": 12, "boston": 7, "boise": 7, "oklahomacity": 9,
    "littlerock": 7, "nuevaorleans": 6, "neworleans": 6, "tucson": 12, "nogales": 5,
    "yuma": 5, "douglas": 2, "calexico": 7, "delrio": 3, "eaglepass": 3, "presidio": 1,
    "sanjuan": 1, "washington": 10, "washingtondc": 3,
}
US_DEFAULT_WEIGHT = 5.0

# Outside the US (3% of cases): Canada's consulates carry most of it (temporary farm
# workers around Leamington, Toronto, Montreal, Vancouver); embassies a little each, more
# where Mexican communities or transit migration are larger (Guatemala, Spain, Europe).
OTHER_OFFICE_WEIGHTS: dict[str, float] = {
    "toronto": 10, "montreal": 7, "vancouver": 7, "leamington": 6, "calgary": 4,
    "ottawa": 3, "ciudaddeguatemala": 3, "madrid": 3, "londres": 2, "berlin": 2, "paris": 2,
}
CANADA_DEFAULT_WEIGHT = 3.0
OTHER_DEFAULT_WEIGHT = 1.0
US_SHARE = 0.97
# fmt: on

# The SRE's 2025 communiqué: 176,827 protection cases; scale 1.0 makes one person per case.
PEOPLE_PER_SCALE = 176_827
DATASET = "people"
ACCENTLESS_SHARE = 0.03  # names typed on US keyboards lose accents and ñ (search must cope)
NO_DATE_OF_BIRTH_SHARE = 0.02
NO_BIRTH_STATE_SHARE = 0.05
# Ages are as of mid-2025, the profile year, so output does not drift with the calendar.
REFERENCE_DATE = date(2025, 7, 1)
ELIGIBLE_KINDS = (
    OfficeKind.CONSULATE,
    OfficeKind.CONSULATE_GENERAL,
    OfficeKind.CONSULAR_SECTION,
    OfficeKind.EMBASSY,
)

_SEX_VALUES, _SEX_CUM = cumulative(SEXES)
_FEMALE, _FEMALE_CUM = cumulative(FEMALE_GIVEN_NAMES)
_MALE, _MALE_CUM = cumulative(MALE_GIVEN_NAMES)
_SURNAMES, _SURNAME_CUM = cumulative(SURNAMES)
_BANDS, _BAND_CUM = cumulative(AGE_BANDS)
_STATES, _STATE_CUM = cumulative(BIRTH_STATES)
_DAYS_PER_YEAR = 365.2425


def people_target(scale: float) -> int:
    return round(PEOPLE_PER_SCALE * scale)


def fold(text: str) -> str:
    """Fold a city name ("San José" -> "sanjose") to lowercase ASCII letters and digits."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()


def office_weights() -> list[tuple[int, float]]:
    """(office id, weight) for every office that takes cases, US offices holding US_SHARE."""
    open_in_2025 = Q(active_until__isnull=True) | Q(active_until__gte=REFERENCE_DATE)
    offices = (
        Office.objects.filter(open_in_2025, kind__in=ELIGIBLE_KINDS)
        .order_by("code")
        .values_list("pk", "country", "city")
    )
    us: list[tuple[int, float]] = []
    other: list[tuple[int, float]] = []
    for pk, country, city in offices:
        if country == "US":
            us.append((pk, US_OFFICE_WEIGHTS.get(fold(city), US_DEFAULT_WEIGHT)))
        else:
            default = CANADA_DEFAULT_WEIGHT if country == "CA" else OTHER_DEFAULT_WEIGHT
            other.append((pk, OTHER_OFFICE_WEIGHTS.get(fold(city), default)))
    if not us or not other:
        return us or other
    us_total = sum(w for _pk, w in us)
    other_total = sum(w for _pk, w in other)
    return [(pk, w / us_total * US_SHARE) for pk, w in us] + [
        (pk, w / other_total * (1 - US_SHARE)) for pk, w in other
    ]


def generate_people(
    *,
    scale: float,
    seed: int = 2025,
    batch_size: int = 5000,
    progress: ProgressFactory = no_progress,
) -> int:
    """Write the "people" demo dataset up to `scale`; returns how many people this call added."""
    target = people_target(scale)
    if target < 1:
        raise DemoDataError(_("La escala es demasiado pequeña: no generaría ninguna persona."))
    weights = office_weights()
    if not weights:
        raise DemoDataError(
            _(
                "No hay consulados, secciones consulares ni embajadas registrados: "
                "cargue primero la red consular."
            )
        )
    office_ids, office_cum = cumulative(weights)
    areas = areas_by_office()
    dataset = dataset_prepare(name=DATASET, seed=seed, scale=scale, target=target)

    def make_block(rng: random.Random, first_index: int, count: int) -> list[Person]:
        people = _people_block(rng, count, office_ids, office_cum)
        add_details(random.Random(rng.getrandbits(64)), people, areas)  # noqa: S311 - demo data
        return people

    return dataset_fill(
        dataset=dataset,
        model=Person,
        make_block=make_block,
        batch_size=batch_size,
        progress=progress,
        label=_("Personas"),
    )


def _people_block(
    rng: random.Random, count: int, office_ids: list, office_cum: list[float]
) -> list[Person]:
    sexes = rng.choices(_SEX_VALUES, cum_weights=_SEX_CUM, k=count)
    female = rng.choices(_FEMALE, cum_weights=_FEMALE_CUM, k=count)
    male = rng.choices(_MALE, cum_weights=_MALE_CUM, k=count)
    first = rng.choices(_SURNAMES, cum_weights=_SURNAME_CUM, k=count)
    second = rng.choices(_SURNAMES, cum_weights=_SURNAME_CUM, k=count)
    bands = rng.choices(_BANDS, cum_weights=_BAND_CUM, k=count)
    states = rng.choices(_STATES, cum_weights=_STATE_CUM, k=count)
    offices = rng.choices(office_ids, cum_weights=office_cum, k=count)
    today = REFERENCE_DATE.toordinal()
    people = []
    for i in range(count):
        sex = sexes[i]
        # Unknown or non-binary sex: alternate the name pools.
        use_female = sex == "F" or (sex != "M" and i % 2 == 1)
        given = female[i] if use_female else male[i]
        surname_1, surname_2 = first[i], second[i]
        if rng.random() < NO_SECOND_SURNAME_SHARE:
            surname_2 = ""
        if rng.random() < ACCENTLESS_SHARE:
            given, surname_1, surname_2 = (
                _unaccented(given),
                _unaccented(surname_1),
                _unaccented(surname_2),
            )
        youngest, oldest = bands[i]
        age_days = rng.randrange(int(youngest * _DAYS_PER_YEAR), int((oldest + 1) * _DAYS_PER_YEAR))
        born = date.fromordinal(today - age_days)
        people.append(
            Person(
                office_id=offices[i],
                given_names=given,
                first_surname=surname_1,
                second_surname=surname_2,
                date_of_birth=None if rng.random() < NO_DATE_OF_BIRTH_SHARE else born,
                sex=sex,
                birth_state="" if rng.random() < NO_BIRTH_STATE_SHARE else states[i],
            )
        )
    return people


def _unaccented(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
