from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "amparo.people"
    label = "people"
    verbose_name = _("Personas")

    def ready(self) -> None:
        # Models can only be imported once the app registry is ready.
        from amparo.accounts.access import register_scoped_model
        from amparo.people.models import Contact, IdentityDocument, Person, PersonMerge

        register_scoped_model(Person, office_lookup="office_id")
        register_scoped_model(IdentityDocument, office_lookup="person__office_id")
        register_scoped_model(Contact, office_lookup="person__office_id")
        register_scoped_model(PersonMerge, office_lookup="survivor__office_id")
