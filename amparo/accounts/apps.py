from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "amparo.accounts"
    label = "accounts"
    verbose_name = _("Cuentas")

    def ready(self) -> None:
        # Models can only be imported once the app registry is ready.
        from amparo.accounts.access import register_scoped_model
        from amparo.accounts.models import Membership

        # Memberships are scoped like any office-owned record, so a head of office
        # manages only the memberships of their own office through the same rules.
        register_scoped_model(Membership, office_lookup="office_id")
