import factory

from amparo.network.models import Office, OfficeKind


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
