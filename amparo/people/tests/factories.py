import factory

from amparo.network.tests.factories import OfficeFactory
from amparo.people.models import Person, Sex


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    office = factory.SubFactory(OfficeFactory)
    given_names = factory.Sequence(lambda n: f"Persona{n}")
    first_surname = "Hernández"
    second_surname = "López"
    sex = Sex.FEMALE
    birth_state = "MIC"
