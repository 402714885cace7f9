from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "amparo.audit"
    label = "audit"
    verbose_name = _("audit")

    def ready(self) -> None:
        from amparo.accounts.access import access_denied
        from amparo.audit.services import audit_denied_access

        access_denied.connect(audit_denied_access, dispatch_uid="audit-denied-access")
