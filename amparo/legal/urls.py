from django.urls import path

from amparo.legal import public_views, views

app_name = "legal"
urlpatterns = [
    path("", views.referrals, name="referrals"),
    path("canalizar/", views.referral_create, name="referral_create"),
    path("canalizaciones/<int:pk>/", views.referral_detail, name="referral"),
    path("canalizaciones/<int:pk>/revocar/", views.referral_revoke, name="referral_revoke"),
    path("portal/", views.portal, name="portal"),
    path("portal/<int:pk>/", views.portal_referral, name="portal_referral"),
    path("proveedores/", views.providers, name="providers"),
    path("proveedores/<int:pk>/", views.provider_detail, name="provider"),
    path("contratos/<int:pk>/tarifas/", views.fee_set, name="fee_set"),
    path("contratos/<int:pk>/ledes.txt", views.contract_ledes, name="contract_ledes"),
    path("facturas/<int:pk>/decision/", views.invoice_decide, name="invoice_decide"),
]

public_urlpatterns = (
    [
        path("", public_views.directory_page, name="directory"),
        path("directorio.json", public_views.directory_json, name="directory_json"),
    ],
    "legal_public",
)
