from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "amparo.cases"
    label = "cases"
    verbose_name = _("Casos de protección")

    def ready(self) -> None:
        # Imported here: models may only load once the app registry is ready.
        from amparo.accounts.access import register_scoped_model
        from amparo.cases.models import Case, CaseAttachment, CaseTransfer

        register_scoped_model(Case, office_lookup="office_id")
        register_scoped_model(CaseAttachment, office_lookup="case__office_id")
        # A transfer is scoped to the office that must decide on it: the receiving office
        # sees the pending request (never the case itself) until it accepts.
        register_scoped_model(CaseTransfer, office_lookup="to_office_id")
