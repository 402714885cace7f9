import factory

from amparo.network.models import JurisdictionArea, Office, OfficeKind


class OfficeFactory(factory.django.DjangoModelFactory[Office]):
    class Meta:
        model = Office
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"T{n:03d}")
    slug = factory.Sequence(lambda n: f"test-office-{n}")
    kind = OfficeKind.CONSULATE
    name = factory.Sequence(lambda n: f"Consulado de prueba {n}")
    country = "US"
    region = "TX"
    city = "Austin"
    time_zone = "America/Chicago"
    latitude = 30.27
    longitude = -97.74


class JurisdictionAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JurisdictionArea
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"US-TX-TEST-{n}")
    country = "US"
    region = "TX"
    name = factory.Sequence(lambda n: f"Test {n} County")
    latitude = 30.33
    longitude = -97.78
    office = factory.SubFactory(OfficeFactory)
