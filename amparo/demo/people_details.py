"""Details of synthetic people beyond their names: address abroad in the office's
jurisdiction, phone, A-number, languages. Drawn from their own generator (seeded from the
block's), so adding details leaves the names of every seed as they were."""

import random
from collections import defaultdict

from amparo.network.models import JurisdictionArea, Office
from amparo.people.models import INDIGENOUS_LANGUAGES, Language, Person

PHONE_SHARE = 0.75
A_NUMBER_SHARE = 0.35
ADDRESS_SHARE = 0.8
APPROXIMATE_BIRTH_SHARE = 0.05
ENGLISH_SHARE = 0.25
INDIGENOUS_SHARE = 0.06
# Fictional 555-01xx numbers in real area codes of large Mexican communities.
AREA_CODES = ("213", "323", "312", "713", "214", "210", "602", "408", "404", "305", "718")
INDIGENOUS = sorted(INDIGENOUS_LANGUAGES - {Language.OTHER})

Areas = dict[int, list[tuple[str, str, str]]]


def areas_by_office() -> Areas:
    """{office id: [(country, region, county name)]} for offices that cover areas."""
    areas: Areas = defaultdict(list)
    rows = JurisdictionArea.objects.order_by("code").values_list(
        "office_id", "country", "region", "name"
    )
    for office_id, country, region, name in rows:
        areas[office_id].append((country, region, name))
    regions = Office.objects.values_list("pk", "country", "region")
    for office_id, country, region in regions:
        if office_id not in areas and country in ("US", "CA"):
            areas[office_id].append((country, region, ""))
    return dict(areas)


def us_phone(rng: random.Random) -> str:
    """A plausible US number, nearly always one nobody else in the demo has: people's phones
    are mostly unique in life, and the caller-history lookup must be measured on such data
    (fictional 555-01xx numbers gave 1,100 distinct phones for a million people)."""
    exchange = rng.randrange(200, 1000)
    if exchange % 100 == 11 or exchange == 555:  # N11 service codes and fictional 555
        exchange += 1
    return f"+1{rng.choice(AREA_CODES)}{exchange}{rng.randrange(10_000):04d}"


def add_details(rng: random.Random, people: list[Person], areas: Areas) -> None:
    for person in people:
        choices = areas.get(person.office_id or 0)
        if choices and rng.random() < ADDRESS_SHARE:
            country, region, county = rng.choice(choices)
            person.address_country, person.address_state = country, region[:2]
            person.address_county = county
        if rng.random() < PHONE_SHARE:
            person.phone = us_phone(rng)
        if rng.random() < A_NUMBER_SHARE:
            person.a_number = f"{rng.randrange(200_000_000, 240_000_000):09d}"
        if person.date_of_birth and rng.random() < APPROXIMATE_BIRTH_SHARE:
            person.date_of_birth_is_approximate = True
        languages = [Language.SPANISH.value]
        if rng.random() < ENGLISH_SHARE:
            languages.append(Language.ENGLISH.value)
        if rng.random() < INDIGENOUS_SHARE:
            languages.append(str(rng.choice(INDIGENOUS)))
        person.languages = languages
