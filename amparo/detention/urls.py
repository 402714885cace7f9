from django.urls import path, re_path

from amparo.detention.views import advisories, detentions, facilities, overview, reports, visits

app_name = "detention"
urlpatterns = [
    path("", overview.overview, name="overview"),
    path("sin-visita/", overview.not_seen, name="not_seen"),
    path("centros/", facilities.facility_list, name="facilities"),
    path("centros/importar/", facilities.facility_import, name="facility_import"),
    path("centros/<int:pk>/", facilities.facility_detail, name="facility"),
    path("detenciones/nueva/", detentions.detention_create, name="detention_create"),
    path("detenciones/importar/", detentions.detention_import, name="detention_import"),
    path("detenciones/<int:pk>/", detentions.detention_detail, name="detention"),
    path(
        "detenciones/<int:pk>/traslado/", detentions.detention_transfer, name="detention_transfer"
    ),
    path("detenciones/<int:pk>/conclusion/", detentions.detention_end, name="detention_end"),
    path("visitas/", visits.visit_list, name="visits"),
    path("visitas/<int:pk>/", visits.visit_detail, name="visit"),
    path("visitas/<int:pk>/hoja/", visits.visit_sheet, name="visit_sheet"),
    path("visitas/<int:pk>/bitacora/", visits.visit_log, name="visit_log"),
    path("visitas/<int:pk>/cancelar/", visits.visit_cancel, name="visit_cancel"),
    path("seguimientos/<int:pk>/atendido/", visits.follow_up_done, name="follow_up_done"),
    path("asesorias/", advisories.advisory_quick, name="advisories"),
    path("informe/", reports.report, name="report"),
    re_path(r"^informe\.(?P<extension>csv|xlsx)$", reports.report, name="report_file"),
    path("calendario/<str:token>.ics", reports.officer_calendar, name="calendar"),
]
