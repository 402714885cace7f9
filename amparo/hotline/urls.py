from django.urls import path

from amparo.hotline.views import callbacks, calls, escalations, supervision

app_name = "hotline"
urlpatterns = [
    path("", calls.home, name="home"),
    path("llamadas/", calls.calls, name="calls"),
    path("llamadas/nueva/", calls.new_call, name="new_call"),
    path("llamadas/historial/", calls.history, name="history"),
    path("llamadas/<int:pk>/", calls.call_detail, name="call_detail"),
    path("llamadas/de-persona/<int:person_pk>/", calls.person_calls, name="person_calls"),
    path("llamadas/<int:pk>/escalar/", escalations.escalate, name="escalate"),
    path("llamadas/<int:pk>/devolucion/", callbacks.schedule_callback, name="schedule_callback"),
    path("escalamientos/", escalations.escalations, name="escalations"),
    path("escalamientos/<int:pk>/acuse/", escalations.acknowledge, name="acknowledge"),
    path("devoluciones/", callbacks.callbacks, name="callbacks"),
    path("devoluciones/<int:pk>/intento/", callbacks.callback_attempt, name="callback_attempt"),
    path("supervision/", supervision.supervision, name="supervision"),
    path("supervision/cifras/", supervision.live, name="live"),
    path("turnos/", supervision.shifts, name="shifts"),
    path("reportes/", supervision.reports, name="reports"),
    path("reportes/csv/", supervision.report_export, name="report_csv"),
]
