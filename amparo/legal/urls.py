from django.urls import path, re_path

from amparo.legal import follow_up_views, provider_views, public_views, views

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
    path("contratos/<int:pk>/renovar/", provider_views.contract_renew, name="contract_renew"),
    path("contratos/<int:pk>/estatus/", provider_views.contract_status, name="contract_status"),
    path(
        "proveedores/<int:pk>/colegiaciones/",
        provider_views.bar_admission_add,
        name="bar_admission_add",
    ),
    path(
        "colegiaciones/<int:pk>/verificar/",
        provider_views.bar_admission_verify,
        name="bar_admission_verify",
    ),
    path(
        "colegiaciones/<int:pk>/borrar/",
        provider_views.bar_admission_remove,
        name="bar_admission_remove",
    ),
    path("proveedores/<int:pk>/contactos/", provider_views.contact_add, name="contact_add"),
    path("contactos/<int:pk>/borrar/", provider_views.contact_remove, name="contact_remove"),
    path("contratos/<int:pk>/ledes.txt", views.contract_ledes, name="contract_ledes"),
    path("facturas/<int:pk>/decision/", views.invoice_decide, name="invoice_decide"),
    path("portal/<int:pk>/documentos/", follow_up_views.document_upload, name="document_upload"),
    path(
        "canalizaciones/<int:pk>/documentos/", follow_up_views.document_share, name="document_share"
    ),
    path("documentos/<int:pk>/", follow_up_views.document_download, name="document"),
    path(
        "contratos/<int:pk>/documentos/",
        follow_up_views.contract_document_add,
        name="contract_document_add",
    ),
    path(
        "contratos/documentos/<int:pk>/",
        follow_up_views.contract_document,
        name="contract_document",
    ),
    path("pena-capital/", follow_up_views.capital_deadlines, name="capital"),
    path("informe/", follow_up_views.report, name="report"),
    re_path(r"^informe\.(?P<extension>csv|xlsx)$", follow_up_views.report, name="report_file"),
]

public_urlpatterns = (
    [
        path("", public_views.directory_page, name="directory"),
        path("directorio.json", public_views.directory_json, name="directory_json"),
    ],
    "legal_public",
)
