from django.urls import path

from amparo.outreach import public_views, views

app_name = "outreach"
urlpatterns = [
    path("", views.list_events, name="list"),
    path("nuevo/", views.create_event, name="create"),
    path("importar/", views.import_events, name="import"),
    path("importar/plantilla.csv", views.import_template, name="import_template"),
    path("tipos/", views.kinds, name="kinds"),
    path("informe/", views.report, name="report"),
    path("informe/mapa.svg", views.report_map, name="report_map"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/editar/", views.edit_event, name="edit"),
    path("<int:pk>/enviar/", views.submit_event, name="submit"),
    path("<int:pk>/aprobar/", views.approve_event, name="approve"),
    path("<int:pk>/cancelar/", views.cancel_event, name="cancel"),
    path("<int:pk>/asistencia/", views.record_reach, name="reach"),
]

public_urlpatterns = (
    [
        path("<slug:slug>/", public_views.office_events, name="office"),
        path("<slug:slug>/calendario.ics", public_views.office_calendar, name="calendar"),
        path("e/<str:code>/", public_views.event_page, name="event"),
        path("e/<str:code>/opinion/", public_views.event_feedback, name="feedback"),
    ],
    "outreach_public",
)
