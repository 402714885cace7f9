from django.urls import path

from amparo.alerts import enrol_views, public_views, views

app_name = "alerts"
urlpatterns = [
    path("", views.board, name="board"),
    path("filas/", views.board_rows, name="board_rows"),
    path("plazo/", views.set_ack_minutes, name="ack_minutes"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/acuse/", views.acknowledge, name="acknowledge"),
    path("<int:pk>/resultado/", views.record_outcome, name="outcome"),
    path("<int:pk>/cierre/", views.close, name="close"),
    path("<int:pk>/cap.xml", views.cap_xml, name="cap"),
    path("inscribir/", enrol_views.enrol, name="enrol"),
    path("inscripciones/<int:pk>/", enrol_views.registrant, name="registrant"),
    path("inscripciones/<int:pk>/contactos/", enrol_views.contact_add, name="contact_add"),
    path("inscripciones/<int:pk>/activacion/", enrol_views.activation_qr, name="activation_qr"),
    path("inscripciones/<int:pk>/baja/", enrol_views.end, name="end"),
    path("contactos/<int:pk>/borrar/", enrol_views.contact_remove, name="contact_remove"),
    path("telefonos/<int:pk>/revocar/", enrol_views.device_revoke, name="device_revoke"),
]

public_urlpatterns = (
    [
        path("", public_views.app, name="app"),
        path("activar/", public_views.activate, name="activate"),
        path("instalar/", public_views.install, name="install"),
        path("inscribirme/", public_views.enrol, name="enrol"),
        path("contactos/", public_views.contacts, name="contacts"),
        path("aviso-de-privacidad/", public_views.notice, name="notice"),
        path("manifest.webmanifest", public_views.manifest, name="manifest"),
        path("sw.js", public_views.service_worker, name="service_worker"),
        path("estado/<str:token>/", public_views.family_status, name="family"),
    ],
    "alerts_public",
)
