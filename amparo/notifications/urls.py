from django.urls import path

from amparo.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("contador/", views.badge, name="badge"),
    path("<int:pk>/acuse/", views.acknowledge, name="acknowledge"),
    path("acuses-pendientes/", views.pending_acks, name="pending_acks"),
    path("guardias/", views.roster, name="roster"),
    path("guardias/<int:pk>/cancelar/", views.cancel_shift, name="cancel_shift"),
    path("mi-celular/", views.contact, name="contact"),
    path("sw.js", views.service_worker, name="service_worker"),
]
